// Web App 3's answers to plugin RPC calls: the syn handshake, toolbar buttons,
// toasts (toasts.ts), dial-out, the participant list, the meeting's chat
// (chat.ts) and participant controls (controls.ts). Other RPCs plugin-api
// defines get unimplementedReply (unimplemented.ts); names it does not define
// get no reply. LEDGER.md gives the source of each answer.
import type { GenericRPCReply, RPCCall, RPCCallPayload, RPCCallReply, RPCCalls, ToolbarButtonPayload } from '@pexip/plugin-api';
import { cannedReply, type AnswerQueue } from '../model/answer-next';
import type { MeetingChat } from '../model/chat';
import { CONTROL_RPCS, isControlRpc, type Controls, type Refusal } from '../model/controls';
import { isValidIcon } from '../model/icon-names';
import { isRecord } from '../model/is-record';
import { uuid } from '../model/ids';
import { NO_REPLY, type NoReply } from '../model/no-reply';
import type { Participants } from '../model/participants';
import type { PluginFrame } from './plugin-host';
import type { Roster } from '../model/roster';
import { isKnownRpc } from '../model/rpc-names';
import type { RpcLogEntry, SimRejection } from '../harness/sim-api';
import type { Toasts } from '../model/toasts';
import type { Toolbar } from '../view/toolbar';
import { notSimulated, unimplementedReply } from '../model/unimplemented';

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
type Reply<K extends keyof RPCCalls> = RPCCallReply<K> | GenericRPCReply | Refusal | NoReply;
/** What a handler gets besides the payload: the call's id, and a way to act once the reply has gone. */
interface CallContext {
  callId: string;
  afterReply(fn: () => void): void;
}
type Handler<K extends keyof RPCCalls, F> = (frame: F, payload: unknown, context: CallContext) => Reply<K>;
type Handlers<F> = { [K in keyof RPCCalls]?: Handler<K, F> };

export interface RouterDeps<F extends RpcFrame = RpcFrame> {
  toolbar: Pick<Toolbar, 'add' | 'update' | 'remove' | 'removePlugin' | 'ownerOf'>;
  participants: Pick<Participants, 'dialOut'>;
  controls: Pick<Controls, 'handle' | 'calls'>;
  chat: Pick<MeetingChat, 'send'>;
  toasts: Pick<Toasts, 'show'>;
  roster: Pick<Roster, 'active' | 'rows'>;
  /** canned answers (__sim.answerNext) */
  answers: Pick<AnswerQueue, 'take'>;
  /** ?silent=: refusals Infinity's client does not type, and unknown RPC names, get no reply */
  options: { silent: boolean };
  log: RpcLogEntry[];
  dialOuts: Array<RPCCallPayload<'conference:dialOut'>>;
  rejections: SimRejection[];
  inMeeting(): boolean;
  /** a frame registered (again): its previous buttons are already removed */
  onRegistered(frame: F): void;
  onRejected(frame: F, rejection: SimRejection): void;
  /** a syn was acked although its id is not the manifest's */
  onIdMismatch(frame: F, claimed: unknown): void;
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
  /** the id each frame registered with (its channel's prefix in Web App 3) */
  const claimedIds = new Map<F, unknown>();

  const handlers: Handlers<F> = {
    'ui:button:add': (frame, payload, { callId }) => {
      // Web App 3 names the button after the call's id (secondary: Josh-E-S/pexip-infinity-skills).
      const id = callId !== '' && toolbar.ownerOf(callId) === undefined ? callId : uuid();
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

    'conference:sendMessage': (frame, payload, { afterReply }) => deps.chat.send(payload, frame.id, afterReply),

    'conference:dialOut': (frame, payload) => {
      deps.dialOuts.push(payload as RPCCallPayload<'conference:dialOut'>);
      // Without a call there is no Infinity token: @pexip/infinity returns undefined without a request.
      if (!deps.inMeeting()) return undefined;
      const reply = participants.dialOut(frame.id, payload);
      // infinity-api's dial knows only 200: a refusal throws inside Web App 3 and no reply comes.
      return reply === undefined && deps.options.silent ? NO_REPLY : reply;
    },

    'conference:requestParticipants': () =>
      deps.roster.active ? { status: 200, data: { status: 'success', result: deps.roster.rows() } } : undefined,
  };
  for (const rpc of CONTROL_RPCS) {
    (handlers as Record<string, Handler<typeof rpc, F>>)[rpc] = (frame, payload) => deps.controls.handle(rpc, payload, frame.id);
  }

  const syn = (frame: F, call: RPCCall): void => {
    frame.markSyn();
    const payload: unknown = call.payload;
    const claimed = isRecord(payload) ? payload.id : undefined;
    toolbar.removePlugin(frame.id);
    // Web App 3 refuses only an id another live channel holds; it does not compare with the manifest.
    const taken = [...claimedIds].some(([other, id]) => other !== frame && other.isRegistered && id === claimed);
    if (!taken) {
      answeredAdd.delete(frame);
      claimedIds.set(frame, claimed);
      frame.accept(call.chanId);
      frame.reply(call, { ack: true } satisfies RPCCallReply<'syn'>);
      frame.timing.ack = performance.now();
      deps.onRegistered(frame);
      if (claimed !== frame.id) deps.onIdMismatch(frame, claimed);
      return;
    }
    const reason = 'A plugin with the same id already exists';
    claimedIds.delete(frame);
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
    const how = deps.answers.take(call.rpc);
    if (how !== undefined) {
      const reply = cannedReply(how);
      if (isControlRpc(call.rpc)) {
        deps.controls.calls.push({ plugin: frame.id, rpc: call.rpc, payload: call.payload, reply: reply === NO_REPLY ? undefined : reply, ...(reply === NO_REPLY ? { silent: true } : {}) });
      }
      if (reply !== NO_REPLY) frame.reply(call, reply);
      return;
    }
    // An RPC name is the plugin's text: 'constructor' must not find Object's.
    const handler = (Object.hasOwn(handlers, call.rpc) ? handlers[call.rpc] : undefined) as Handler<typeof call.rpc, F> | undefined;
    if (handler) {
      const after: Array<() => void> = [];
      const reply = handler(frame, call.payload, { callId: call.id, afterReply: (fn) => after.push(fn) });
      if (reply === NO_REPLY) console.warn(`[simulator] '${call.rpc}' from ${frame.id} was refused: no reply, as Web App 3 sends none when Infinity's client throws (?silent=0 answers)`);
      else frame.reply(call, reply);
      for (const fn of after) fn();
      return;
    }
    if (!isKnownRpc(call.rpc) && deps.options.silent) {
      console.warn(`[simulator] '${call.rpc}' from ${frame.id} is no RPC plugin-api defines: no reply, as Web App 3 has no case for it (?silent=0 answers)`);
      return;
    }
    console.warn(`[simulator] '${call.rpc}' from ${frame.id} is not implemented: answered as Web App 3 answers a refusal`);
    frame.reply(call, unimplementedReply(call.rpc));
  };
}
