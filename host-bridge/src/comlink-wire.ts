/**
 * The host's half of comlink's message format: reading the APPLY messages
 * comlink's `wrap()` posts, and building the replies it expects. Comlink
 * declares these shapes with `const enum`s in an internal module, so the few
 * fields used here are written out.
 */

/** What comlink's proxy posts: `{ id, type, path, argumentList }` for a call. */
export interface ComlinkMessage {
  id?: string;
  type: string;
  path?: string[];
  argumentList?: { type: string; value?: unknown }[];
}

/** A reply comlink's proxy settles its call with. */
export type ComlinkReply = { id: string } & ({ type: 'RAW'; value: unknown } | { type: 'HANDLER'; name: 'throw'; value: unknown });

export const returned = (id: string, value: unknown): ComlinkReply => ({ id, type: 'RAW', value });

/** `isError: false` makes comlink rethrow this very object, class and all. */
export const thrown = (id: string, error: unknown): ComlinkReply => ({ id, type: 'HANDLER', name: 'throw', value: { isError: false, value: error } });

/** The method and arguments of an APPLY comlink's proxy posted in this page; undefined for anything else. */
export function readApply(message: ComlinkMessage): { method: string; args: unknown[] } | undefined {
  if (message.type !== 'APPLY' || !message.path || !message.argumentList) return undefined;
  return { method: String(message.path[0]), args: message.argumentList.map((arg) => arg.value) };
}
