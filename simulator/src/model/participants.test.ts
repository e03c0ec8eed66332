import type { EventMessage } from '@pexip/plugin-api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Participants, SLOW_EXTRA_MS } from './participants';
import { Roster, type Broadcast } from './roster';

type Sent = { event: keyof EventMessage; payload: unknown };

let sent: Sent[];
let model: Participants;
let roster: Roster;
const broadcast: Broadcast = (event, payload) => void sent.push({ event, payload });
const dial = (destination: string, extra: Record<string, unknown> = {}) =>
  model.dialOut('chat', { role: 'GUEST', destination, protocol: 'sip', ...extra });
const uuidOf = (reply: ReturnType<typeof dial>): string => {
  const id = reply?.data.result[0];
  if (typeof id !== 'string') throw new Error(`no uuid in ${JSON.stringify(reply)}`);
  return id;
};
const payloadOf = <K extends keyof EventMessage>(event: K) => sent.find((s) => s.event === event)?.payload as EventMessage[K]['payload'] | undefined;
const joinedUuids = () => sent.filter((s) => s.event === 'event:participantJoined').map((s) => (s.payload as EventMessage['event:participantJoined']['payload']).participant.uuid);

beforeEach(() => {
  vi.useFakeTimers();
  sent = [];
  roster = new Roster(broadcast);
  roster.start({ role: 'chair', participants: 0, lobby: 0 });
  sent = [];
  model = new Participants(roster, 400);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Participants', () => {
  it('answers a dial with a uuid at once; after the join delay the call joins the roster (Join activity, then participantJoined)', () => {
    const reply = dial('alice@example.com', { remote_display_name: 'Alice' });
    const id = uuidOf(reply);
    expect(reply).toEqual({ status: 200, data: { status: 'success', result: [id] } });
    expect(model.list()).toMatchObject([{ uuid: id, pluginId: 'chat', destination: 'alice@example.com', displayName: 'Alice', role: 'guest', state: 'calling' }]);
    vi.advanceTimersByTime(399);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(joinedUuids()).toEqual([id]);
    expect(sent.map((s) => s.event)).toEqual(['event:participantsActivities', 'event:participantJoined']);
    expect(payloadOf('event:participantsActivities')).toMatchObject([{ roomId: 'main', activity: { type: 0, participant: { uuid: id } } }]);
    expect(payloadOf('event:participantJoined')).toMatchObject({ id: 'main', participant: { uuid: id, displayName: 'Alice', role: 'guest' } });
    expect(model.list()[0]?.state).toBe('joined');
    expect(roster.get(id)?.displayName).toBe('Alice');
  });

  it('uses a join delay changed later (setJoinDelay)', () => {
    model.joinDelay = 0;
    const id = uuidOf(dial('bob@example.com'));
    vi.advanceTimersByTime(0);
    expect(joinedUuids()).toEqual([id]);
  });

  it('refuses fail… destinations and bodies without a destination with undefined', () => {
    expect(dial('fail@example.com')).toBeUndefined();
    expect(dial('FAIL-now')).toBeUndefined();
    expect(model.dialOut('chat', { role: 'GUEST', protocol: 'sip' })).toBeUndefined();
    expect(model.dialOut('chat', null)).toBeUndefined();
    expect(model.list()).toEqual([]);
  });

  it('never answers hang… destinations', () => {
    const id = uuidOf(dial('hang@example.com'));
    vi.advanceTimersByTime(60_000);
    expect(sent).toEqual([]);
    expect(model.list()).toMatchObject([{ uuid: id, state: 'calling' }]);
  });

  it('answers slow… destinations SLOW_EXTRA_MS later, after a later ordinary dial', () => {
    const slow = uuidOf(dial('slow@example.com'));
    vi.advanceTimersByTime(100);
    const quick = uuidOf(dial('quick@example.com'));
    vi.advanceTimersByTime(400);
    expect(joinedUuids()).toEqual([quick]);
    vi.advanceTimersByTime(SLOW_EXTRA_MS - 100);
    expect(joinedUuids()).toEqual([quick, slow]);
  });

  it('disconnect: Leave activity and participantLeft for a joined participant, nothing for one still calling, false for unknown', () => {
    const joined = uuidOf(dial('alice@example.com'));
    const calling = uuidOf(dial('hang@example.com'));
    vi.advanceTimersByTime(400);
    sent = [];
    expect(model.disconnect(joined)).toBe(true);
    expect(sent.map((s) => s.event)).toEqual(['event:participantsActivities', 'event:participantLeft']);
    expect(payloadOf('event:participantsActivities')).toMatchObject([{ roomId: 'main', activity: { type: 1, participant: { uuid: joined } } }]);
    expect(payloadOf('event:participantLeft')).toMatchObject({ id: 'main', participant: { uuid: joined } });
    expect(roster.get(joined)).toBeUndefined();
    expect(model.disconnect(calling)).toBe(true);
    expect(sent).toHaveLength(2);
    expect(model.disconnect('nobody')).toBe(false);
    expect(model.list()).toEqual([]);
  });

  it('disconnecting a call before it is answered cancels its participantJoined', () => {
    const id = uuidOf(dial('alice@example.com'));
    model.disconnect(id);
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([]);
  });

  it('clear empties the list without events and cancels pending answers', () => {
    const changes = vi.fn();
    model.onChange(changes);
    dial('alice@example.com');
    dial('bob@example.com');
    vi.advanceTimersByTime(400);
    dial('carol@example.com');
    sent = [];
    model.clear();
    vi.advanceTimersByTime(1000);
    expect(model.list()).toEqual([]);
    expect(sent).toEqual([]);
    expect(changes).toHaveBeenCalledTimes(6); // 3 dials, 2 joins, 1 clear
  });

  it('forgets a joined call that left the roster another way (transferred, removed by a test)', () => {
    const id = uuidOf(dial('alice@example.com'));
    vi.advanceTimersByTime(400);
    roster.remove(id);
    expect(model.has(id)).toBe(false);
    expect(model.list()).toEqual([]);
    expect(model.disconnect(id)).toBe(false);
  });

  it('list returns copies', () => {
    dial('alice@example.com');
    const [copy] = model.list();
    if (copy) copy.state = 'left';
    expect(model.list()[0]?.state).toBe('calling');
  });
});
