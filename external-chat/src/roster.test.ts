import type { InfinityParticipant } from '@pexip/plugin-api';
import { describe, expect, it } from 'vitest';
import { createMeetingState, toRosterEntry, toSelf } from './roster';

/** An InfinityParticipant with the fields the mapping reads; the rest of plugin-api's type is irrelevant here. */
const participant = (uuid: string, more: Partial<InfinityParticipant> = {}): InfinityParticipant =>
  ({
    uuid,
    displayName: `Name ${uuid}`,
    isHost: false,
    isWaiting: false,
    isMuted: false,
    isClientMuted: false,
    isCameraMuted: false,
    isPresenting: false,
    isSpotlight: false,
    raisedHand: false,
    protocol: 'webrtc',
    callType: 'video',
    isExternal: false,
    canControl: false,
    canMute: true,
    canDisconnect: true,
    canTransfer: true,
    canSpotlight: true,
    canFecc: false,
    canRaiseHand: true,
    canChangeLayout: false,
    overlayText: 'ignored',
    rawData: { secret: 'never forwarded' },
    ...more,
  }) as unknown as InfinityParticipant;

describe('InfinityParticipant → roster entry', () => {
  it('carries exactly the documented fields, can* flags grouped under can', () => {
    expect(toRosterEntry(participant('a', { isHost: true, raisedHand: true, canControl: true, canFecc: true }))).toEqual({
      uuid: 'a',
      displayName: 'Name a',
      isHost: true,
      isWaiting: false,
      isMuted: false,
      isClientMuted: false,
      isCameraMuted: false,
      isPresenting: false,
      isSpotlight: false,
      raisedHand: true,
      protocol: 'webrtc',
      callType: 'video',
      isExternal: false,
      can: { control: true, mute: true, disconnect: true, transfer: true, spotlight: true, fecc: true, raiseHand: true, changeLayout: false },
    });
  });

  it("turns what Infinity left out into '' and false, never undefined", () => {
    const entry = toRosterEntry({ uuid: 'b' } as InfinityParticipant);
    expect(entry.displayName).toBe('');
    expect(entry.protocol).toBe('');
    expect(entry.isMuted).toBe(false);
    expect(entry.can.mute).toBe(false);
    expect(toRosterEntry(participant('c', { isMuted: 'yes' as never })).isMuted).toBe(false);
  });

  it('maps the local user to self', () => {
    expect(toSelf(participant('me', { isMuted: true, isCameraMuted: true, isClientMuted: false, isHost: true, canControl: true }))).toEqual({
      participantUuid: 'me',
      micMuted: true,
      camMuted: true,
      clientMuted: false,
      isHost: true,
      canControl: true,
    });
  });
});

describe('meeting state', () => {
  it('follows joins, updates and leaves, and a full list replaces everything', () => {
    const m = createMeetingState();
    m.apply([{ type: 'all', participants: [participant('a'), participant('b')] }]);
    m.apply([{ type: 'join', participant: participant('c') }, { type: 'update', participant: participant('a', { isMuted: true }) }]);
    m.apply([{ type: 'leave', participant: participant('b') }]);
    expect(m.roster().map((p) => [p.uuid, p.isMuted])).toEqual([
      ['a', true],
      ['c', false],
    ]);
    m.apply([{ type: 'all', participants: [participant('z')] }]);
    expect(m.roster().map((p) => p.uuid)).toEqual(['z']);
  });

  it('is idempotent, so one change reported by both the old and the new events counts once', () => {
    const m = createMeetingState();
    const joined = participant('a');
    m.apply([{ type: 'join', participant: joined }]);
    m.apply([{ type: 'join', participant: joined }]);
    m.apply([{ type: 'leave', participant: joined }]);
    m.apply([{ type: 'leave', participant: joined }]);
    expect(m.roster()).toEqual([]);
  });

  it('skips entries without a uuid instead of failing the whole list', () => {
    const m = createMeetingState();
    m.apply([{ type: 'all', participants: [participant('a'), {} as InfinityParticipant, participant('')] }]);
    m.apply([{ type: 'join', participant: null as unknown as InfinityParticipant }]);
    expect(m.roster().map((p) => p.uuid)).toEqual(['a']);
  });

  it("keeps only entries the contract's rule accepts, checked when they change", () => {
    const m = createMeetingState();
    const absurd = 'u'.repeat(5000);
    m.apply([{ type: 'all', participants: [participant('a'), participant(absurd)] }]);
    m.apply([{ type: 'update', participant: participant('a', { displayName: 'x'.repeat(5000) }) }]);
    expect(m.roster().map((p) => [p.uuid, p.displayName.length])).toEqual([['a', 4096]]);
    m.apply([{ type: 'join', participant: participant(absurd) }]);
    expect(m.roster().map((p) => p.uuid)).toEqual(['a']);
  });

  it('knows the local user from me, and updates self when the roster reports them', () => {
    const m = createMeetingState();
    expect(m.self()).toBeUndefined();
    expect(m.setMe(participant('me'))).toBe(true);
    expect(m.isMe('me')).toBe(true);
    expect(m.apply([{ type: 'update', participant: participant('me', { isMuted: true }) }])).toEqual({ roster: true, self: true });
    expect(m.self()?.micMuted).toBe(true);
    expect(m.apply([{ type: 'update', participant: participant('other') }])).toEqual({ roster: true, self: false });
    expect(m.setMe({} as InfinityParticipant)).toBe(false);
  });

  it('calls a uuid unknown only once a list was heard; the end of the meeting forgets everyone', () => {
    const m = createMeetingState();
    expect(m.mayExist('anyone')).toBe(true);
    m.apply([{ type: 'join', participant: participant('a') }]);
    expect(m.mayExist('a')).toBe(true);
    expect(m.mayExist('anyone')).toBe(false);
    m.setMe(participant('me'));
    expect(m.mayExist('me')).toBe(true);
    m.clear();
    expect(m.roster()).toEqual([]);
    expect(m.self()).toBeUndefined();
    expect(m.mayExist('anyone')).toBe(true);
  });
});
