// The hooks the simulator exposes on `window.__sim`, for tests, benches and the console.
import type {
  EventMessage,
  InfinityParticipant,
  NotificationToastMessage,
  RPCCallPayload,
  ToolbarButtonPayload,
} from '@pexip/plugin-api';
import type { SimAnswer } from '../model/answer-next';
import type { ParticipantPatch } from '../model/infinity-participant';

export type { SimAnswer };

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

/** A `syn` answered with `{ack: false}`: its id is the one another live plugin frame registered with. */
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

/** A participant control received from a plugin (see controls.ts), with the reply it got. */
export interface SimControlCall {
  /** manifest id of the frame that sent it */
  plugin: string;
  rpc: string;
  payload: unknown;
  /** Infinity's answer as sent back: `{status: 200 | 403, data}`, or undefined (outside a meeting; setRole) */
  reply: unknown;
  /** no reply was sent (a silent refusal, or `answerNext(rpc, 'silent')`) */
  silent?: boolean;
  /** why it was refused, when the reply does not say (setRole's undefined, a silent refusal) */
  refused?: string;
}

/** A `participant:sendDTMF` that went through. */
export interface SimDtmf {
  participantUuid: string;
  digits: string;
}

/** The fields of a participant a roster view shows and controls depend on (`__sim.roster()`). */
export type SimRosterEntry = Pick<
  InfinityParticipant,
  | 'uuid'
  | 'displayName'
  | 'role'
  | 'isHost'
  | 'isWaiting'
  | 'isMuted'
  | 'isClientMuted'
  | 'isCameraMuted'
  | 'isPresenting'
  | 'isSpotlight'
  | 'raisedHand'
  | 'protocol'
  | 'callType'
  | 'isExternal'
  | 'canControl'
  | 'canMute'
  | 'canDisconnect'
  | 'canTransfer'
  | 'canSpotlight'
  | 'canFecc'
  | 'canRaiseHand'
  | 'canChangeLayout'
>;

/** The `can*` flags a test may switch with `setPermission`. */
export type SimPermission = 'canControl' | 'canMute' | 'canDisconnect' | 'canTransfer' | 'canSpotlight' | 'canFecc' | 'canRaiseHand' | 'canChangeLayout';

/** A change to one participant, in InfinityParticipant's own fields (uuid and rawData excepted). */
export type SimParticipantPatch = ParticipantPatch;

export interface SimChurnState {
  /** changes per second (0 = off) */
  rate: number;
  /** whether the timer runs (rate > 0 and in a meeting) */
  running: boolean;
  /** changes applied since the page loaded */
  applied: number;
}

/** One message of the meeting's chat (`__sim.meetingMessages()`). */
export interface SimMeetingMessage {
  /** the id the plugins got in the event's payload (a plugin-sent message gets one too) */
  id: string;
  /** when it was written, ISO 8601 (the event's `at` Date) */
  at: string;
  /** the writer's uuid: the local user's for a message a plugin sent */
  from: string;
  displayName: string;
  text: string;
  /** the recipient's uuid, for a private message */
  to?: string;
  /** private: to the local user (event:directMessage), or from a plugin to `to` */
  direct: boolean;
  /** the manifest id of the plugin that sent it (conference:sendMessage) */
  pluginId?: string;
}

/** A toast a plugin showed with `ui:toast:show`, with Web App 3's defaults filled in. */
export interface SimToast {
  /** manifest id of the plugin that showed it */
  pluginId: string;
  message: string;
  isDanger: boolean;
  /** ms on screen; 0 = until dismissed */
  timeout: number;
  position: NonNullable<NotificationToastMessage['position']>;
  /** performance.now() when it arrived */
  t: number;
}

