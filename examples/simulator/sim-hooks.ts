// Builds window.__sim (its contract is SimApi in sim-api.ts) from the simulator's parts.
import type { RPCCallPayload } from '@pexip/plugin-api';
import type { Meeting } from './meeting';
import type { Participants } from './participants';
import type { PluginFrames } from './plugin-frames';
import type { PluginTiming, RpcLogEntry, SimApi, SimRejection } from './sim-api';
import type { Toolbar } from './toolbar';

export interface SimHookParts {
  plugins: PluginFrames;
  meeting: Meeting;
  participants: Participants;
  toolbar: Toolbar;
  log: RpcLogEntry[];
  dialOuts: Array<RPCCallPayload<'conference:dialOut'>>;
  rejections: SimRejection[];
  errors: string[];
  /** the page's RPC log rows, emptied with `log` */
  rpcLogView: HTMLElement;
}

/** `api` becomes window.__sim; the entry point calls `notifyRpc` once each RPC has been handled. */
export function createSimApi(parts: SimHookParts): { api: SimApi; notifyRpc(entry: RpcLogEntry): void } {
  const { plugins, meeting, participants, toolbar, log } = parts;
  const rpcListeners = new Set<(entry: RpcLogEntry) => void>();
  const api: SimApi = {
    log,
    counts: () => {
      const counts: Record<string, number> = {};
      for (const { rpc } of log) counts[rpc] = (counts[rpc] ?? 0) + 1;
      return counts;
    },
    buttons: () => toolbar.list(),
    dialOuts: parts.dialOuts,
    rejections: parts.rejections,
    errors: parts.errors,
    participants: () => participants.list(),
    emit: (event, payload) => {
      plugins.broadcast(event, payload);
      meeting.observe(event);
    },
    reloadPlugins: () => plugins.reload(),
    setJoinDelay: (ms) => {
      participants.joinDelay = ms;
    },
    resetLog: () => {
      log.length = 0;
      parts.rpcLogView.replaceChildren();
    },
    inMeeting: () => meeting.inMeeting,
    get ready() {
      return plugins.ready;
    },
    get timings(): Record<string, PluginTiming> {
      return Object.fromEntries(plugins.frames.map((f) => [f.id, { ...f.timing }]));
    },
    onRpc: (listener) => {
      rpcListeners.add(listener);
      return () => rpcListeners.delete(listener);
    },
  };
  return {
    api,
    notifyRpc: (entry) => {
      for (const listener of rpcListeners) listener(entry);
    },
  };
}
