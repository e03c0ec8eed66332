import type { EventMessage } from '@pexip/plugin-api';
import { beforeEach, describe, expect, it } from 'vitest';
import { Controls, type ControlRpc } from './controls';
import { NO_REPLY } from './no-reply';
import { ME_UUID, personUuid } from './people';
import { LEAVE, Roster, UPDATE, type Broadcast } from './roster';

type Sent = { event: keyof EventMessage; payload: unknown };
let sent: Sent[];
let roster: Roster;
let controls: Controls;
let hungUp: string[];
const dialledUuids = new Set<string>();
const broadcast: Broadcast = (event, payload) => void sent.push({ event, payload });
const activityTypes = () =>
  sent.filter((s) => s.event === 'event:participantsActivities').flatMap((s) => (s.payload as EventMessage['event:participantsActivities']['payload']).map((a) => a.activity.type));

const ALICE = personUuid(0); // host, WebRTC
const BOB = personUuid(1); // guest, SIP, canTransfer false
const CAROL = personUuid(2); // guest, WebRTC
const DAVE = personUuid(3); // guest, waiting in the lobby
const OK = { status: 200, data: { status: 'success', result: true } };
const refused = (result: unknown) => ({ status: 403, data: { status: 'failed', result } });

function meeting(role: 'chair' | 'guest' = 'chair'): void {
  sent = [];
  roster = new Roster(broadcast);
  roster.start({ role, participants: 4, lobby: 1 });
  hungUp = [];
  dialledUuids.clear();
  controls = new Controls(roster, { has: (u) => dialledUuids.has(u), disconnect: (u) => (hungUp.push(u), dialledUuids.delete(u)) }, () => 1_700_000_000_000);
  sent = [];
}
const handle = (rpc: ControlRpc, payload: unknown) => controls.handle(rpc, payload, 'chat');

beforeEach(() => meeting());

describe('controls by a host', () => {
  it.each([
    ['participant:mute', { mute: true, participantUuid: CAROL }, { isMuted: true }],
    ['participant:muteVideo', { muteVideo: true, participantUuid: CAROL }, { isCameraMuted: true }],
    ['participant:spotlight', { enable: true, participantUuid: CAROL }, { isSpotlight: true, spotlightOrder: 1_700_000_000 }],
    ['participant:raiseHand', { raise: true, participantUuid: CAROL }, { raisedHand: true, handRaisedTime: 1_700_000_000 }],
    ['participant:admit', { participantUuid: DAVE }, { isWaiting: false }],
  ] as const)('%s: 200 and one Update activity', (rpc, payload, change) => {
    const target = payload.participantUuid;
    expect(handle(rpc, payload)).toEqual(OK);
    expect(roster.get(target)).toMatchObject(change);
    expect(activityTypes()).toEqual([UPDATE]);
  });

  it('setRole: undefined on success (plugin-api types it void); the target gets or loses host rights', () => {
    expect(handle('participant:setRole', { role: 'chair', participantUuid: CAROL })).toBeUndefined();
    expect(roster.get(CAROL)).toMatchObject({ role: 'chair', isHost: true, canControl: true });
    expect(handle('participant:setRole', { role: 'guest', participantUuid: CAROL })).toBeUndefined();
    expect(roster.get(CAROL)).toMatchObject({ role: 'guest', isHost: false, canControl: false });
    expect(activityTypes()).toEqual([UPDATE, UPDATE]);
  });

  it('disconnect and transfer: 200 and the participant leaves', () => {
    expect(handle('participant:disconnect', { participantUuid: CAROL })).toEqual(OK);
    expect(handle('participant:transfer', { participantUuid: ALICE, destination: 'other@example.com', pin: '', role: 'guest' })).toEqual(OK);
    expect(roster.get(CAROL)).toBeUndefined();
    expect(roster.get(ALICE)).toBeUndefined();
    expect(activityTypes()).toEqual([LEAVE, LEAVE]);
    expect(sent.filter((s) => s.event === 'event:participantLeft')).toHaveLength(2);
  });

  it('a dialled call hangs up through the dial-out model, as before', () => {
    dialledUuids.add('dialled-1');
    expect(handle('participant:disconnect', { participantUuid: 'dialled-1' })).toEqual(OK);
    expect(hungUp).toEqual(['dialled-1']);
  });

  it('sendDTMF: 200, nothing changes, the digits are recorded', () => {
    expect(handle('participant:sendDTMF', { digits: '1234#', participantUuid: BOB })).toEqual(OK);
    expect(controls.dtmf).toEqual([{ participantUuid: BOB, digits: '1234#' }]);
    expect(sent).toEqual([]);
  });

  it('muteAllGuests: mutes every guest in the room (not the lobby, not hosts) in one participantsActivities event', () => {
    expect(handle('conference:muteAllGuests', { mute: true })).toEqual(OK);
    expect(roster.list().filter((p) => p.isMuted).map((p) => p.uuid)).toEqual([BOB, CAROL]);
    expect(sent.map((s) => s.event)).toEqual(['event:participantsActivities']);
    expect(activityTypes()).toEqual([UPDATE, UPDATE]);
  });

  it('records every control with its reply', () => {
    handle('participant:mute', { mute: true, participantUuid: CAROL });
    handle('participant:transfer', { participantUuid: BOB, destination: 'x', pin: '', role: 'guest' });
    expect(controls.calls).toEqual([
      { plugin: 'chat', rpc: 'participant:mute', payload: { mute: true, participantUuid: CAROL }, reply: OK },
      { plugin: 'chat', rpc: 'participant:transfer', payload: { participantUuid: BOB, destination: 'x', pin: '', role: 'guest' }, reply: expect.objectContaining({ status: 403 }) },
    ]);
  });
});

