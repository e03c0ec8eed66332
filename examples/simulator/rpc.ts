// Web App 3's answers to plugin RPC calls: the syn handshake, toolbar buttons,
// toasts (toasts.ts), dial-out, the meeting's chat (chat.ts) and participant
// controls (controls.ts). Everything else gets unimplementedReply (unimplemented.ts).
import type { GenericRPCReply, RPCCall, RPCCallPayload, RPCCallReply, RPCCalls, ToolbarButtonPayload } from '@pexip/plugin-api';
import type { MeetingChat } from './chat';
import { CONTROL_RPCS, type Controls, type Refusal } from './controls';
import { isValidIcon } from './icons';
import { isRecord } from './is-record';
import { uuid } from './ids';
import type { Participants } from './participants';
import type { PluginFrame } from './plugin-host';
import type { RpcLogEntry, SimRejection } from './sim-api';
import type { Toasts } from './toasts';
import type { Toolbar } from './toolbar';
import { notSimulated, unimplementedReply } from './unimplemented';

/** What the router needs of a plugin frame (PluginFrame; a fake in unit tests). */
export type RpcFrame = Pick<
  PluginFrame,
  'id' | 'timing' | 'isRegistered' | 'chanId' | 'markSyn' | 'accept' | 'reject' | 'reply'
>;

/**
 * What a handler may answer. plugin-api's reply types are narrower than what
 * Web App 3 sends (e.g. ButtonRPCReply only lists 'Invalid Icon name' as a
 * reason); the plugin side reads `status` and `reason` either way.
 */
type Reply<K extends keyof RPCCalls> = RPCCallReply<K> | GenericRPCReply | Refusal;
type Handler<K extends keyof RPCCalls, F> = (frame: F, payload: unknown) => Reply<K>;
type Handlers<F> = { [K in keyof RPCCalls]?: Handler<K, F> };

export interface RouterDeps<F extends RpcFrame = RpcFrame> {
  toolbar: Pick<Toolbar, 'add' | 'update' | 'remove' | 'removePlugin' | 'ownerOf'>;
  participants: Pick<Participants, 'dialOut'>;
  controls: Pick<Controls, 'handle'>;
  chat: Pick<MeetingChat, 'send'>;
  toasts: Pick<Toasts, 'show'>;
  log: RpcLogEntry[];
  dialOuts: Array<RPCCallPayload<'conference:dialOut'>>;
  rejections: SimRejection[];
  inMeeting(): boolean;
  /** a frame registered (again): its previous buttons are already removed */
  onRegistered(frame: F): void;
  onRejected(frame: F, rejection: SimRejection): void;
  /** first answer to a ui:button:add from this frame since it registered */
  onButtonAddAnswered(frame: F): void;
  /** every message logged, for the page's RPC log */
  onLogged(entry: RpcLogEntry): void;
}

const failed = (reason: string, id: string): GenericRPCReply => ({ status: 'failed', reason, id });

/** Check a toolbar button payload; returns the failed reply or null. */
function checkButton(payload: Record<string, unknown>, id: string): GenericRPCReply | null {
  if (payload.position !== 'toolbar') return failed(notSimulated(`button position '${String(payload.position)}'`), id);
  if (!isValidIcon(payload.icon)) return failed('Invalid Icon name', id);
  if (typeof payload.tooltip !== 'string') return failed('Invalid tooltip: expected a string', id);
  return null;
}

