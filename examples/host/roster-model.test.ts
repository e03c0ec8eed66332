import type { SelfState } from '@external-chat/host-bridge';
import { describe as group, expect, it } from 'vitest';
import { controlsFor, describe, initials, rosterView, rowKey } from './roster-model';
import { ALL, CAN, hostSelf, person } from './test-people';


const HOST = hostSelf('me');
const GUEST: SelfState = { ...HOST, isHost: false, canControl: false };
const enabled = (actions: ReturnType<typeof controlsFor>): string[] =>
  Object.entries(actions)
    .filter(([, s]) => s.enabled)
    .map(([a]) => a);

group('controlsFor', () => {
  it('a host may act on another participant where its can flags allow', () => {
    expect(enabled(controlsFor(person('a'), HOST, ALL))).toEqual(['mute', 'camera', 'spotlight', 'role', 'disconnect']);
    const limited = person('b', { can: { ...CAN, mute: false, spotlight: false, disconnect: false } });
    expect(enabled(controlsFor(limited, HOST, ALL))).toEqual(['role']);
  });
  it('a guest may act only on themself: microphone, camera, hand', () => {
    expect(enabled(controlsFor(person('a'), GUEST, ALL))).toEqual([]);
    const you = controlsFor(person('me'), GUEST, ALL);
    expect(Object.keys(you)).toEqual(['mute', 'camera', 'hand']);
    expect(enabled(you)).toEqual(['mute', 'camera', 'hand']);
    expect(you.hand?.label).toBe('Raise your hand');
  });
  it('a host with the role but without control rights is treated as a guest', () => {
    expect(enabled(controlsFor(person('a'), { ...HOST, canControl: false }, ALL))).toEqual([]);
  });
  it("a host lowers someone's raised hand but cannot raise it", () => {
    expect(controlsFor(person('a'), HOST, ALL).hand).toMatchObject({ enabled: false, on: false });
    expect(controlsFor(person('a', { raisedHand: true, displayName: 'Ann' }), HOST, ALL).hand).toEqual({ enabled: true, on: true, label: "Lower Ann's hand" });
    expect(controlsFor(person('a', { raisedHand: true, can: { ...CAN, raiseHand: false } }), HOST, ALL).hand?.enabled).toBe(false);
  });
  it('the lobby offers admit and turn away, to a host only', () => {
    const waiting = person('w', { isWaiting: true, displayName: 'Wes' });
    expect(controlsFor(waiting, HOST, ALL)).toEqual({
      admit: { enabled: true, on: false, label: 'Admit Wes' },
      disconnect: { enabled: true, on: false, label: 'Turn Wes away' },
    });
    expect(enabled(controlsFor(waiting, GUEST, ALL))).toEqual([]);
  });
  it('a feature the plugin does not offer disables its button', () => {
    expect(enabled(controlsFor(person('a'), HOST, ['roster', 'mute']))).toEqual(['mute']);
  });
  it('states and labels follow the entry', () => {
    const a = controlsFor(person('a', { displayName: 'Ann', isMuted: true, isCameraMuted: true, isSpotlight: true, isHost: true }), HOST, ALL);
    expect(a.mute).toEqual({ enabled: true, on: true, label: 'Unmute Ann' });
    expect(a.camera).toEqual({ enabled: true, on: true, label: "Turn on Ann's camera" });
    expect(a.spotlight).toMatchObject({ on: true, label: 'Remove spotlight from Ann' });
    expect(a.role).toMatchObject({ on: true, label: 'Make Ann a guest' });
  });
});

group('rosterView', () => {
  const roster = [
    person('a', { displayName: 'Ann García', isHost: true }),
    person('me', { displayName: 'You', isHost: true }),
    person('w', { displayName: 'Wes', isWaiting: true }),
    person('b', { displayName: 'Bob', raisedHand: true, isMuted: true }),
    person('c', { displayName: 'Cy' }),
  ];
  it('draws the lobby first, then you, raised hands, the rest in roster order; counts everyone', () => {
    const view = rosterView({ roster, self: HOST, features: ALL, filter: '' });
    expect(view.lobby.map((p) => p.entry.uuid)).toEqual(['w']);
    expect(view.present.map((p) => p.entry.uuid)).toEqual(['me', 'b', 'a', 'c']);
    expect(view.present[0]?.you).toBe(true);
    expect(view).toMatchObject({ total: 5, waiting: 1, raisedHands: 1, matching: 5, hidden: 0 });
  });
  it('filters by name, ignoring case and accents', () => {
    const view = rosterView({ roster, self: HOST, features: ALL, filter: ' garcia ' });
    expect(view.present.map((p) => p.entry.uuid)).toEqual(['a']);
    expect(view).toMatchObject({ total: 5, matching: 1, hidden: 0 });
  });
  it('draws at most `limit` rows and says how many more match', () => {
    const many = Array.from({ length: 1000 }, (_, i) => person(String(i), { isWaiting: i < 3 }));
    const view = rosterView({ roster: many, self: HOST, features: ALL, filter: '', limit: 100 });
    expect(view.lobby).toHaveLength(3);
    expect(view.present).toHaveLength(97);
    expect(view.hidden).toBe(900);
    expect(rosterView({ roster: many, self: HOST, features: ALL, filter: 'Person 99' }).matching).toBe(11);
  });
  it('mute all: offered to a host; "unmute" once every guest present is muted', () => {
    expect(rosterView({ roster, self: HOST, features: ALL, filter: '' }).muteAll).toEqual({ enabled: true, guestsMuted: false, label: 'Mute all guests' });
    const muted = roster.map((p) => (p.isHost ? p : { ...p, isMuted: !p.isWaiting }));
    expect(rosterView({ roster: muted, self: HOST, features: ALL, filter: '' }).muteAll).toMatchObject({ guestsMuted: true, label: 'Unmute all guests' });
    expect(rosterView({ roster, self: GUEST, features: ALL, filter: '' }).muteAll.enabled).toBe(false);
    expect(rosterView({ roster, self: undefined, features: ALL, filter: '' }).muteAll.enabled).toBe(false);
  });
});

group('row text', () => {
  it('initials', () => {
    expect(initials('Alice Anderson')).toBe('AA');
    expect(initials('You')).toBe('Y');
    expect(initials('alice@example.com')).toBe('AC');
    expect(initials('  ')).toBe('?');
  });
  it('describe says role, protocol and what is special', () => {
    expect(describe(person('a', { protocol: 'sip', callType: 'audio' }))).toBe('Guest · SIP · audio only');
    expect(describe(person('a', { isWaiting: true }))).toBe('In the lobby · WebRTC');
    expect(describe(person('a', { isHost: true, isPresenting: true, isExternal: true }))).toBe('Host · WebRTC · external · presenting');
  });
  it('rowKey changes when what the row shows changes, and only then', () => {
    const view = rosterView({ roster: [person('a')], self: HOST, features: ALL, filter: '' }).present[0]!;
    const again = rosterView({ roster: [person('a')], self: HOST, features: ALL, filter: '' }).present[0]!;
    const muted = rosterView({ roster: [person('a', { isMuted: true })], self: HOST, features: ALL, filter: '' }).present[0]!;
    expect(rowKey(view, new Set())).toBe(rowKey(again, new Set()));
    expect(rowKey(view, new Set())).not.toBe(rowKey(muted, new Set()));
    expect(rowKey(view, new Set())).not.toBe(rowKey(view, new Set(['a mute'])));
  });
});
