// The hooks the simulator exposes on `window.__sim`, for tests, benches and the console.
import type {
  EventMessage,
  InfinityParticipant,
  RPCCallPayload,
  ToolbarButtonPayload,
} from '@pexip/plugin-api';

/** One RPC call received from a plugin frame (syn included, ignored calls included). */
export interface RpcLogEntry {
  /** performance.now() when the message arrived */
  t: number;
  /** manifest id of the frame that sent it */
  plugin: string;
  rpc: string;
  payload: unknown;
}

/** A rendered toolbar button. */
export interface SimButtonState {
  pluginId: string;
  id: string;
  tooltip: string;
  isActive: boolean;
  /** badge.isVisible */
  badge: boolean;
  icon: ToolbarButtonPayload['icon'];
}

/** A `syn` answered with `{ack: false}`. */
export interface SimRejection {
  t: number;
  /** manifest id of the frame */
  pluginId: string;
  /** the id the plugin sent */
  receivedId: unknown;
  reason: string;
}

export type SimParticipantState = 'calling' | 'joined' | 'left';

/** A dialled-out participant, as the simulator tracks it. */
export interface SimParticipant {
  uuid: string;
  /** manifest id of the plugin that dialled */
  pluginId: string;
  destination: string;
  displayName: string;
  role: 'chair' | 'guest';
  state: SimParticipantState;
  /** the InfinityParticipant sent with event:participantJoined (once joined) */
  participant?: InfinityParticipant;
}

export type PluginFrameState = 'loading' | 'acked' | 'rejected' | 'silent';

/** performance.now() marks for one plugin frame (reset on reload). */
export interface PluginTiming {
  /** iframe inserted (or src set again on reload) */
  inserted: number;
  /** syn message arrived */
  syn?: number;
  /** ack (or rejection) posted */
  ack?: number;
}

export interface SimReadySummary {
  plugins: Array<{ id: string; state: PluginFrameState }>;
}

export type SimEventName = keyof EventMessage;

export interface SimApi {
  /** every RPC received from a plugin frame, in arrival order */
  readonly log: RpcLogEntry[];
  /** RPC name → number of calls in `log` */
  counts(): Record<string, number>;
  /** rendered plugin toolbar buttons, in toolbar order */
  buttons(): SimButtonState[];
  /** every conference:dialOut body received, in order */
  readonly dialOuts: Array<RPCCallPayload<'conference:dialOut'>>;
  readonly rejections: SimRejection[];
  /** errors shown on the page (manifest, configuration) */
  readonly errors: string[];
  participants(): SimParticipant[];
  /** send an event to every registered plugin; the page follows connected/disconnected */
  emit<K extends SimEventName>(event: K, payload: EventMessage[K]['payload']): void;
  /** re-create every manifest plugin frame; resolves like `ready` */
  reloadPlugins(): Promise<SimReadySummary>;
  setJoinDelay(ms: number): void;
  /** clear `log` (not dialOuts/rejections) */
  resetLog(): void;
  /** whether event:connected was sent and no disconnect since */
  inMeeting(): boolean;
  /**
   * Resolves once every manifest plugin has been acked and added its first
   * button (or 1 s passed after ack without one), been rejected, or stayed
   * silent for 5 s after loading; auto-join (event:connected) happens first.
   * Rejects when the manifest cannot be loaded.
   */
  ready: Promise<SimReadySummary>;
  /** per plugin id: performance.now() of insertion, syn, ack */
  readonly timings: Record<string, PluginTiming>;
  /**
   * Bench hook: `listener` runs after each RPC from a plugin frame has been
   * handled (a `ui:button:update` is already rendered). Returns an unsubscribe.
   */
  onRpc(listener: (entry: RpcLogEntry) => void): () => void;
}

declare global {
  interface Window {
    __sim?: SimApi;
  }
}
