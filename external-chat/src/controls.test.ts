import { describe, expect, it } from 'vitest';
import { callOfControl, refusalIn } from './controls';

const P = 'p-1';

describe('controls → plugin-api RPCs', () => {
  it('maps each control to the RPC of the same meaning, with Infinity’s field names', () => {
    expect(callOfControl('mute', { participantUuid: P, muted: true }, false)).toEqual({ rpc: 'participant:mute', payload: { mute: true, participantUuid: P } });
    expect(callOfControl('mute-video', { participantUuid: P, muted: false }, false)).toEqual({
      rpc: 'participant:muteVideo',
      payload: { muteVideo: false, participantUuid: P },
    });
    expect(callOfControl('admit', { participantUuid: P }, false)).toEqual({ rpc: 'participant:admit', payload: { participantUuid: P } });
    expect(callOfControl('disconnect', { participantUuid: P }, false)).toEqual({ rpc: 'participant:disconnect', payload: { participantUuid: P } });
    expect(callOfControl('spotlight', { participantUuid: P, active: true }, false)).toEqual({
      rpc: 'participant:spotlight',
      payload: { enable: true, participantUuid: P },
    });
    expect(callOfControl('raise-hand', { participantUuid: P, raised: true }, false)).toEqual({
      rpc: 'participant:raiseHand',
      payload: { raise: true, participantUuid: P },
    });
    expect(callOfControl('set-role', { participantUuid: P, role: 'host' }, false)).toEqual({
      rpc: 'participant:setRole',
      payload: { role: 'chair', participantUuid: P },
    });
    expect(callOfControl('set-role', { participantUuid: P, role: 'guest' }, false).payload).toMatchObject({ role: 'guest' });
    expect(callOfControl('dtmf', { participantUuid: P, digits: '12#' }, false)).toEqual({ rpc: 'participant:sendDTMF', payload: { digits: '12#', participantUuid: P } });
    expect(callOfControl('mute-all-guests', { muted: true }, false)).toEqual({ rpc: 'conference:muteAllGuests', payload: { mute: true } });
  });

  it('sends a message to everyone when it names nobody, leaving out a participant given as undefined', () => {
    expect(callOfControl('send-meeting-message', { text: 'hi', participantUuid: undefined }, false)).toEqual({ rpc: 'conference:sendMessage', payload: { payload: 'hi' } });
    expect(callOfControl('send-meeting-message', { text: 'hi', participantUuid: P }, false).payload).toEqual({ payload: 'hi', participantUuid: P });
  });

  it('transfers as a guest with no pin unless told otherwise, so nobody is promoted by accident', () => {
    expect(callOfControl('transfer', { participantUuid: P, alias: 'room@example.com' }, false)).toEqual({
      rpc: 'participant:transfer',
      payload: { destination: 'room@example.com', pin: '', role: 'guest', participantUuid: P },
    });
    expect(callOfControl('transfer', { participantUuid: P, alias: 'r', role: 'host', pin: '1234' }, false).payload).toEqual({
      destination: 'r',
      pin: '1234',
      role: 'host',
      participantUuid: P,
    });
  });

  it('leaves the participant out of mute, mute-video and raise-hand on the local user, and only there', () => {
    expect(callOfControl('mute', { participantUuid: P, muted: true }, true).payload).toEqual({ mute: true });
    expect(callOfControl('mute-video', { participantUuid: P, muted: true }, true).payload).toEqual({ muteVideo: true });
    expect(callOfControl('raise-hand', { participantUuid: P, raised: false }, true).payload).toEqual({ raise: false });
    // Controls that are a host's right over someone keep the participant even when it is the user.
    expect(callOfControl('spotlight', { participantUuid: P, active: true }, true).payload).toEqual({ enable: true, participantUuid: P });
    expect(callOfControl('disconnect', { participantUuid: P }, true).payload).toEqual({ participantUuid: P });
  });
});

describe("reading Web App 3's answer to a control", () => {
  it('accepts a 2xx, and refuses anything else naming the status and what Infinity said', () => {
    expect(refusalIn(false, { status: 200, data: { status: 'success', result: true } })).toBeUndefined();
    expect(refusalIn(false, { status: 403, data: { status: 'failed', result: 'Not allowed' } })).toBe('Infinity refused it (403: Not allowed)');
    expect(refusalIn(false, { status: 404, data: null })).toBe('Infinity refused it (404)');
    expect(refusalIn(false, { status: 500, data: { reason: 'x'.repeat(500) } })).toBe(`Infinity refused it (500: ${'x'.repeat(200)})`);
  });

  it("refuses Infinity's 200 that says it did nothing: `result: false`", () => {
    expect(refusalIn(false, { status: 200, data: { status: 'success', result: false } })).toBe('Infinity answered result: false');
    expect(refusalIn(false, { status: 200, data: { status: 'success', result: 'false' } })).toBeUndefined();
    expect(refusalIn(false, { status: 200, data: null })).toBeUndefined();
  });

  it('reads undefined as "never sent", except for an RPC whose row says it answers nothing', () => {
    expect(refusalIn(false, undefined)).toBe('Web App 3 did not send it to Infinity (is the user in the meeting?)');
    expect(refusalIn(true, undefined)).toBeUndefined();
  });

  it("reports Web App 3's own refusal and anything it cannot read", () => {
    expect(refusalIn(false, { status: 'failed', reason: 'Unknown RPC' })).toBe('Web App 3 refused it: Unknown RPC');
    expect(refusalIn(false, 'yes')).toBe('Web App 3 answered something unexpected (string)');
    expect(refusalIn(false, {})).toBe('Web App 3 answered something unexpected (no status)');
    expect(refusalIn(false, { status: 'ok' })).toBeUndefined();
  });
});
