// Pure: the meeting's own chat as Infinity and Web App 3 carry it. A plugin
// writes with `conference:sendMessage` (to everyone, or privately to one
// participant) and gets Infinity's answer as a value; everyone else's messages
// reach every plugin as `event:message` / `event:directMessage`. A plugin's own
// message comes back to every plugin too (?echo=, see LEDGER.md), with a fresh
// id as @pexip/infinity gives every message it receives.
import type { InfinityParticipant, Message, RPCCallReply } from '@pexip/plugin-api';
import { isRecord } from './is-record';
import { NO_REPLY, type NoReply } from './no-reply';
import type { Broadcast, Roster } from './roster';
import type { SimMeetingMessage } from '../harness/sim-api';

/** Infinity's refusal as a value, as for the participant controls (controls.ts). */
export type ChatRefusal = Extract<RPCCallReply<'participant:mute'>, { status: 403 }>;
/** What `conference:sendMessage` answers: Infinity's response, or undefined outside a meeting. */
export type SendMessageReply = RPCCallReply<'conference:sendMessage'> | ChatRefusal | NoReply;

/** When a plugin's own message comes back as an event: after the reply, before it, or never. */
export type EchoMode = 'after' | 'before' | 'off';

const OK = { status: 200, data: { status: 'success', result: true } } as const;
const refuse = (result: string): ChatRefusal => ({ status: 403, data: { status: 'failed', result } });

/** Who may write and be written to: people in the room, not those waiting in the lobby. */
const inRoom = (p: InfinityParticipant | undefined): p is InfinityParticipant => p !== undefined && !p.isWaiting;
const nameOf = (p: InfinityParticipant): string => p.displayName ?? p.uri;

/**
 * Check a `conference:sendMessage` payload against the meeting. Returns the
 * reason Infinity would refuse it, naming the field, or the text and recipient.
 */
export function checkSendMessage(
  payload: unknown,
  roster: Pick<Roster, 'get' | 'isMe'>,
): { error: string } | { text: string; to?: string } {
  if (!isRecord(payload)) return { error: `conference:sendMessage needs an object payload {payload, participantUuid?}, got ${JSON.stringify(payload) ?? 'undefined'}` };
  const text = payload.payload;
  if (typeof text !== 'string' || text.trim() === '') {
    return { error: `conference:sendMessage: 'payload' must be a non-empty string (the message text), got ${JSON.stringify(text) ?? 'undefined'}` };
  }
  const to = payload.participantUuid;
  if (to === undefined) return { text };
  if (typeof to !== 'string' || to === '') return { error: `conference:sendMessage: 'participantUuid' must be a participant's uuid, got ${JSON.stringify(to)}` };
  const target = roster.get(to);
  if (!target) return { error: `Unknown participant '${to}'` };
  if (roster.isMe(to)) return { error: `conference:sendMessage: 'participantUuid' is the local user's own uuid: leave it out to write to everyone` };
  if (target.isWaiting) return { error: `${nameOf(target)} is waiting in the lobby: admit them before writing to them` };
  return { text, to };
}

export interface MeetingChatOptions {
  /** the message's `at` */
  now?: () => Date;
  /** a unique message id */
  newId?: () => string;
  /** a refused message to everyone gets no reply (infinity-api's messageConference is 200-only); false: a 403 value */
  silent?: boolean;
  echo?: EchoMode;
}

let counter = 0;
const defaultId = (): string => `sim-msg-${Date.now().toString(36)}-${(++counter).toString(36)}`;

export class MeetingChat {
  private readonly messages: SimMeetingMessage[] = [];
  private readonly listeners = new Set<(message: SimMeetingMessage) => void>();
  private readonly now: () => Date;
  private readonly newId: () => string;
  silent: boolean;
  echo: EchoMode;

  constructor(
    private readonly roster: Pick<Roster, 'me' | 'get' | 'isMe'>,
    private readonly broadcast: Broadcast,
    options: MeetingChatOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? defaultId;
    this.silent = options.silent ?? true;
    this.echo = options.echo ?? 'after';
  }

  /** Every message of the current (or last) meeting, in order. */
  list(): SimMeetingMessage[] {
    return this.messages.map((m) => ({ ...m }));
  }

  get size(): number {
    return this.messages.length;
  }

  /** called with each message recorded */
  onMessage(listener: (message: SimMeetingMessage) => void): void {
    this.listeners.add(listener);
  }

  /** A new meeting starts with an empty chat (the last one stays readable until then). */
  clear(): void {
    this.messages.length = 0;
  }

  /**
   * `conference:sendMessage` from a plugin: recorded as the local user's, and
   * echoed to every plugin (event:message, or event:directMessage for a private
   * one) before the reply or, through `afterReply`, after it.
   */
  send(payload: unknown, pluginId: string, afterReply: (fn: () => void) => void = (fn) => fn()): SendMessageReply {
    const me = this.roster.me;
    // Without a call there is no Infinity token: the request never goes.
    if (!me) return undefined;
    const checked = checkSendMessage(payload, this.roster);
    if ('error' in checked) {
      // messageParticipant has a 403 in infinity-api; messageConference has none, so Web App 3's call throws.
      const toEveryone = !isRecord(payload) || payload.participantUuid === undefined;
      return toEveryone && this.silent ? NO_REPLY : refuse(checked.error);
    }
    const direct = checked.to !== undefined;
    const message: Message = { at: this.now(), id: this.newId(), message: checked.text, displayName: nameOf(me), userId: me.uuid };
    this.record({
      id: message.id,
      at: message.at.toISOString(),
      from: me.uuid,
      displayName: message.displayName,
      text: checked.text,
      ...(direct ? { to: checked.to } : {}),
      direct,
      pluginId,
    });
    const echo = () => this.broadcast(direct ? 'event:directMessage' : 'event:message', message);
    if (this.echo === 'before') echo();
    else if (this.echo === 'after') afterReply(echo);
    return OK;
  }

  /**
   * Someone else in the room writes, to everyone or (`direct`) privately to
   * the local user: every plugin gets `event:message` / `event:directMessage`.
   * Throws for anyone who cannot write (unknown, in the lobby, the local user) or an empty text.
   */
  say(uuid: string, text: string, direct = false): string {
    const me = this.roster.me;
    if (!me) throw new Error('say: the local user is not in the meeting: join it first');
    if (typeof text !== 'string' || text.trim() === '') throw new Error(`say: the text must be a non-empty string, got ${JSON.stringify(text)}`);
    const from = this.roster.get(uuid);
    if (!from) throw new Error(`say: '${uuid}' is not in the meeting: pick a uuid from __sim.roster()`);
    if (this.roster.isMe(uuid)) throw new Error("say: that is the local user's uuid: the local user writes through a plugin's conference:sendMessage");
    if (!inRoom(from)) throw new Error(`say: ${nameOf(from)} is waiting in the lobby and cannot write: admit them first`);
    const message: Message = { at: this.now(), id: this.newId(), message: text, displayName: nameOf(from), userId: from.uuid };
    this.record({
      id: message.id,
      at: message.at.toISOString(),
      from: from.uuid,
      displayName: message.displayName,
      text,
      ...(direct ? { to: me.uuid } : {}),
      direct,
    });
    this.broadcast(direct ? 'event:directMessage' : 'event:message', message);
    return message.id;
  }

  private record(message: SimMeetingMessage): void {
    this.messages.push(message);
    for (const l of this.listeners) l({ ...message });
  }
}
