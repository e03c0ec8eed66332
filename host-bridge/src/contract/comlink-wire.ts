/**
 * Comlink's own message shapes, built and read in one place. Comlink declares
 * them with `const enum`s, which isolated modules cannot name, hence the casts.
 */
import type { ApplyMessage, Message, WireValue } from 'comlink/dist/esm/protocol';
import type { ServiceMethod } from './codec';

export type { Message, WireValue };
export type Reply = WireValue & { id: string };

export const raw = (value: unknown): WireValue => ({ type: 'RAW', value }) as unknown as WireValue;

/** `isError: false` makes comlink rethrow this very object, class and all. */
export const thrown = (error: unknown): WireValue =>
  ({ type: 'HANDLER', name: 'throw', value: { isError: false, value: error } }) as unknown as WireValue;

export const isRaw = (value: WireValue): boolean => (value.type as string) === 'RAW';

/** What a thrown reply carries, as an Error when comlink serialized one. */
export function thrownValue(value: WireValue): unknown {
  const serialized = (value as { value?: { isError?: boolean; value?: unknown } }).value;
  return serialized?.isError ? Object.assign(new Error(), serialized.value) : serialized?.value;
}

/** An APPLY of one service method with plain (already validated) arguments. */
export const apply = (id: string, method: ServiceMethod, args: readonly unknown[]): ApplyMessage =>
  ({ id, type: 'APPLY', path: [method], argumentList: args.map(raw) }) as unknown as ApplyMessage;

/** The method and arguments of an APPLY comlink's proxy posted in this page; undefined for anything else. */
export function readApply(message: Message): { method: string; args: unknown[] } | undefined {
  if ((message.type as string) !== 'APPLY') return undefined;
  const { path, argumentList } = message as ApplyMessage;
  return { method: String(path[0]), args: argumentList.map((arg) => (arg as { value?: unknown }).value) };
}