export interface SimChatterState {
  /** seconds between lines (0 = off) */
  seconds: number;
  /** whether the timer runs (seconds > 0 and in a meeting) */
  running: boolean;
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
  /** the dialled-out calls (calling, joined); the meeting's whole roster is `roster()` */
  participants(): SimParticipant[];
  /**
   * The main room as the simulator holds it: the local user first, then
   * everyone else in join order (lobby included). Empty outside a meeting.
   */
  roster(): SimRosterEntry[];
  /** one participant in full (local user included), as the plugins last got it */
  participant(uuid: string): InfinityParticipant | undefined;
  /** the local user, null outside a meeting */
  me(): InfinityParticipant | null;
  /**
   * Invent `count` (default 1) people who join now (deterministic names and
   * uuids), with `patch` applied (e.g. `{isWaiting: true}` for the lobby).
   * One Join activity each, in one participantsActivities event. Returns their uuids; [] outside a meeting.
   */
  addParticipants(count?: number, patch?: SimParticipantPatch): string[];
  /** someone leaves (Leave activity + participantLeft); false for an unknown uuid or the local user */
  removeParticipant(uuid: string): boolean;
  /** change someone (the local user too: event:me follows); an Update activity; false for an unknown uuid */
  updateParticipant(uuid: string, patch: SimParticipantPatch): boolean;
  /** `updateParticipant(uuid, {[flag]: value})`: makes a control allowed or forbidden (403) for that participant */
  setPermission(uuid: string, flag: SimPermission, value: boolean): boolean;
  /** changes per second, from now on and at every join (0 stops); throws on a negative or non-number rate */
  setChurn(changesPerSecond: number): void;
  /** `setChurn(0)` */
  stopChurn(): void;
  churn(): SimChurnState;
  /** every participant control received (mute, admit, setRole, …), in order, with its reply */
  controls(): SimControlCall[];
  /** every DTMF string that went through */
  dtmf(): SimDtmf[];
  /**
   * The next call of `rpc` (from any plugin) is answered `how` and changes
   * nothing: `'result-false'` = `{status: 200, data: {status: 'success', result: false}}`,
   * `'silent'` = no reply, `{status, result?}` = `{status, data: {status: 'failed', result}}`.
   * Several queue up per RPC. Control RPCs so answered appear in `controls()`.
   * Throws a TypeError on a bad `how` or on `'syn'`.
   */
  answerNext(rpc: string, how: SimAnswer): void;
  /** Infinity's guests_can_unmute (?guestsCanUnmute=): false refuses a guest's self-unmute once someone else muted them */
  setGuestsCanUnmute(allowed: boolean): void;
  /**
   * Participant `uuid` (in the room, not the lobby; not the local user) writes
   * `text` to everyone, or privately to the local user with `{direct: true}`:
   * every registered plugin gets `event:message` / `event:directMessage`
   * `{at: Date, id, message, displayName, userId}`. Returns the message id.
   * Throws an Error saying why for an unknown or waiting uuid, an empty text, or outside a meeting.
   */
  say(uuid: string, text: string, options?: { direct?: boolean }): string;
  /** every message of the current (or last) meeting's chat, in order; a new meeting starts empty */
  meetingMessages(): SimMeetingMessage[];
  /** as picking `code` in the language picker: every registered plugin gets `event:languageSelect` with it; throws on a malformed code */
  setLanguage(code: string): void;
  /** the language Web App 3 tells the plugins now (?lang=, the picker or setLanguage; 'en' when none said) */
  language(): string | null;
  /** every toast a plugin showed (`ui:toast:show` that was not refused), in order */
  toasts(): SimToast[];
  /**
   * Web App 3's built-in toolbar buttons drawn, by their
   * applicationConfig.hiddenFunctionality names, in toolbar order: those of
   * `button-chat` and `button-participants` the manifest does not hide
   * (mic, camera and leave are always drawn and not listed). Empty until the manifest has been
   * read (both are drawn when it cannot be loaded).
   */
  builtInButtons(): string[];
  /** someone in the room writes a line every `seconds` while in the meeting (0 stops); throws on a negative or non-number */
  setChatter(seconds: number): void;
  /** `setChatter(0)` */
  stopChatter(): void;
  chatter(): SimChatterState;
  /** send an event to every registered plugin; the page follows connected/disconnected */
  emit<K extends SimEventName>(event: K, payload: EventMessage[K]['payload']): void;
  /** reload every manifest plugin frame (navigated again; `recreate`: new iframe elements, so new windows); resolves like `ready` */
  reloadPlugins(options?: { recreate?: boolean }): Promise<SimReadySummary>;
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
