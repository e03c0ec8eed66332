import type { EventMessage, InfinityParticipant } from '@pexip/plugin-api';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ME_UUID, personUuid } from './people';
import { JOIN, LEAVE, Roster, UPDATE, type Broadcast } from './roster';
import { Churn } from './churn';
import { slice } from './roster-index';

type Sent = { event: keyof EventMessage; payload: unknown };
let sent: Sent[];
let roster: Roster;
const broadcast: Broadcast = (event, payload) => void sent.push({ event, payload });
const events = () => sent.map((s) => s.event);
const activities = (i = 0) => sent.filter((s) => s.event === 'event:participantsActivities')[i]?.payload as EventMessage['event:participantsActivities']['payload'];
const brief = (list: InfinityParticipant[]) => list.map((p) => `${p.displayName}${p.isWaiting ? ' (lobby)' : ''}`);

beforeEach(() => {
  sent = [];
  roster = new Roster(broadcast);
});

describe('Roster.start', () => {
  it('default meeting: you (host) first, a WebRTC host, a SIP guest, one in the lobby; one me + participants snapshot', () => {
    roster.start({ role: 'chair', participants: 3, lobby: 1 });
    expect(brief(roster.list())).toEqual(['You', 'Alice Anderson', 'Bob Anderson', 'Carol Anderson (lobby)']);
    const [me, alice, bob, carol] = roster.list();
    expect(me).toMatchObject({ uuid: ME_UUID, role: 'chair', isHost: true, canControl: true });
    expect(alice).toMatchObject({ uuid: personUuid(0), role: 'chair', isHost: true, protocol: 'webrtc' });
    expect(bob).toMatchObject({ role: 'guest', protocol: 'sip', canTransfer: false, canMute: true });
    expect(bob?.rawData.transfer_supported).toBe('NO');
    expect(carol).toMatchObject({ role: 'guest', isWaiting: true, serviceType: 'waiting_room' });
    expect(events()).toEqual(['event:me', 'event:participants']);
    expect(sent[0]?.payload).toEqual({ id: 'main', participant: me });
    expect(sent[1]?.payload).toEqual({ id: 'main', participants: roster.list() });
  });

  it('?role=guest: the local user has no host rights', () => {
    roster.start({ role: 'guest', participants: 0, lobby: 0 });
    expect(roster.me).toMatchObject({ role: 'guest', isHost: false, canControl: false });
    expect(roster.list()).toHaveLength(1);
  });

  it('is deterministic: the same shape gives the same uuids and names', () => {
    roster.start({ role: 'chair', participants: 250, lobby: 5 });
    const other = new Roster(() => undefined);
    other.start({ role: 'chair', participants: 250, lobby: 5 });
    expect(other.list().map((p) => [p.uuid, p.displayName])).toEqual(roster.list().map((p) => [p.uuid, p.displayName]));
    expect(new Set(roster.list().map((p) => p.displayName)).size).toBe(251);
    expect(roster.list().filter((p) => p.isWaiting)).toHaveLength(5);
  });

  it('a second start while active does nothing', () => {
    roster.start({ role: 'chair', participants: 1, lobby: 0 });
    sent = [];
    roster.start({ role: 'guest', participants: 5, lobby: 0 });
    expect(sent).toEqual([]);
    expect(roster.size).toBe(1);
  });
});

