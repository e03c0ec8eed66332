export * from './actions';
export * from './types';
export * from './validate';
export * from './codec';
export * from './comlink-wire';
