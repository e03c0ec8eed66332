declare module '@pexip/infinity-api/dist/conference/validation.js' {
  export function validateDialBody(data: unknown): boolean;
}