describe('Roster changes', () => {
  beforeEach(() => {
    roster.start({ role: 'chair', participants: 3, lobby: 1 });
    sent = [];
  });

  it('add: a Join activity, then participantJoined; a known uuid is refused', () => {
    const p = roster.invent();
    expect(p).toBeDefined();
    expect(events()).toEqual(['event:participantsActivities', 'event:participantJoined']);
    expect(activities()).toEqual([{ roomId: 'main', activity: { type: JOIN, participant: p } }]);
    expect(roster.add(p as InfinityParticipant)).toBe(false);
    expect(roster.size).toBe(4);
  });

  it('remove: a Leave activity, then participantLeft; the local user cannot be removed', () => {
    const left = roster.remove(personUuid(1));
    expect(left?.displayName).toBe('Bob Anderson');
    expect(events()).toEqual(['event:participantsActivities', 'event:participantLeft']);
    expect(activities()).toEqual([{ roomId: 'main', activity: { type: LEAVE, participant: left } }]);
    expect(roster.remove(ME_UUID)).toBeUndefined();
    expect(roster.remove('nobody')).toBeUndefined();
  });

  it('update: an Update activity with the new participant, rawData following; the list holds the new one', () => {
    const p = roster.update(personUuid(0), { isMuted: true, raisedHand: true, handRaisedTime: 1_700_000_000 });
    expect(p).toMatchObject({ isMuted: true, raisedHand: true });
    expect(p?.rawData).toMatchObject({ is_muted: 'YES', buzz_time: 1_700_000_000 });
    expect(events()).toEqual(['event:participantsActivities']);
    expect(activities()).toEqual([{ roomId: 'main', activity: { type: UPDATE, participant: p } }]);
    expect(roster.get(personUuid(0))).toBe(p);
  });

  it('an update of the local user also sends event:me', () => {
    const me = roster.update(ME_UUID, { isMuted: true });
    expect(events()).toEqual(['event:participantsActivities', 'event:me']);
    expect(sent[1]?.payload).toEqual({ id: 'main', participant: me });
    expect(roster.me?.isMuted).toBe(true);
  });

  it('a role change carries the rights that follow from it', () => {
    expect(roster.update(personUuid(1), { role: 'chair' })).toMatchObject({ role: 'chair', isHost: true, canControl: true, canChangeLayout: true });
    expect(roster.update(personUuid(1), { role: 'guest' })).toMatchObject({ role: 'guest', isHost: false, canControl: false });
  });

  it('admission moves the call out of the waiting room', () => {
    expect(roster.update(personUuid(2), { isWaiting: false })).toMatchObject({ isWaiting: false, serviceType: 'conference', rawData: { service_type: 'conference' } });
  });

  it('batch: several changes go out as one participantsActivities array, deprecated events after it', () => {
    const changed = vi.fn();
    roster.onChange(changed);
    roster.batch(() => {
      roster.invent();
      roster.update(personUuid(0), { isMuted: true });
      roster.remove(personUuid(1));
    });
    expect(events()).toEqual(['event:participantsActivities', 'event:participantJoined', 'event:participantLeft']);
    expect(activities().map((a) => a.activity.type)).toEqual([JOIN, UPDATE, LEAVE]);
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('end: everybody gone without events, leave listeners told; changes are ignored afterwards', () => {
    const left = vi.fn();
    roster.onLeave(left);
    roster.end();
    expect(sent).toEqual([]);
    expect(roster.list()).toEqual([]);
    expect(roster.me).toBeNull();
    expect(left).toHaveBeenCalledTimes(3);
    expect(roster.invent()).toBeUndefined();
    expect(roster.update(ME_UUID, { isMuted: true })).toBeUndefined();
    expect(sent).toEqual([]);
  });

  it('snapshot to one plugin: event:me then event:participants with the current list', () => {
    roster.update(personUuid(0), { isMuted: true });
    const one: Sent[] = [];
    roster.snapshot((event, payload) => void one.push({ event, payload }));
    expect(one.map((s) => s.event)).toEqual(['event:me', 'event:participants']);
    expect((one[1]?.payload as EventMessage['event:participants']['payload']).participants[1]?.isMuted).toBe(true);
  });

  it('pickInvented picks among invented people only, and stays right after removals', () => {
    const dialled = { ...(roster.get(personUuid(0)) as InfinityParticipant), uuid: 'dialled-1' } as InfinityParticipant;
    roster.add(dialled);
    roster.remove(personUuid(0));
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) seen.add(roster.pickInvented(() => (i % 10) / 10)?.uuid ?? 'none');
    expect([...seen].sort()).toEqual([personUuid(1), personUuid(2)].sort());
    expect(roster.inventedCount).toBe(2);
  });
});

describe('Roster.lobby and Roster.room: by position, for the page', () => {
  const ids = (list: InfinityParticipant[]) => list.map((p) => p.uuid);
  const follows = () => {
    const others = roster.list().slice(1);
    expect(ids(slice(roster.lobby, 0, roster.lobby.length))).toEqual(ids(others.filter((p) => p.isWaiting)));
    expect(ids(slice(roster.room, 0, roster.room.length))).toEqual(ids(others.filter((p) => !p.isWaiting)));
    expect(roster.lobby.length + roster.room.length).toBe(roster.size);
  };

  it('follow joins, leaves, admissions and changes, each in join order; the newest version of each person', () => {
    roster.start({ role: 'chair', participants: 300, lobby: 20 });
    follows();
    // A clock that never ticks: the test steps it. The rate sets the head-count churn keeps near 300.
    const churn = new Churn(roster, 5, { now: () => 0, setInterval: () => 1, clearInterval: () => undefined });
    churn.setRate(100);
    for (let i = 0; i < 20; i++) {
      churn.step(100);
      follows();
    }
    const someone = roster.room.at(7)!;
    expect(roster.update(someone.uuid, { isMuted: !someone.isMuted })).toBe(roster.room.at(7));
    roster.update(someone.uuid, { isWaiting: true });
    follows();
  });

  it('empty outside a meeting, and again after it ends', () => {
    expect([roster.lobby.length, roster.room.length]).toEqual([0, 0]);
    roster.start({ role: 'chair', participants: 3, lobby: 1 });
    expect([roster.lobby.length, roster.room.length]).toEqual([1, 2]);
    roster.end();
    expect([roster.lobby.length, roster.room.length, roster.room.at(0)]).toEqual([0, 0, undefined]);
  });
});

describe('?activities=, ?deprecated= and ?meAtJoin=', () => {
  const start = (activities: 'type' | 'activity' | 'none', deprecated = true, meAtJoin = true) => {
    roster = new Roster(broadcast, { activities, deprecated, meAtJoin });
    roster.start({ role: 'chair', participants: 2, lobby: 0 });
  };

  it("'activity': participantsActivities in the shape before plugin-api 22.0.0", () => {
    start('activity');
    sent = [];
    const p = roster.update(personUuid(0), { isMuted: true });
    expect(activities()).toEqual([{ roomId: 'main', activity: { activity: UPDATE, participant: p } }]);
  });

  it("'none': no participantsActivities; joins and leaves as participantJoined / participantLeft, then the whole list after each batch", () => {
    start('none');
    sent = [];
    const joined = roster.invent();
    roster.update(personUuid(0), { isMuted: true });
    roster.remove(personUuid(1));
    expect(events()).toEqual(['event:participantJoined', 'event:participants', 'event:participants', 'event:participantLeft', 'event:participants']);
    expect(sent[0]?.payload).toEqual({ id: 'main', participant: joined });
    expect(sent.at(-1)?.payload).toEqual({ id: 'main', participants: roster.list() });
  });

  it('meAtJoin=0: no event:me on join; the next change to the user sends it', () => {
    start('type', true, false);
    expect(events()).toEqual(['event:participants']);
    sent = [];
    const me = roster.list()[0]!;
    roster.update(me.uuid, { isMuted: true });
    expect(events()).toEqual(['event:participantsActivities', 'event:me']);
  });

  it('deprecated=0: activities alone; the roster on join as one participantsActivities of Joins', () => {
    start('type', false);
    expect(events()).toEqual(['event:me', 'event:participantsActivities']);
    expect(activities().map((a) => [a.activity.type, a.activity.participant.uuid])).toEqual(roster.list().map((p) => [JOIN, p.uuid]));
    sent = [];
    roster.invent();
    roster.remove(personUuid(1));
    expect(events()).toEqual(['event:participantsActivities', 'event:participantsActivities']);
  });
});