/** Returns the router: it logs each call, answers it on `frame`, and reports what changed through `deps`. */
export function createRouter<F extends RpcFrame>(deps: RouterDeps<F>): (frame: F, call: RPCCall) => void {
  const { toolbar, participants } = deps;
  const answeredAdd = new WeakSet<F>();

  const handlers: Handlers<F> = {
    'ui:button:add': (frame, payload) => {
      const id = uuid();
      const bad = isRecord(payload) ? checkButton(payload, id) : failed('Invalid button payload', id);
      // Only toolbar buttons pass checkButton; group buttons are not drawn.
      if (!bad) toolbar.add(frame.id, id, payload as ToolbarButtonPayload);
      if (!answeredAdd.has(frame)) {
        answeredAdd.add(frame);
        queueMicrotask(() => deps.onButtonAddAnswered(frame));
      }
      return bad ?? { status: 'ok', id, data: undefined };
    },

    'ui:button:update': (frame, payload) => {
      if (!isRecord(payload)) return failed('Invalid button payload', '');
      const { targetId, ...button } = payload;
      const id = typeof targetId === 'string' ? targetId : '';
      if (toolbar.ownerOf(id) !== frame.id) return failed(`Unknown button '${String(targetId)}'`, id);
      const bad = checkButton(button, id);
      if (bad) return bad;
      toolbar.update(id, button as unknown as ToolbarButtonPayload);
      return { status: 'ok', id, data: undefined };
    },

    'ui:removeElement': (frame, payload) => {
      const id = isRecord(payload) && typeof payload.id === 'string' ? payload.id : '';
      if (toolbar.ownerOf(id) !== frame.id) return failed(`Unknown element '${id}'`, id);
      toolbar.remove(id);
      return { status: 'ok', id, data: undefined };
    },

    'ui:toast:show': (frame, payload) => deps.toasts.show(frame.id, payload),

    'conference:sendMessage': (frame, payload) => deps.chat.send(payload, frame.id),

    'conference:dialOut': (frame, payload) => {
      deps.dialOuts.push(payload as RPCCallPayload<'conference:dialOut'>);
      // Without a call there is no Infinity token: the dial fails as a refused one does.
      if (!deps.inMeeting()) return undefined;
      return participants.dialOut(frame.id, payload);
    },
  };
  for (const rpc of CONTROL_RPCS) {
    (handlers as Record<string, Handler<typeof rpc, F>>)[rpc] = (frame, payload) => deps.controls.handle(rpc, payload, frame.id);
  }

  const syn = (frame: F, call: RPCCall): void => {
    frame.markSyn();
    const payload: unknown = call.payload;
    const claimed = isRecord(payload) ? payload.id : undefined;
    toolbar.removePlugin(frame.id);
    if (claimed === frame.id) {
      answeredAdd.delete(frame);
      frame.accept(call.chanId);
      frame.reply(call, { ack: true } satisfies RPCCallReply<'syn'>);
      frame.timing.ack = performance.now();
      deps.onRegistered(frame);
      return;
    }
    const reason = `Plugin id '${String(claimed)}' does not match manifest id '${frame.id}'`;
    frame.reject();
    frame.reply(call, { ack: false, reason } satisfies RPCCallReply<'syn'>);
    frame.timing.ack = performance.now();
    const rejection: SimRejection = { t: performance.now(), pluginId: frame.id, receivedId: claimed, reason };
    deps.rejections.push(rejection);
    deps.onRejected(frame, rejection);
  };

  return (frame, call) => {
    const entry: RpcLogEntry = { t: performance.now(), plugin: frame.id, rpc: call.rpc, payload: call.payload };
    deps.log.push(entry);
    deps.onLogged(entry);
    if (call.rpc === 'syn') return syn(frame, call);
    // Calls are accepted only on the channel that was acked.
    if (!frame.isRegistered || call.chanId !== frame.chanId) {
      console.warn(`[simulator] ignored '${call.rpc}' from ${frame.id}: channel ${call.chanId} is not registered`);
      return;
    }
    const handler = handlers[call.rpc] as Handler<typeof call.rpc, F> | undefined;
    if (handler) return frame.reply(call, handler(frame, call.payload));
    console.warn(`[simulator] '${call.rpc}' from ${frame.id} is not implemented: answered as Web App 3 answers a refusal`);
    frame.reply(call, unimplementedReply(call.rpc));
  };
}
