// Web App 3's answers to plugin RPC calls: syn handshake, toolbar buttons,
// dial-out. Everything else gets {status: 'failed', reason: 'Not supported…'}.
import type {
  GenericRPCReply,
  RPCCall,
  RPCCallPayload,
  RPCCallReply,
  RPCCalls,
  ToolbarButtonPayload,
} from '@pexip/plugin-api';
import { uuid } from './ids';
import { isValidIcon } from './icons';
import type { Participants } from './participants';
import type { PluginFrame } from './plugin-host';
import type { RpcLogEntry, SimRejection } from './sim-api';
import type { Toolbar } from './toolbar';

/** Reply to an RPC the simulator does not implement. */
export interface UnsupportedReply {
  status: 'failed';
  reason: string;
}

/**
 * What a handler may answer. plugin-api's reply types are narrower than what
 * Web App 3 sends (e.g. ButtonRPCReply only lists 'Invalid Icon name' as a
 * reason); the plugin side reads `status` and `reason` either way.
 */
type Reply<K extends keyof RPCCalls> = RPCCallReply<K> | GenericRPCReply | UnsupportedReply;
type Handler<K extends keyof RPCCalls> = (frame: PluginFrame, payload: unknown) => Reply<K>;
type Handlers = { [K in keyof RPCCalls]?: Handler<K> };

export interface RouterDeps {
  toolbar: Toolbar;
  participants: Participants;
  log: RpcLogEntry[];
  dialOuts: Array<RPCCallPayload<'conference:dialOut'>>;
  rejections: SimRejection[];
  inMeeting(): boolean;
  /** a frame registered (again): its previous buttons are already removed */
  onRegistered(frame: PluginFrame): void;
  onRejected(frame: PluginFrame, rejection: SimRejection): void;
  /** first answer to a ui:button:add from this frame since it registered */
  onButtonAddAnswered(frame: PluginFrame): void;
  /** every message logged, for the page's RPC log */
  onLogged(entry: RpcLogEntry): void;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const unsupported = (what: string): UnsupportedReply => ({
  status: 'failed',
  reason: `Not supported by the simulator: ${what}`,
});

/** Check a toolbar button payload; returns the failed reply or null. */
function checkButton(payload: Record<string, unknown>, id: string): GenericRPCReply | UnsupportedReply | null {
  if (payload.position !== 'toolbar') return unsupported(`button position '${String(payload.position)}'`);
  if (!isValidIcon(payload.icon)) return { status: 'failed', reason: 'Invalid Icon name', id };
  if (typeof payload.tooltip !== 'string') {
    return { status: 'failed', reason: 'Invalid tooltip: expected a string', id };
  }
  return null;
}

export function createRouter(deps: RouterDeps): (frame: PluginFrame, call: RPCCall) => void {
  const { toolbar, participants } = deps;
  const answeredAdd = new WeakSet<PluginFrame>();

  const handlers: Handlers = {
    'ui:button:add': (frame, payload) => {
      const id = uuid();
      const bad = isRecord(payload)
        ? checkButton(payload, id)
        : ({ status: 'failed', reason: 'Invalid button payload', id } as const);
      // Only toolbar buttons pass checkButton; group buttons are not drawn.
      if (!bad) toolbar.add(frame.id, id, payload as ToolbarButtonPayload);
      if (!answeredAdd.has(frame)) {
        answeredAdd.add(frame);
        queueMicrotask(() => deps.onButtonAddAnswered(frame));
      }
      return bad ?? { status: 'ok', id, data: undefined };
    },

    'ui:button:update': (frame, payload) => {
      if (!isRecord(payload)) return { status: 'failed', reason: 'Invalid button payload', id: '' };
      const { targetId, ...button } = payload;
      const id = typeof targetId === 'string' ? targetId : '';
      if (toolbar.ownerOf(id) !== frame.id) {
        return { status: 'failed', reason: `Unknown button '${String(targetId)}'`, id };
      }
      const bad = checkButton(button, id);
      if (bad) return bad;
      toolbar.update(id, button as unknown as ToolbarButtonPayload);
      return { status: 'ok', id, data: undefined };
    },

    'ui:removeElement': (frame, payload) => {
      const id = isRecord(payload) && typeof payload.id === 'string' ? payload.id : '';
      if (toolbar.ownerOf(id) !== frame.id) return { status: 'failed', reason: `Unknown element '${id}'`, id };
      toolbar.remove(id);
      return { status: 'ok', id, data: undefined };
    },

    'conference:dialOut': (frame, payload) => {
      deps.dialOuts.push(payload as RPCCallPayload<'conference:dialOut'>);
      // Without a call there is no Infinity token: the dial fails as a refused one does.
      if (!deps.inMeeting()) return undefined;
      return participants.dialOut(frame.id, payload);
    },

    'participant:disconnect': (_frame, payload) => {
      const id = isRecord(payload) && typeof payload.participantUuid === 'string' ? payload.participantUuid : '';
      return participants.disconnect(id)
        ? { status: 200, data: { status: 'success', result: true } }
        : { status: 403, data: { status: 'failed', result: `Unknown participant '${id}'` } };
    },
  };

  const syn = (frame: PluginFrame, call: RPCCall): void => {
    frame.markSyn();
    const payload: unknown = call.payload;
    const claimed = isRecord(payload) ? payload.id : undefined;
    if (claimed === frame.id) {
      toolbar.removePlugin(frame.id);
      answeredAdd.delete(frame);
      frame.accept(call.chanId);
      frame.reply(call, { ack: true } satisfies RPCCallReply<'syn'>);
      frame.timing.ack = performance.now();
      deps.onRegistered(frame);
      return;
    }
    const reason = `Plugin id '${String(claimed)}' does not match manifest id '${frame.id}'`;
    toolbar.removePlugin(frame.id);
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
    const handler = handlers[call.rpc] as Handler<typeof call.rpc> | undefined;
    frame.reply(call, handler ? handler(frame, call.payload) : unsupported(call.rpc));
  };
}
