import { describe, expect, it } from 'vitest';
import { dialledParticipant, displayNameOf, roleOf } from './infinity-participant';

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

  it('roleOf and displayNameOf', () => {
    expect(roleOf({ role: 'HOST', destination: 'a', protocol: 'sip' })).toBe('chair');
    expect(roleOf({ role: 'GUEST', destination: 'a', protocol: 'sip' })).toBe('guest');
    expect(displayNameOf({ role: 'GUEST', destination: 'a@b', protocol: 'sip' })).toBe('a@b');
    expect(displayNameOf({ role: 'GUEST', destination: 'a@b', protocol: 'sip', remote_display_name: 'A' })).toBe('A');
  });
});
