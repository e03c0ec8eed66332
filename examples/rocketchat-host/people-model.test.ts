import { describe, expect, it } from 'vitest';
import { initials, peopleView, rowControls } from './people-model';
import { FEATURES, type SelfState } from './protocol';
import { hostSelf as host, person } from './test-people';

const guest: SelfState = { ...host, isHost: false, canControl: false };
const ALL = [...FEATURES];
const names = (controls: { control: string }[]) => controls.map((c) => c.control);

describe('rowControls', () => {
  it('offers a host every control on someone else, each with the fields it sends', () => {
    const controls = rowControls(person('p', { raisedHand: true }), host, ALL);
    expect(names(controls)).toEqual(['mute', 'mute-video', 'raise-hand', 'spotlight', 'set-role', 'transfer', 'dtmf', 'disconnect']);
    expect(controls.find((c) => c.control === 'mute')).toMatchObject({ label: 'Mute', hint: 'Mute p', pressed: false, fields: { participantUuid: 'p', muted: true } });
    expect(controls.find((c) => c.control === 'raise-hand')?.fields).toEqual({ participantUuid: 'p', raised: false });
    expect(controls.find((c) => c.control === 'set-role')?.fields).toEqual({ participantUuid: 'p', role: 'host' });
    expect(controls.find((c) => c.control === 'transfer')).toMatchObject({ asks: 'alias', fields: { participantUuid: 'p' } });
    expect(controls.find((c) => c.control === 'dtmf')).toMatchObject({ asks: 'digits' });
  });

  it('draws nothing the plugin did not name in ready', () => {
    expect(names(rowControls(person('p'), host, ['mute', 'roster']))).toEqual(['mute']);
    expect(rowControls(person('p'), host, ['chat', 'roster', 'self'])).toEqual([]);
  });

  it("draws nothing the entry's can forbids", () => {
    const none = { ...person('p').can, mute: false, disconnect: false, transfer: false, spotlight: false, raiseHand: false };
    expect(names(rowControls(person('p', { can: none, raisedHand: true }), host, ALL))).toEqual(['set-role', 'dtmf']);
  });

  it('offers you your own mic, camera and hand only; a guest nothing on others', () => {
    expect(names(rowControls(person('me'), host, ALL))).toEqual(['mute', 'mute-video', 'raise-hand']);
    expect(names(rowControls(person('me'), guest, ALL))).toEqual(['mute', 'mute-video', 'raise-hand']);
    expect(rowControls(person('p'), guest, ALL)).toEqual([]);
  });

  it('offers admit and deny in the lobby', () => {
    expect(rowControls(person('w', { isWaiting: true }), host, ALL).map((c) => [c.control, c.label, c.hint])).toEqual([
      ['admit', 'Admit', 'Admit w from the lobby'],
      ['disconnect', 'Deny', 'Turn w away'],
    ]);
  });

  it('flips each toggle by the state the roster shows', () => {
    const controls = rowControls(person('p', { isMuted: true, isCameraMuted: true, isSpotlight: true, isHost: true }), host, ALL);
    expect(controls.filter((c) => c.pressed).map((c) => [c.control, c.label, c.fields])).toEqual([
      ['mute', 'Unmute', { participantUuid: 'p', muted: false }],
      ['mute-video', 'Start video', { participantUuid: 'p', muted: false }],
      ['spotlight', 'Unspotlight', { participantUuid: 'p', active: false }],
      ['set-role', 'Make guest', { participantUuid: 'p', role: 'guest' }],
    ]);
    expect(rowControls(person('me', { raisedHand: true }), host, ALL).map((c) => c.hint)).toEqual(['Mute yourself', 'Turn off your camera', 'Lower your hand']);
  });

  it('offers controls on others when self is unknown: Infinity decides', () => {
    expect(names(rowControls(person('p'), undefined, ['mute', 'disconnect']))).toEqual(['mute', 'disconnect']);
  });
});

describe('peopleView', () => {
  it('lists the lobby, then you, raised hands, the rest; marks you', () => {
    const view = peopleView([person('a'), person('w', { isWaiting: true }), person('h', { raisedHand: true }), person('me')], host, ALL);
    expect(view.lobby.map((r) => r.entry.uuid)).toEqual(['w']);
    expect(view.present.map((r) => [r.entry.uuid, r.you, r.name])).toEqual([
      ['me', true, 'me'],
      ['h', false, 'h'],
      ['a', false, 'a'],
    ]);
    expect([view.total, view.waiting]).toEqual([4, 1]);
  });

  it('offers mute-all-guests to a host, flipped once every guest is muted', () => {
    expect(peopleView([person('me'), person('a')], host, ALL).muteAll).toEqual({ label: 'Mute all guests', muted: false, fields: { muted: true } });
    expect(peopleView([person('me'), person('a', { isMuted: true }), person('b', { isHost: true })], host, ALL).muteAll).toMatchObject({ muted: true, fields: { muted: false } });
    expect(peopleView([person('a')], guest, ALL).muteAll).toBeNull();
    expect(peopleView([person('a')], host, ['mute']).muteAll).toBeNull();
  });

  it('names someone without a name', () => {
    expect(peopleView([person('a', { displayName: '  ' })], host, ALL).present[0]!.name).toBe('Unnamed participant');
    expect([initials('Alice Anderson'), initials('You'), initials('')]).toEqual(['AA', 'Y', '?']);
  });
});
