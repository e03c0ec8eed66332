/**
 * The plugin's half of comlink's message format: building the APPLY messages
 * comlink's `expose()` runs, and reading its replies. Comlink declares these
 * shapes with `const enum`s in an internal module, so the few fields used
 * here are written out.
 */

/** An APPLY of one service method, every argument passed as a plain (RAW) value. */
export interface ComlinkApply {
  id: string;
  type: 'APPLY';
  path: [string];
  argumentList: { type: 'RAW'; value: unknown }[];
}

/** What `expose()` answers: a returned value (RAW) or a thrown one (HANDLER 'throw'). */
export interface ComlinkReply {
  id: string;
  type: string;
  value?: unknown;
}

/** Built here from validated arguments only: no received data ever becomes a comlink message. */
export const apply = (id: string, method: string, args: readonly unknown[]): ComlinkApply => ({
  id,
  type: 'APPLY',
  path: [method],
  argumentList: args.map((value) => ({ type: 'RAW', value })),
});

/** A reply as a returned value or a thrown error (rebuilt as an Error when comlink serialized one). */
export function readReply(reply: ComlinkReply): { ok: true; value: unknown } | { ok: false; error: unknown } {
  if (reply.type === 'RAW') return { ok: true, value: reply.value };
  const serialized = reply.value as { isError?: boolean; value?: unknown } | undefined;
  return { ok: false, error: serialized?.isError ? Object.assign(new Error(), serialized.value) : serialized?.value };
}