describe('refusals (403) and the cases Infinity never sees', () => {
  it("the target's flag forbids it: canTransfer false on the SIP guest", () => {
    expect(handle('participant:transfer', { participantUuid: BOB, destination: 'x', pin: '', role: 'guest' })).toEqual(
      refused('Bob Anderson does not allow participant:transfer (canTransfer is false)'),
    );
    expect(roster.get(BOB)).toBeDefined();
    expect(sent).toEqual([]);
  });

  it.each([
    ['canMute', 'participant:mute', { mute: true }],
    ['canMute', 'participant:muteVideo', { muteVideo: true }],
    ['canDisconnect', 'participant:disconnect', {}],
    ['canSpotlight', 'participant:spotlight', { enable: true }],
    ['canRaiseHand', 'participant:raiseHand', { raise: true }],
  ] as const)('%s false refuses %s', (flag, rpc, payload) => {
    roster.update(CAROL, { [flag]: false });
    sent = [];
    expect(handle(rpc, { ...payload, participantUuid: CAROL })).toEqual(refused(`Carol Anderson does not allow ${rpc} (${flag} is false)`));
    expect(sent).toEqual([]);
  });

  it('an unknown participant: 403 naming the uuid', () => {
    expect(handle('participant:mute', { mute: true, participantUuid: 'nobody' })).toEqual(refused("Unknown participant 'nobody'"));
  });

  it('admit for someone not in the lobby, setRole for someone in it', () => {
    expect(handle('participant:admit', { participantUuid: CAROL })).toEqual(refused('Carol Anderson is not waiting in the lobby'));
    // setRole's reply is always undefined (InfinityClient.setRole is Promise<void>); the refusal changes nothing.
    expect(handle('participant:setRole', { role: 'chair', participantUuid: DAVE })).toBeUndefined();
    expect(roster.get(DAVE)).toMatchObject({ role: 'guest', isWaiting: true });
    expect(controls.calls.at(-1)).toMatchObject({ reply: undefined, refused: 'Dave Anderson is waiting in the lobby: admit them first' });
  });

  it('a malformed payload, naming the field', () => {
    expect(handle('participant:mute', { mute: 'yes', participantUuid: CAROL })).toEqual(refused('participant:mute: \'mute\' must be a boolean, got "yes"'));
    expect(handle('participant:admit', {})).toEqual(refused("participant:admit: 'participantUuid' must be a participant's uuid, got undefined"));
    expect(handle('participant:setRole', { role: 'owner', participantUuid: CAROL })).toBeUndefined();
    expect(controls.calls.at(-1)?.refused).toBe(`participant:setRole: 'role' must be 'chair' or 'guest', got "owner"`);
    expect(handle('conference:muteAllGuests', null)).toBe(NO_REPLY);
    expect(controls.calls.at(-1)).toMatchObject({ reply: undefined, silent: true, refused: 'conference:muteAllGuests needs an object payload' });
    controls.options.silent = false;
    expect(handle('conference:muteAllGuests', null)).toEqual(refused('conference:muteAllGuests needs an object payload'));
  });

  it('outside a meeting: undefined (no request goes to Infinity), still recorded', () => {
    roster.end();
    expect(handle('participant:mute', { mute: true, participantUuid: CAROL })).toBeUndefined();
    expect(controls.calls).toHaveLength(1);
  });
});

