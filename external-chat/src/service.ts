import {
  NOTIFY_INTERVAL_MS,
  PAGE_TO_PLUGIN,
  type ControlMethods,
  type WebApp3Call,
  type BadgePayload,
  type ControlAction,
  type ControlPayloads,
  type DialOutBody,
  type DialOutResult,
  type DialectService,
  type DisconnectedPayload,
  type MeetingMessage,
  type ServiceEvents,
  type Topic,
  type TopicPayloads,
  type EveryTopic,
  type LatestTopic,
} from '@external-chat/host-bridge/internal';
import type { InfinityParticipant, Message, ToolbarButtonPayload } from '@pexip/plugin-api';
import {
  INITIAL_BUTTON_STATE,
  INITIAL_PARTICIPANTS_STATE,
  sameButtonState,
  sameParticipantsState,
  toButtonPayload,
  toParticipantsButtonPayload,
  type ButtonState,
  type ParticipantsButtonState,
} from './button-state';
import { callOfControl, refusalIn, type ControlCall } from './controls';
import { primaryLanguage, sameWords, type CustomLabels } from './labels';
import { latestWins } from './latest-wins';
import { createEchoes, createKept, toMeetingMessage } from './meeting-chat';
import { createRateLimit } from './rate-limit';
import { failure } from './errors';
import { createMeetingState, type ParticipantChange, type RosterChanges } from './roster';

/** The plugin's toolbar buttons: Chat, and Participants where the dialect has it (Rocket.Chat's). */
export type ButtonName = 'chat' | 'participants';

/** What the service needs from Web App 3; webapp3.ts adapts @pexip/plugin-api to it. */
export interface WebApp3 {
  /** Redraws a button; resolves at once for a button this deployment did not add. */
  updateButton(button: ButtonName, payload: ToolbarButtonPayload): Promise<unknown>;
  dialOut(body: DialOutBody): Promise<DialOutResult>;
  /** Sends a control; resolves with Web App 3's answer (Infinity's, as a value). */
  control(call: ControlCall): Promise<unknown>;
  onButtonClick(button: ButtonName, handler: () => void): void;
  onConnected(handler: () => void): void;
  onDisconnected(handler: (payload: DisconnectedPayload) => void): void;
  /** Changes to the main room, in the order Web App 3 reported them. */
  onParticipants(handler: (changes: readonly ParticipantChange[]) => void): void;
  onMe(handler: (participant: InfinityParticipant) => void): void;
  /** The main room now, asked once at start; undefined outside a meeting (or from a Web App 3 that cannot say). */
  participantsNow(): Promise<readonly InfinityParticipant[] | undefined>;
  /** A message in the meeting's chat; `direct`: a private one to the local user. */
  onMessage(handler: (message: Message, direct: boolean) => void): void;
  /** Web App 3's language changed (a code such as `nb` or `en-GB`). */
  onLanguage(handler: (code: string) => void): void;
}

/** One of the meeting's events, as the wire vocabularies name it (topics are read with `snapshot`). */
export type ServiceEvent = { [E in keyof ServiceEvents]: { name: E; payload: ServiceEvents[E] } }[keyof ServiceEvents];

/** The current value of each `latest` topic; for an `every` topic, the items kept for a page that subscribes. */
export type Snapshots = { [T in LatestTopic]: TopicPayloads[T] } & { [T in EveryTopic]: readonly TopicPayloads[T][] };

export interface ServiceOptions {
  /** config.json's `labels`: the Chat button's tooltip in the deployment's own words. */
  labels?: CustomLabels | undefined;
  /** Wall-clock time (ms since 1970), for a message that comes without a readable time. */
  now?: () => number;
  /** A clock that never steps back, for the toasts' limit (a wall clock set back an hour would block them for an hour). */
  elapsed?: () => number;
}

