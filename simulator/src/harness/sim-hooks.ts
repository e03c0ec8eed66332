// Builds window.__sim (its contract is SimApi in sim-api.ts) from the simulator's parts.
import type { InfinityParticipant, RPCCallPayload } from '@pexip/plugin-api';
import type { AnswerQueue } from '../model/answer-next';
import type { MeetingChat } from '../model/chat';
import type { Chatter } from '../model/chatter';
import type { Churn } from '../model/churn';
import type { Controls } from '../model/controls';
import type { Meeting } from '../model/meeting';
import type { Participants } from '../model/participants';
import type { PluginFrames } from '../plugins/plugin-frames';
import type { Roster } from '../model/roster';
import type { PluginTiming, RpcLogEntry, SimApi, SimRejection, SimRosterEntry } from './sim-api';
import type { SidePanel } from '../view/side-panel';
import type { Toasts } from '../model/toasts';
import type { Toolbar } from '../view/toolbar';

export interface SimHookParts {
  plugins: PluginFrames;
  meeting: Meeting;
  participants: Participants;
  roster: Roster;
  controls: Controls;
  churn: Churn;
  toolbar: Toolbar;
  chat: MeetingChat;
  chatter: Chatter;
  toasts: Toasts;
  sidePanel: SidePanel;
  answers: AnswerQueue;
  /** the language picker's behaviour: sends event:languageSelect to every plugin */
  setLanguage(code: string): void;
  language(): string | null;
  log: RpcLogEntry[];
  dialOuts: Array<RPCCallPayload<'conference:dialOut'>>;
  rejections: SimRejection[];
  errors: string[];
  /** the page's RPC log rows, emptied with `log` */
  rpcLogView: HTMLElement;
}

/** The fields a roster view maps, without rawData and the rest: cheap to hand to a test at 1,000 people. */
export const rosterEntry = (p: InfinityParticipant): SimRosterEntry => ({
  uuid: p.uuid,
  displayName: p.displayName,
  role: p.role,
  isHost: p.isHost,
  isWaiting: p.isWaiting,
  isMuted: p.isMuted,
  isClientMuted: p.isClientMuted,
  isCameraMuted: p.isCameraMuted,
  isPresenting: p.isPresenting,
  isSpotlight: p.isSpotlight,
  raisedHand: p.raisedHand,
  protocol: p.protocol,
  callType: p.callType,
  isExternal: p.isExternal,
  canControl: p.canControl,
  canMute: p.canMute,
  canDisconnect: p.canDisconnect,
  canTransfer: p.canTransfer,
  canSpotlight: p.canSpotlight,
  canFecc: p.canFecc,
  canRaiseHand: p.canRaiseHand,
  canChangeLayout: p.canChangeLayout,
});

/** `api` becomes window.__sim; the entry point calls `notifyRpc` once each RPC has been handled. */
export function createSimApi(parts: SimHookParts): { api: SimApi; notifyRpc(entry: RpcLogEntry): void } {
  const { plugins, meeting, participants, roster, controls, churn, toolbar, chat, chatter, toasts, sidePanel, log } = parts;
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
    roster: () => roster.list().map(rosterEntry),
    participant: (uuid) => roster.get(uuid),
    me: () => roster.me,
    addParticipants: (count = 1, patch = {}) => {
      if (!Number.isInteger(count) || count < 0) throw new RangeError(`addParticipants: count must be a whole number >= 0, got ${String(count)}`);
      return roster.batch(() => {
        const added: string[] = [];
        for (let i = 0; i < count; i++) {
          const p = roster.invent(patch);
          if (p) added.push(p.uuid);
        }
        return added;
      });
    },
    removeParticipant: (uuid) => roster.remove(uuid) !== undefined,
    updateParticipant: (uuid, patch) => roster.update(uuid, patch) !== undefined,
    setPermission: (uuid, flag, value) => roster.update(uuid, { [flag]: value }) !== undefined,
    setChurn: (rate) => churn.setRate(rate),
    stopChurn: () => churn.setRate(0),
    churn: () => ({ rate: churn.rate, running: churn.running, applied: churn.applied }),
    controls: () => [...controls.calls],
    dtmf: () => [...controls.dtmf],
    answerNext: (rpc, how) => parts.answers.push(rpc, how),
    setGuestsCanUnmute: (allowed) => {
      if (typeof allowed !== 'boolean') throw new TypeError(`setGuestsCanUnmute: expected a boolean, got ${JSON.stringify(allowed) ?? 'undefined'}`);
      controls.options.guestsCanUnmute = allowed;
    },
    say: (uuid, text, options = {}) => chat.say(uuid, text, options.direct === true),
    meetingMessages: () => chat.list(),
    setLanguage: (code) => parts.setLanguage(code),
    language: () => parts.language(),
    toasts: () => toasts.log.map((t) => ({ ...t })),
    builtInButtons: () => sidePanel.drawn(),
    setChatter: (seconds) => chatter.setSeconds(seconds),
    stopChatter: () => chatter.setSeconds(0),
    chatter: () => ({ seconds: chatter.seconds, running: chatter.running }),
    emit: (event, payload) => {
      plugins.broadcast(event, payload);
      meeting.observe(event);
    },
    reloadPlugins: (options) => plugins.reload(options),
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
