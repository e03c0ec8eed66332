/**
 * How connect.ts's methods call the host endpoint: comlink's message shapes
 * (APPLY, and RAW or thrown replies), kept from when comlink's `wrap()` made
 * the calls. connect.ts's callerOf now posts them itself: comlink's wrap
 * pulled in all of comlink (1.4 KB gz) for a table of method names.
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