export interface PluginService extends DialectService {
  /** The state the embedding page asked for last (not necessarily rendered yet). */
  state(): ButtonState;
  /** The Participants button's state, as the page asked for it last. */
  participantsState(): ParticipantsButtonState;
  onEvent(listener: (event: ServiceEvent) => void): void;
  /** Whether the local user is in the meeting. */
  connected(): boolean;
  /**
   * Settles once Web App 3 said who is in the meeting now (or could not say). `ready` does not wait for it: a
   * plugin that starts mid-meeting raises `connected` and the roster a round trip after it.
   */
  present: Promise<void>;
  /** A topic's current value, checked against the contract's rules; undefined while there is none (no `me` yet). */
  snapshot<T extends keyof Snapshots>(topic: T): Snapshots[T] | undefined;
  /** The roster as changes (roster.ts): whole when `whole`, else what changed since the last call; undefined when nothing did. */
  changes(whole: boolean): RosterChanges | undefined;
  /** A `latest` topic's value changed; read it with `snapshot` when it is time to send. */
  onTopicChange(listener: (topic: Topic) => void): void;
  /** An `every` topic has a new item, checked against the contract's rules. */
  onTopicItem(listener: (topic: EveryTopic, item: TopicPayloads[EveryTopic]) => void): void;
}

/**
 * The plugin's service: owns the Chat button's state and the meeting as Web
 * App 3 reports it, calls Web App 3 and raises the meeting's events (named
 * as the contract names them). It knows nothing of postMessage, envelopes or
 * comlink; its inputs are validated already.
 */
