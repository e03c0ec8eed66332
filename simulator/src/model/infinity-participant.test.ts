import type { CallType, InfinityParticipant, ParticipantID } from '@pexip/plugin-api';
import { normalizeParticipant } from '@pexip/infinity/dist/utils.js';
import { describe, expect, it } from 'vitest';
import { dialledParticipant, displayNameOf, patchParticipant, rawRow, roleOf, type RawParticipant } from './infinity-participant';
import { localParticipant, person } from './people';

const now = new Date('2025-01-02T03:04:05Z');

describe('dialledParticipant', () => {
  it('builds a guest video participant from a minimal dial body', () => {
    const p = dialledParticipant('u-1', { role: 'GUEST', destination: 'alice@example.com', protocol: 'auto' }, now);
    expect(p).toMatchObject({
      uuid: 'u-1',
      displayName: 'alice@example.com',
      overlayText: 'alice@example.com',
      uri: 'alice@example.com',
      role: 'guest',
      isHost: false,
      canControl: false,
      callType: 'video',
      protocol: 'sip',
      isStreaming: false,
      startAt: now,
      startTime: 1735787045,
    });
    expect(p.rawData).toMatchObject({ uuid: 'u-1', role: 'guest', call_direction: 'out', is_video_call: 'YES', local_alias: 'meet@example.com', start_time: 1735787045 });
  });

  it('follows role, call type, protocol, streaming, display name, text and source', () => {
    const p = dialledParticipant(
      'u-2',
      {
        role: 'HOST',
        destination: 'rtmp://stream.example.com/live',
        protocol: 'rtmp',
        call_type: 'audio',
        streaming: 'yes',
        remote_display_name: 'Recorder',
        text: 'REC',
        source: 'vmr@example.com',
      },
      now,
    );
    expect(p).toMatchObject({ role: 'chair', isHost: true, canControl: true, callType: 'audio', protocol: 'rtmp', isStreaming: true, displayName: 'Recorder', overlayText: 'REC' });
    expect(p.rawData).toMatchObject({ is_audio_only_call: 'YES', is_video_call: 'NO', local_alias: 'vmr@example.com', overlay_text: 'REC', is_streaming_conference: true });
  });

  it('roleOf and displayNameOf (an empty display name falls back to the destination, as Infinity reads it)', () => {
    expect(displayNameOf({ role: 'GUEST', destination: 'a@b', protocol: 'sip', remote_display_name: '' })).toBe('a@b');
    expect(roleOf({ role: 'HOST', destination: 'a', protocol: 'sip' })).toBe('chair');
    expect(roleOf({ role: 'GUEST', destination: 'a', protocol: 'sip' })).toBe('guest');
    expect(displayNameOf({ role: 'GUEST', destination: 'a@b', protocol: 'sip' })).toBe('a@b');
    expect(displayNameOf({ role: 'GUEST', destination: 'a@b', protocol: 'sip', remote_display_name: 'A' })).toBe('A');
  });
});

// A row the simulator hands out with conference:requestParticipants must map
// back, through @pexip/infinity 20's own normalizeParticipant, to the very
// participant the plugins got in their events.
function normalize(row: RawParticipant): InfinityParticipant {
  // @pexip/infinity 20's own mapping, less the fields plugin-api's InfinityParticipant leaves out.
  const { isConnecting: _c, hasMedia: _h, supportsDirectChat: _s, ...participant } = normalizeParticipant(row as never);
  return participant as unknown as InfinityParticipant;
}

describe('rawRow: the exact inverse of @pexip/infinity’s normalizeParticipant', () => {
  const later = now.getTime() + 60_000;
  const everyone = (): Array<[string, InfinityParticipant]> => {
    const people: Array<[string, InfinityParticipant]> = [
      ['you, host', localParticipant('chair', now)],
      ['you, guest', localParticipant('guest', now)],
      ...[0, 1, 2, 3, 4].map((i): [string, InfinityParticipant] => [`person ${i}`, person(i, false, now)]),
      ['in the lobby', person(7, true, now)],
      ['dialled, audio, streaming', dialledParticipant('u-9', { role: 'HOST', destination: 'sip:rec@example.com', protocol: 'sip', call_type: 'audio', streaming: 'yes' }, now)],
    ];
    const alice = person(0, false, now);
    const carol = person(2, false, now);
    people.push(
      ['muted, camera off, hand up', patchParticipant(carol, { isMuted: true, isCameraMuted: true, raisedHand: true }, later)],
      ['spotlit', patchParticipant(carol, { isSpotlight: true }, later)],
      ['hand lowered', patchParticipant(patchParticipant(carol, { raisedHand: true }, later), { raisedHand: false })],
      ['promoted', patchParticipant(carol, { role: 'chair' })],
      ['demoted', patchParticipant(alice, { role: 'guest' })],
      ['admitted', patchParticipant(person(7, true, now), { isWaiting: false })],
      ['sent to the lobby', patchParticipant(alice, { isWaiting: true })],
      ['presenting, renamed', patchParticipant(carol, { isPresenting: true, displayName: 'Caz', overlayText: 'Caz' })],
      ['a gateway call (no spotlight, no hand)', patchParticipant(alice, { serviceType: 'gateway' })],
      ['back from a gateway', patchParticipant(patchParticipant(alice, { serviceType: 'gateway' }), { serviceType: 'conference' })],
    );
    return people;
  };

  it.each(everyone())('%s: normalize(rawRow(p)) is p, and rawData is the row', (_who, p) => {
    const row = rawRow(p);
    expect(p.rawData).toEqual(row);
    expect(normalize(row)).toEqual(p);
  });

  it('times are Unix seconds, as Infinity’s buzz_time and spotlight', () => {
    const p = patchParticipant(person(2, false, now), { raisedHand: true, isSpotlight: true }, later);
    expect(p).toMatchObject({ handRaisedTime: Math.floor(later / 1000), spotlightOrder: Math.floor(later / 1000) });
    expect(p.rawData).toMatchObject({ buzz_time: Math.floor(later / 1000), spotlight: Math.floor(later / 1000) });
  });
});