describe('a guest', () => {
  beforeEach(() => meeting('guest'));

  it.each([
    ['participant:mute', { mute: true, participantUuid: CAROL }],
    ['participant:admit', { participantUuid: DAVE }],
    ['participant:disconnect', { participantUuid: CAROL }],
    ['participant:setRole', { role: 'chair', participantUuid: CAROL }],
    ['participant:sendDTMF', { digits: '1', participantUuid: BOB }],
  ] as const)('may not %s someone else', (rpc, payload) => {
    const why = `Only a host may ${rpc.slice('participant:'.length)} another participant: the local user is a guest`;
    expect(handle(rpc, payload)).toEqual(rpc === 'participant:setRole' ? undefined : refused(why));
    expect(controls.calls.at(-1)?.refused).toBe(rpc === 'participant:setRole' ? why : undefined);
    expect(sent).toEqual([]);
  });

  it('may not mute all guests', () => {
    // muteguests is 200-only in infinity-api: the refusal throws inside Web App 3, no reply (?silent=0: 403).
    expect(handle('conference:muteAllGuests', { mute: true })).toBe(NO_REPLY);
    expect(controls.calls.at(-1)).toMatchObject({ reply: undefined, silent: true, refused: 'Only a host may mute all guests: the local user is a guest' });
    controls.options.silent = false;
    expect(handle('conference:muteAllGuests', { mute: true })).toEqual(refused('Only a host may mute all guests: the local user is a guest'));
  });

  it.each([
    ['participant:mute', { mute: true }, { isMuted: true }],
    ['participant:muteVideo', { muteVideo: true }, { isCameraMuted: true }],
    ['participant:raiseHand', { raise: true }, { raisedHand: true }],
  ] as const)('may always %s themself (no participantUuid): 200, Update activity and event:me', (rpc, payload, change) => {
    expect(handle(rpc, payload)).toEqual(OK);
    expect(roster.me).toMatchObject(change);
    expect(sent.map((s) => s.event)).toEqual(['event:participantsActivities', 'event:me']);
  });

  it('the same with their own uuid', () => {
    expect(handle('participant:mute', { mute: true, participantUuid: ME_UUID })).toEqual(OK);
  });

  it('may not promote themself', () => {
    expect(handle('participant:setRole', { role: 'chair', participantUuid: ME_UUID })).toBeUndefined();
    expect(roster.me).toMatchObject({ role: 'guest', isHost: false });
  });

  describe('self-unmute once someone else muted them', () => {
    const unmute = () => handle('participant:mute', { mute: false });
    it.each([
      ['__sim.updateParticipant', () => roster.update(ME_UUID, { isMuted: true })],
    ])('guestsCanUnmute false: refused (403) after %s, nothing changes', (_how, muteByOther) => {
      controls.options.guestsCanUnmute = false;
      muteByOther();
      expect(unmute()).toEqual(refused('Guests may not unmute themselves once muted by a host (guests_can_unmute is false)'));
      expect(roster.me?.isMuted).toBe(true);
    });

    it('allowed when guests may unmute (the default), or when they muted themselves', () => {
      roster.update(ME_UUID, { isMuted: true });
      expect(unmute()).toEqual(OK);
      controls.options.guestsCanUnmute = false;
      expect(handle('participant:mute', { mute: true })).toEqual(OK);
      expect(unmute()).toEqual(OK);
      expect(roster.me?.isMuted).toBe(false);
    });

    it('a host may always unmute themself', () => {
      meeting('chair');
      controls.options.guestsCanUnmute = false;
      roster.update(ME_UUID, { isMuted: true });
      expect(unmute()).toEqual(OK);
    });
  });
});