export function createService(
  webapp: WebApp3,
  onButtonError: (error: unknown) => void,
  { labels, now = Date.now, elapsed = () => performance.now() }: ServiceOptions = {},
): PluginService {
  let state = INITIAL_BUTTON_STATE;
  let connected = false;
  /** The room's changes while the plugin asks who is there (participantsNow). */
  let heard: ParticipantChange[] | undefined = [];
  const meeting = createMeetingState();
  const messages = createKept<MeetingMessage>();
  let sequence = 0;
  const messageContext = { now, sequence: () => ++sequence };
  const toasts = createRateLimit(NOTIFY_INTERVAL_MS, elapsed);
  const echoes = createEchoes(elapsed);
  const listeners = new Set<(event: ServiceEvent) => void>();
  const topicListeners = new Set<(topic: Topic) => void>();
  const itemListeners = new Set<(topic: EveryTopic, item: TopicPayloads[EveryTopic]) => void>();
  const emit = (event: ServiceEvent): void => {
    for (const listener of listeners) listener(event);
  };
  const touched = (topic: Topic): void => {
    for (const listener of topicListeners) listener(topic);
  };
  const render = latestWins<ButtonState>((next) => webapp.updateButton('chat', toButtonPayload(next, labels)), INITIAL_BUTTON_STATE, sameButtonState, onButtonError);
  const set = (next: ButtonState): void => {
    state = next;
    render(state);
  };
  let participants = INITIAL_PARTICIPANTS_STATE;
  const renderParticipants = latestWins<ParticipantsButtonState>(
    (next) => webapp.updateButton('participants', toParticipantsButtonPayload(next)),
    INITIAL_PARTICIPANTS_STATE,
    sameParticipantsState,
    onButtonError,
  );
  const setParticipants = (next: ParticipantsButtonState): void => {
    participants = next;
    renderParticipants(participants);
  };

  // A button is a request, not a switch: the page decides and echoes the state back.
  webapp.onButtonClick('chat', () => emit({ name: 'toggle-chat', payload: { active: !state.active } }));
  webapp.onButtonClick('participants', () => emit({ name: 'toggle-participants', payload: { active: !participants.active } }));
  // Said once per meeting, however the plugin learns it (Web App 3 says `connected` again when its event stream reconnects).
  const join = (): void => {
    if (connected) return;
    connected = true;
    emit({ name: 'connected', payload: {} });
  };
  webapp.onConnected(join);
  webapp.onDisconnected((payload) => {
    connected = false;
    heard = undefined;
    meeting.clear();
    // The next meeting's page must not be handed this one's messages, private ones least of all.
    messages.clear();
    emit({ name: 'disconnected', payload });
    touched('roster');
  });
  webapp.onParticipants((changes) => {
    heard?.push(...changes);
    const { roster, self } = meeting.apply(changes);
    if (roster) touched('roster');
    if (self) touched('self');
  });
  // Web App 3 replays nothing to a plugin that (re)starts mid-meeting, so it asks once who is there (`self`
  // waits for the next `me`: no call names the local user). Changes heard meanwhile are applied again on top
  // of the answer: they are idempotent, and may be newer than it.
  const present = webapp
    .participantsNow()
    // No answer (an older Web App 3) is no list.
    .catch(() => undefined)
    .then((participants) => {
      const since = heard;
      heard = undefined;
      if (!participants || !since) return;
      join();
      meeting.apply([{ type: 'all', participants }, ...since]);
      touched('roster');
    });
  webapp.onMe((participant) => {
    if (!meeting.setMe(participant)) return;
    // Web App 3 tells a plugin who the user is only in a meeting: one that starts mid-meeting may learn it here.
    join();
    touched('self');
  });
  webapp.onMessage((message, direct) => {
    // The page sent it: its echo must not reach the page a second time. Before `me`, only soon after the send.
    const from = message?.userId;
    if (meeting.mayBeMe(from) && echoes.take(message?.message, meeting.isMe(from as string))) return;
    const item = toMeetingMessage(message, direct, messageContext);
    if (!item) return;
    messages.add(item);
    for (const listener of itemListeners) listener('meeting-chat', item);
  });
  webapp.onLanguage((code) => {
    const language = primaryLanguage(code);
    // A language that draws the same words changes nothing (Web App 3 says 'en' to every plugin after the ack).
    if (language === undefined || sameWords(language, state.language)) return;
    set({ ...state, language });
    setParticipants({ ...participants, language });
  });

  /** Runs a validated control: refuses what cannot be right before Web App 3 sees it, then reads Infinity's answer. */
  const control =
    <A extends ControlAction>(action: A) =>
    async (payload: ControlPayloads[A]): Promise<void> => {
      const target = 'participantUuid' in payload ? (payload.participantUuid as string) : undefined;
      if (target !== undefined && !meeting.mayExist(target)) {
        throw failure('unknown-participant', `${action}: unknown participant '${target}' (not in the meeting's roster); use a uuid from the latest roster`);
      }
      const call = callOfControl(action, payload, target !== undefined && meeting.isMe(target));
      const refusal = refusalIn((PAGE_TO_PLUGIN[action].webapp3 as WebApp3Call).answersNothing, await webapp.control(call));
      if (refusal !== undefined) throw failure('refused', `${action}: ${refusal}`);
    };

  // Each control's method, as its row names it; the meeting's chat and toasts add their own rules below.
  // Assigned one by one: an object from Object.fromEntries stays ~2 KB larger in the heap (make bench, figure 4).
  const controls = {} as Record<string, unknown>;
  for (const [action, row] of Object.entries(PAGE_TO_PLUGIN)) if (row.kind === 'control') controls[row.method] = control(action as ControlAction);
  const { notify: notifyControl, sendMeetingMessage: sendMessage } = controls as ControlMethods;
  const snapshots: { [T in keyof Snapshots]: () => Snapshots[T] | undefined } = {
    roster: () => ({ participants: meeting.roster() }),
    self: () => meeting.self(),
    'meeting-chat': () => messages.list(),
  };

  return {
    state: () => state,
    participantsState: () => participants,
    onEvent: (listener) => void listeners.add(listener),
    connected: () => connected,
    present,
    snapshot: <T extends keyof Snapshots>(topic: T) => snapshots[topic]() as Snapshots[T] | undefined,
    changes: meeting.changes,
    onTopicChange: (listener) => void topicListeners.add(listener),
    onTopicItem: (listener) => void itemListeners.add(listener),
    setButtonActive: (active) => set({ ...state, active }),
    setBadge: ({ visible, count }: BadgePayload) => set({ ...state, badge: visible, count }),
    setParticipantsButtonActive: (active) => setParticipants({ ...participants, active }),
    dialOut: (body) => webapp.dialOut(body),
    ...(controls as ControlMethods),
    sendMeetingMessage: async (payload) => {
      const sent = echoes.add(payload.text);
      try {
        await sendMessage(payload);
        sent.at = elapsed();
      } catch (error) {
        echoes.forget(sent);
        throw error;
      }
    },
    notify: async (payload) => {
      const wait = toasts.take();
      if (wait > 0) {
        throw failure('rate-limited', `notify: one toast per ${NOTIFY_INTERVAL_MS / 1000} s; this one was not shown (nothing is queued: send it again in ${(wait / 1000).toFixed(1)} s)`);
      }
      return notifyControl(payload);
    },
  };
}
