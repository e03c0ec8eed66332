// Pure: the reply to an RPC the simulator does not implement, shaped as Web App 3
// shapes a refusal of that kind of call, so a plugin takes the same code path it
// would take against a real Web App 3 that says no. See README.md, "Calls the
// simulator does not implement", for the facts behind each shape.
import type { GenericRPCReply, RPCCallReply } from '@pexip/plugin-api';

export const notSimulated = (what: string): string =>
  `Not supported by the simulator: ${what} (see simulator/BEHAVIOUR.md for what it implements)`;

/**
 * - `conference:*` / `participant:*`: Web App 3 answers with what its Infinity
 *   client returned, typed `undefined | {status, data}`; a request that did not
 *   go through is `undefined`, and plugin-api hands that back as the value.
 * - `syn:widget`: a refused registration, `{ack: false, reason}`; plugin-api's
 *   registerWidget then throws.
 * - anything else (`ui:*`, `app:*`; names plugin-api does not define only with
 *   ?silent=0, they otherwise get no reply): `{status: 'failed', reason, id}`,
 *   which plugin-api's ui wrappers turn into a rejection `{reason}`.
 */
export function unimplementedReply(rpc: string): GenericRPCReply | RPCCallReply<'syn:widget'> | undefined {
  if (rpc.startsWith('conference:') || rpc.startsWith('participant:')) return undefined;
  if (rpc === 'syn:widget') return { ack: false, reason: notSimulated('widgets') };
  return { status: 'failed', reason: notSimulated(rpc), id: '' };
}
