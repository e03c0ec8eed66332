import type { EventMessage } from '@pexip/plugin-api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Participants, SLOW_EXTRA_MS, type Broadcast } from './participants';

type Sent = { event: keyof EventMessage; payload: unknown };

let sent: Sent[];
let model: Participants;
const broadcast: Broadcast = (event, payload) => void sent.push({ event, payload });
const dial = (destination: string, extra: Record<string, unknown> = {}) =>
  model.dialOut('chat', { role: 'GUEST', destination, protocol: 'sip', ...extra });
const uuidOf = (reply: ReturnType<typeof dial>): string => {
  const id = reply?.data.result[0];
  if (typeof id !== 'string') throw new Error(`no uuid in ${JSON.stringify(reply)}`);
  return id;
};
const joinedUuids = () => sent.filter((s) => s.event === 'event:participantJoined').map((s) => (s.payload as EventMessage['event:participantJoined']['payload']).participant.uuid);

beforeEach(() => {
  vi.useFakeTimers();
  sent = [];
  model = new Participants(broadcast, 400);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Participants', () => {
  it('answers a dial with a uuid at once and sends participantJoined after the join delay', () => {
    const reply = dial('alice@example.com', { remote_display_name: 'Alice' });
    const id = uuidOf(reply);
    expect(reply).toEqual({ status: 200, data: { status: 'success', result: [id] } });
    expect(model.list()).toMatchObject([{ uuid: id, pluginId: 'chat', destination: 'alice@example.com', displayName: 'Alice', role: 'guest', state: 'calling' }]);
    vi.advanceTimersByTime(399);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(joinedUuids()).toEqual([id]);
    expect(sent[0]?.payload).toMatchObject({ id: 'main', participant: { uuid: id, displayName: 'Alice', role: 'guest' } });
    expect(model.list()[0]?.state).toBe('joined');
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

  it('disconnect: participantLeft for a joined participant, nothing for one still calling, false for unknown', () => {
    const joined = uuidOf(dial('alice@example.com'));
    const calling = uuidOf(dial('hang@example.com'));
    vi.advanceTimersByTime(400);
    sent = [];
    expect(model.disconnect(joined)).toBe(true);
    expect(sent.map((s) => s.event)).toEqual(['event:participantLeft']);
    expect(sent[0]?.payload).toMatchObject({ id: 'main', participant: { uuid: joined } });
    expect(model.disconnect(calling)).toBe(true);
    expect(sent).toHaveLength(1);
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

  it('list returns copies', () => {
    dial('alice@example.com');
    const [copy] = model.list();
    if (copy) copy.state = 'left';
    expect(model.list()[0]?.state).toBe('calling');
  });
});
