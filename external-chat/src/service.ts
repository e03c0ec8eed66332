import type {
  ControlAction,
  ControlPayloads,
  DialOutBody,
  DialOutResult,
  DisconnectedPayload,
  ExternalChatService,
  PluginEvents,
  PluginPayloads,
  Topic,
} from '@external-chat/host-bridge/contract';
import type { InfinityParticipant, ToolbarButtonPayload } from '@pexip/plugin-api';
import { INITIAL_BUTTON_STATE, sameButtonState, toButtonPayload, type ButtonState } from './button-state';
import { callOfControl, refusalIn, SELF_CONTROLS, type ControlCall } from './controls';
import { latestWins } from './latest-wins';
import { createMeetingState, type ParticipantChange } from './roster';

/** What the service needs from Web App 3; webapp3.ts adapts @pexip/plugin-api to it. */
export interface WebApp3 {
  updateButton(payload: ToolbarButtonPayload): Promise<unknown>;
  dialOut(body: DialOutBody): Promise<DialOutResult>;
  /** Sends a control; resolves with Web App 3's answer (Infinity's, as a value). */
  control(call: ControlCall): Promise<unknown>;
  onButtonClick(handler: () => void): void;
  onConnected(handler: () => void): void;
  onDisconnected(handler: (payload: DisconnectedPayload) => void): void;
  /** Changes to the main room, in the order Web App 3 reported them. */
  onParticipants(handler: (changes: readonly ParticipantChange[]) => void): void;
  onMe(handler: (participant: InfinityParticipant) => void): void;
}

/** One of the meeting's events, as the wire vocabulary names it (topics are read with `snapshot`). */
export type ServiceEvent = { [E in keyof PluginEvents]: { name: E; payload: PluginEvents[E] } }[keyof PluginEvents];

/** The current value of each topic. */
export type Snapshots = { roster: PluginPayloads['roster']; self: PluginPayloads['self'] };

export interface PluginService extends ExternalChatService {
  /** The state the embedding page asked for last (not necessarily rendered yet). */
  state(): ButtonState;
  onEvent(listener: (event: ServiceEvent) => void): void;
  /** Whether the local user is in the meeting. */
  connected(): boolean;
  /** A topic's current value, checked against the contract's rules; undefined while there is none (no `me` yet). */
  snapshot<T extends Topic>(topic: T): Snapshots[T] | undefined;
  /** A topic's value changed; read it with `snapshot` when it is time to send. */
  onTopicChange(listener: (topic: Topic) => void): void;
}

/**
 * The plugin's service: owns the Chat button's state and the meeting as Web
 * App 3 reports it, calls Web App 3 and raises the meeting's events (named
 * as the contract names them). It knows nothing of postMessage, envelopes or
 * comlink; its inputs are validated already.
 */
export function createService(webapp: WebApp3, onButtonError: (error: unknown) => void): PluginService {
  let state = INITIAL_BUTTON_STATE;
  let connected = false;
  const meeting = createMeetingState();
  const listeners = new Set<(event: ServiceEvent) => void>();
  const topicListeners = new Set<(topic: Topic) => void>();
  const emit = (event: ServiceEvent): void => {
    for (const listener of listeners) listener(event);
  };
  const touched = (topic: Topic): void => {
    for (const listener of topicListeners) listener(topic);
  };
  const render = latestWins<ButtonState>((next) => webapp.updateButton(toButtonPayload(next)), INITIAL_BUTTON_STATE, sameButtonState, onButtonError);
  const set = (next: ButtonState): void => {
    state = next;
    render(state);
  };

  // The button is a request, not a switch: the page decides and echoes the state back.
  webapp.onButtonClick(() => emit({ name: 'toggle-chat', payload: { active: !state.active } }));
  webapp.onConnected(() => {
    connected = true;
    emit({ name: 'connected', payload: {} });
  });
  webapp.onDisconnected((payload) => {
    connected = false;
    meeting.clear();
    emit({ name: 'disconnected', payload });
    touched('roster');
  });
  webapp.onParticipants((changes) => {
    const { roster, self } = meeting.apply(changes);
    if (roster) touched('roster');
    if (self) touched('self');
  });
  webapp.onMe((participant) => {
    if (!meeting.setMe(participant)) return;
    // Web App 3 tells a plugin who the user is only in a meeting: one that starts mid-meeting learns it here.
    connected = true;
    touched('self');
  });

  /** Runs a validated control: refuses what cannot be right before Web App 3 sees it, then reads Infinity's answer. */
  const control =
    <A extends ControlAction>(action: A) =>
    async (payload: ControlPayloads[A]): Promise<void> => {
      const target = 'participantUuid' in payload ? (payload.participantUuid as string) : undefined;
      if (target !== undefined && !meeting.mayExist(target)) {
        throw new Error(`${action}: unknown participant '${target}' (not in the meeting's roster); use a uuid from the latest roster`);
      }
      const self = target !== undefined && SELF_CONTROLS.includes(action) && meeting.isMe(target);
      const call = callOfControl(action, payload, self);
      const refusal = refusalIn(call.rpc, await webapp.control(call));
      if (refusal !== undefined) throw new Error(`${action}: ${refusal}`);
    };

  return {
    state: () => state,
    onEvent: (listener) => void listeners.add(listener),
    connected: () => connected,
    snapshot: <T extends Topic>(topic: T) =>
      (topic === 'roster' ? { participants: meeting.roster() } : meeting.self()) as Snapshots[T] | undefined,
    onTopicChange: (listener) => void topicListeners.add(listener),
    setButtonActive: (active) => set({ ...state, active }),
    setBadge: (badge) => set({ ...state, badge }),
    dialOut: (body) => webapp.dialOut(body),
    mute: control('mute'),
    muteVideo: control('mute-video'),
    admit: control('admit'),
    disconnectParticipant: control('disconnect'),
    spotlight: control('spotlight'),
    raiseHand: control('raise-hand'),
    setRole: control('set-role'),
    transfer: control('transfer'),
    sendDtmf: control('dtmf'),
    muteAllGuests: control('mute-all-guests'),
  };
}
