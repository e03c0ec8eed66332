// Pure: participant controls as Infinity answers them through Web App 3. The
// reply is Infinity's response as a value: 200 and the change applied (the
// plugins then see an Update or Leave activity), 403 with Infinity's
// `{status: 'failed', result: reason}` when the local user may not, or
// `undefined` outside a meeting (no Infinity token, the request never goes).
// Two exceptions (see LEDGER.md): setRole always answers undefined (its client
// method is typed Promise<void>), and muteAllGuests has no 403 in infinity-api,
// so a refusal throws inside Web App 3 and no reply comes (?silent=0: 403).
import type { InfinityParticipant, RPCCallReply } from '@pexip/plugin-api';
import { unixSeconds } from './infinity-participant';
import { isRecord } from './is-record';
import { NO_REPLY, type NoReply } from './no-reply';
import type { Roster } from './roster';
import type { SimControlCall, SimDtmf } from '../harness/sim-api';

export const CONTROL_RPCS = [
  'participant:mute',
  'participant:muteVideo',
  'participant:admit',
  'participant:disconnect',
  'participant:spotlight',
  'participant:raiseHand',
  'participant:setRole',
  'participant:transfer',
  'participant:sendDTMF',
  'conference:muteAllGuests',
] as const;

export type ControlRpc = (typeof CONTROL_RPCS)[number];

export const isControlRpc = (rpc: string): rpc is ControlRpc => (CONTROL_RPCS as readonly string[]).includes(rpc);

/** Infinity's refusal, as its client types it for participant calls. */
export type Refusal = Extract<RPCCallReply<'participant:mute'>, { status: 403 }>;
/** Every control's reply: plugin-api's type, or Infinity's 403 (muteAllGuests' type omits it; Infinity sends it to guests). */
export type ControlReply<K extends ControlRpc> = RPCCallReply<K> | Refusal | NoReply;

export interface ControlOptions {
  /** refusals Infinity's client does not type (muteAllGuests) get no reply; false: a 403 value */
  silent: boolean;
  /** Infinity's guests_can_unmute: a guest muted by someone else may unmute themself */
  guestsCanUnmute: boolean;
}

const OK = { status: 200, data: { status: 'success', result: true } } as const;
const refuse = (result: string): Refusal => ({ status: 403, data: { status: 'failed', result } });

/** Which of the target's flags forbids each control. */
const FLAG: Partial<Record<ControlRpc, 'canMute' | 'canDisconnect' | 'canTransfer' | 'canSpotlight' | 'canRaiseHand'>> = {
  'participant:mute': 'canMute',
  'participant:muteVideo': 'canMute',
  'participant:disconnect': 'canDisconnect',
  'participant:transfer': 'canTransfer',
  'participant:spotlight': 'canSpotlight',
  'participant:raiseHand': 'canRaiseHand',
};

/** The participant may be left out (the local user acts on themself) exactly where Infinity allows it. */
const SELF_ALLOWED = new Set<ControlRpc>(['participant:mute', 'participant:muteVideo', 'participant:raiseHand']);

/** What the controls need from the dial-out model: dialled calls hang up as before, whatever their flags. */
export interface DialledCalls {
  has(uuid: string): boolean;
  disconnect(uuid: string): boolean;
}

type Fields = Record<string, 'boolean' | 'string'>;
const FIELDS: Record<ControlRpc, Fields> = {
  'participant:mute': { mute: 'boolean' },
  'participant:muteVideo': { muteVideo: 'boolean' },
  'participant:admit': {},
  'participant:disconnect': {},
  'participant:spotlight': { enable: 'boolean' },
  'participant:raiseHand': { raise: 'boolean' },
  'participant:setRole': { role: 'string' },
  'participant:transfer': { destination: 'string', role: 'string' },
  'participant:sendDTMF': { digits: 'string' },
  'conference:muteAllGuests': { mute: 'boolean' },
};

/** A malformed payload, named field by field; Infinity would refuse the request. */
function badPayload(rpc: ControlRpc, payload: unknown): string | null {
  if (!isRecord(payload)) return `${rpc} needs an object payload`;
  for (const [field, type] of Object.entries(FIELDS[rpc])) {
    if (typeof payload[field] !== type) return `${rpc}: '${field}' must be a ${type}, got ${JSON.stringify(payload[field]) ?? 'undefined'}`;
  }
  if (rpc === 'participant:setRole' && payload.role !== 'chair' && payload.role !== 'guest') {
    return `participant:setRole: 'role' must be 'chair' or 'guest', got ${JSON.stringify(payload.role)}`;
  }
  if (rpc === 'participant:transfer' && payload.role !== 'host' && payload.role !== 'guest') {
    return `participant:transfer: 'role' must be 'host' or 'guest', got ${JSON.stringify(payload.role)}`;
  }
  const uuid = payload.participantUuid;
  if (rpc === 'conference:muteAllGuests') return null;
  if (uuid === undefined && SELF_ALLOWED.has(rpc)) return null;
  if (typeof uuid !== 'string' || uuid === '') return `${rpc}: 'participantUuid' must be a participant's uuid, got ${JSON.stringify(uuid) ?? 'undefined'}`;
  return null;
}

export class Controls {
  /** every control call received, in order, with its reply */
  readonly calls: SimControlCall[] = [];
  /** every DTMF string sent successfully */
  readonly dtmf: SimDtmf[] = [];

  /** the local user's mute was set by someone else (a host, muteAllGuests, __sim), not by themself */
  private mutedByOther = false;
  private selfMuting = false;
  /** the reason of the refusal the last reply hides (setRole's undefined, a silent one) */
  private hidden: string | undefined;

