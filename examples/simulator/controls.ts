// Pure: participant controls as Infinity answers them through Web App 3. The
// reply is Infinity's response as a value: 200 and the change applied (the
// plugins then see an Update or Leave activity), 403 with Infinity's
// `{status: 'failed', result: reason}` when the local user may not, or
// `undefined` outside a meeting (no Infinity token, the request never goes).
import type { RPCCallReply } from '@pexip/plugin-api';
import { isRecord } from './is-record';
import type { Roster } from './roster';
import type { SimControlCall, SimDtmf } from './sim-api';

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
export type ControlReply<K extends ControlRpc> = RPCCallReply<K> | Refusal;

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

  constructor(
    private readonly roster: Pick<Roster, 'active' | 'me' | 'get' | 'isMe' | 'update' | 'remove' | 'batch' | 'othersView'>,
    private readonly dialled: DialledCalls,
    private readonly now: () => number = Date.now,
  ) {}

  handle<K extends ControlRpc>(rpc: K, payload: unknown, plugin = ''): ControlReply<K> {
    const reply = this.answer(rpc, payload) as ControlReply<K>;
    this.calls.push({ plugin, rpc, payload, reply });
    return reply;
  }

  private answer(rpc: ControlRpc, payload: unknown): ControlReply<ControlRpc> {
    const me = this.roster.me;
    if (!me) return undefined;
    const bad = badPayload(rpc, payload);
    if (bad) return refuse(bad);
    const body = payload as Record<string, unknown>;
    const isChair = me.isHost;

    if (rpc === 'conference:muteAllGuests') {
      if (!isChair) return refuse('Only a host may mute all guests: the local user is a guest');
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
    const target = this.roster.get(uuid);
    if (!target) return refuse(`Unknown participant '${uuid}'`);
    const self = this.roster.isMe(uuid);
    if (self && !SELF_ALLOWED.has(rpc) && rpc !== 'participant:setRole' && rpc !== 'participant:sendDTMF') {
      return refuse(`${rpc} does not apply to the local user (the simulator's Leave button ends their call)`);
    }
    if (!self && !isChair) return refuse(`Only a host may ${rpc.slice('participant:'.length)} another participant: the local user is a guest`);
    if (self && rpc === 'participant:setRole' && !isChair) return refuse('A guest cannot change their own role');
    const flag = FLAG[rpc];
    if (!self && flag && !target[flag]) return refuse(`${target.displayName ?? uuid} does not allow ${rpc} (${flag} is false)`);

    switch (rpc) {
      case 'participant:mute':
        this.roster.update(uuid, { isMuted: body.mute as boolean });
        return OK;
      case 'participant:muteVideo':
        this.roster.update(uuid, { isCameraMuted: body.muteVideo as boolean });
        return OK;
      case 'participant:raiseHand': {
        const raise = body.raise as boolean;
        this.roster.update(uuid, { raisedHand: raise, handRaisedTime: raise ? this.now() : 0 });
        return OK;
      }
      case 'participant:spotlight': {
        const enable = body.enable as boolean;
        this.roster.update(uuid, { isSpotlight: enable, spotlightOrder: enable ? this.now() : 0 });
        return OK;
      }
      case 'participant:admit':
        if (!target.isWaiting) return refuse(`${target.displayName ?? uuid} is not waiting in the lobby`);
        this.roster.update(uuid, { isWaiting: false });
        return OK;
      case 'participant:setRole':
        if (target.isWaiting) return refuse(`${target.displayName ?? uuid} is waiting in the lobby: admit them first`);
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
}