  constructor(
    private readonly roster: Pick<Roster, 'active' | 'me' | 'get' | 'isMe' | 'update' | 'remove' | 'batch' | 'othersView' | 'onUpdate'>,
    private readonly dialled: DialledCalls,
    private readonly now: () => number = Date.now,
    readonly options: ControlOptions = { silent: true, guestsCanUnmute: true },
  ) {
    roster.onUpdate((before, after) => this.followMute(before, after));
  }

  handle<K extends ControlRpc>(rpc: K, payload: unknown, plugin = ''): ControlReply<K> {
    this.hidden = undefined;
    const reply = this.answer(rpc, payload) as ControlReply<K>;
    const call: SimControlCall = { plugin, rpc, payload, reply: reply === NO_REPLY ? undefined : reply };
    if (reply === NO_REPLY) call.silent = true;
    if (this.hidden !== undefined) call.refused = this.hidden;
    this.calls.push(call);
    return reply;
  }

  /** Who last muted the local user: themself (participant:mute without another's uuid) or someone else. */
  private followMute(before: InfinityParticipant, after: InfinityParticipant): void {
    if (!this.roster.isMe(after.uuid) || before.isMuted === after.isMuted) return;
    this.mutedByOther = after.isMuted && !this.selfMuting;
  }

  private answer(rpc: ControlRpc, payload: unknown): ControlReply<ControlRpc> {
    const me = this.roster.me;
    if (!me) return undefined;
    const bad = badPayload(rpc, payload);
    if (bad) return rpc === 'participant:setRole' ? this.hide(bad) : rpc === 'conference:muteAllGuests' ? this.silence(bad) : refuse(bad);
    const body = payload as Record<string, unknown>;
    const isChair = me.isHost;

    if (rpc === 'conference:muteAllGuests') {
      if (!isChair) return this.silence('Only a host may mute all guests: the local user is a guest');
      const mute = body.mute as boolean;
      this.roster.batch(() => {
        for (const p of [...this.roster.othersView()]) {
          if (p.role === 'guest' && !p.isWaiting && p.isMuted !== mute) this.roster.update(p.uuid, { isMuted: mute });
        }
      });
      return OK;
    }

    const uuid = (body.participantUuid as string | undefined) ?? me.uuid;
    if (rpc === 'participant:disconnect' && this.dialled.has(uuid)) {
      // Dial-outs hang up as they always have: the plugin that dialled may end its call.
      return this.dialled.disconnect(uuid) ? OK : refuse(`Unknown participant '${uuid}'`);
    }
    const no = rpc === 'participant:setRole' ? (why: string) => this.hide(why) : refuse;
    const target = this.roster.get(uuid);
    if (!target) return no(`Unknown participant '${uuid}'`);
    const self = this.roster.isMe(uuid);
    if (self && !SELF_ALLOWED.has(rpc) && rpc !== 'participant:setRole' && rpc !== 'participant:sendDTMF') {
      return refuse(`${rpc} does not apply to the local user (the simulator's Leave button ends their call)`);
    }
    if (!self && !isChair) return no(`Only a host may ${rpc.slice('participant:'.length)} another participant: the local user is a guest`);
    if (self && rpc === 'participant:setRole' && !isChair) return no('A guest cannot change their own role');
    const flag = FLAG[rpc];
    if (!self && flag && !target[flag]) return refuse(`${target.displayName ?? uuid} does not allow ${rpc} (${flag} is false)`);
    if (self && rpc === 'participant:mute' && body.mute === false && me.isMuted && this.mutedByOther && !isChair && !this.options.guestsCanUnmute) {
      return refuse('Guests may not unmute themselves once muted by a host (guests_can_unmute is false)');
    }

    switch (rpc) {
      case 'participant:mute':
        this.selfMuting = self;
        try {
          this.roster.update(uuid, { isMuted: body.mute as boolean });
        } finally {
          this.selfMuting = false;
        }
        return OK;
      case 'participant:muteVideo':
        this.roster.update(uuid, { isCameraMuted: body.muteVideo as boolean });
        return OK;
      case 'participant:raiseHand': {
        const raise = body.raise as boolean;
        this.roster.update(uuid, { raisedHand: raise, handRaisedTime: raise ? unixSeconds(this.now()) : 0 });
        return OK;
      }
      case 'participant:spotlight': {
        const enable = body.enable as boolean;
        this.roster.update(uuid, { isSpotlight: enable, spotlightOrder: enable ? unixSeconds(this.now()) : 0 });
        return OK;
      }
      case 'participant:admit':
        if (!target.isWaiting) return refuse(`${target.displayName ?? uuid} is not waiting in the lobby`);
        this.roster.update(uuid, { isWaiting: false });
        return OK;
      case 'participant:setRole':
        if (target.isWaiting) return this.hide(`${target.displayName ?? uuid} is waiting in the lobby: admit them first`);
        this.roster.update(uuid, { role: body.role as 'chair' | 'guest' });
        // plugin-api types setRole's reply as void: Web App 3 resolves it without Infinity's body.
        return undefined;
      case 'participant:transfer':
        this.roster.remove(uuid);
        return OK;
      case 'participant:disconnect':
        this.roster.remove(uuid);
        return OK;
      case 'participant:sendDTMF':
        this.dtmf.push({ participantUuid: uuid, digits: body.digits as string });
        return OK;
    }
  }

  /** setRole: Infinity's answer is awaited and dropped (InfinityClient.setRole is Promise<void>), so a refusal reads as undefined too. */
  private hide(why: string): undefined {
    this.hidden = why;
    return undefined;
  }

  /** A refusal infinity-api has no status for (muteguests/unmuteguests are 200-only): Web App 3's call throws, no reply. */
  private silence(why: string): Refusal | NoReply {
    if (!this.options.silent) return refuse(why);
    this.hidden = why;
    return NO_REPLY;
  }
}
