// The meeting as a real Web App 3 reports it, end to end through the plugin's mapping: Infinity's own rows (what
// `conference:requestParticipants` answers), activities in plugin-api 22's shape and the shape before it, the
// deprecated events alone, and a breakout room beside the main one. Every flag differs from its neighbours and
// from the other participants', so a mapping that swaps two fields, or two rooms, fails.
import type { InfinityParticipant, Plugin } from '@pexip/plugin-api';
// The mapping Web App 3 applies before its events, from its owner (@pexip/infinity 20, a test-only dependency; the
// package does not export it from its index).
import { normalizeParticipant } from '@pexip/infinity/dist/utils.js';
import { describe, expect, it } from 'vitest';
import { fromInfinityRow, rowsOf, type InfinityRow } from './infinity-row';
import { createMeetingState, toRosterEntry, toSelf } from './roster';
import { webApp3 } from './webapp3';

/** A row as Infinity writes it; the fields the mapping does not read are there too, as in a real answer. */
const row = (more: Partial<InfinityRow> & Pick<InfinityRow, 'uuid' | 'display_name'>): InfinityRow => ({
  buzz_time: 0,
  call_direction: 'in',
  disconnect_supported: 'NO',
  encryption: 'On',
  external_node_uuid: '',
  fecc_supported: 'NO',
  has_media: true,
  is_audio_only_call: 'NO',
  is_external: false,
  is_muted: 'NO',
  is_presenting: 'NO',
  is_streaming_conference: false,
  is_video_call: 'YES',
  is_video_muted: false,
  is_video_silent: false,
  local_alias: 'meet@example.com',
  mute_supported: 'NO',
  overlay_text: 'never used as the name',
  protocol: 'webrtc',
  role: 'guest',
  rx_presentation_policy: 'ALLOW',
  service_type: 'conference',
  spotlight: 0,
  start_time: 1_765_000_000,
  supports_direct_chat: true,
  transfer_supported: 'NO',
  can_receive_personal_mix: false,
  receive_from_video_mix: { mix_name: 'main', timestamp: 0 },
  ...more,
});

/** Five people, each flag set for one of them only. */
const ROWS: InfinityRow[] = [
  // A host presenting, whom nobody may mute (a room system's own setting), on video.
  row({ uuid: 'ada', display_name: 'Ada', role: 'chair', is_presenting: 'YES', disconnect_supported: 'YES', protocol: 'api' }),
  // A guest on a SIP audio call, muted by a host, spotlighted, that may be transferred.
  row({ uuid: 'ben', display_name: 'Ben', is_muted: 'YES', spotlight: 1_765_000_100, transfer_supported: 'YES', protocol: 'sip', is_audio_only_call: 'YES', is_video_call: 'NO' }),
  // A guest in the lobby, hand raised, camera off.
  row({ uuid: 'cy', display_name: 'Cy', service_type: 'waiting_room', buzz_time: 1_765_000_200, is_video_muted: true, mute_supported: 'YES' }),
  // A gateway call from an external meeting, named only by its URI, its camera steerable (FECC): a host's role, no meeting powers.
  row({ uuid: 'dee', display_name: '', uri: 'sip:dee@example.com', role: 'chair', service_type: 'gateway', is_external: true, fecc_supported: 'YES', protocol: 'mssip', is_video_call: 'NO' }),
  // A host of a lecture (Virtual Auditorium), muted on their own device.
  row({ uuid: 'eve', display_name: 'Eve', role: 'chair', service_type: 'lecture', protocol: 'h323', is_client_muted: true }),
  // A host still in the lobby (waiting for the meeting to start): a host's role, no powers yet.
  row({ uuid: 'fay', display_name: 'Fay', role: 'chair', service_type: 'waiting_room' }),
];

const can = (c: Partial<Record<'control' | 'mute' | 'disconnect' | 'transfer' | 'spotlight' | 'fecc' | 'raiseHand' | 'changeLayout', boolean>>) => ({
  control: false, mute: false, disconnect: false, transfer: false, spotlight: true, fecc: false, raiseHand: true, changeLayout: false, ...c,
});
const entry = (uuid: string, displayName: string, more: object) => ({
  uuid, displayName, isHost: false, isWaiting: false, isMuted: false, isClientMuted: false, isCameraMuted: false, isPresenting: false,
  isSpotlight: false, raisedHand: false, protocol: 'webrtc', callType: 'video', isExternal: false, can: can({}), ...more,
});

const ROSTER = [
  entry('ada', 'Ada', { isHost: true, isPresenting: true, protocol: 'api', can: can({ control: true, disconnect: true, changeLayout: true }) }),
  entry('ben', 'Ben', { isMuted: true, isSpotlight: true, protocol: 'sip', callType: 'audio', can: can({ transfer: true }) }),
  entry('cy', 'Cy', { isWaiting: true, raisedHand: true, isCameraMuted: true, can: can({ mute: true }) }),
  entry('dee', 'dee@example.com', { isHost: true, isExternal: true, protocol: 'mssip', callType: 'api', can: can({ changeLayout: true, fecc: true, spotlight: false, raiseHand: false }) }),
  entry('eve', 'Eve', { isHost: true, isClientMuted: true, protocol: 'h323', can: can({ control: true, changeLayout: true }) }),
  entry('fay', 'Fay', { isHost: true, isWaiting: true }),
];

/** The participants as Web App 3's events carry them: @pexip/infinity's own mapping of the same rows. */
const PEOPLE = ROWS.map((r) => normalizeParticipant(r as never) as unknown as InfinityParticipant);

/** plugin-api's signals, fired by the test as Web App 3's events would. */
function fakeWebApp3(reply: unknown = undefined) {
  const handlers = new Map<string, (payload: unknown) => void>();
  const signal = (name: string) => ({ add: (handler: (payload: unknown) => void) => void handlers.set(name, handler) });
  const names = ['connected', 'disconnected', 'userInitiatedDisconnect', 'languageSelect', 'message', 'directMessage', 'me', 'participants', 'participantJoined', 'participantLeft', 'participantsActivities'];
  const plugin = {
    events: Object.fromEntries(names.map((name) => [name, signal(name)])),
    conference: { requestParticipants: async () => reply },
  } as unknown as Plugin;
  const meeting = createMeetingState();
  const webapp = webApp3(plugin, {});
  webapp.onParticipants((changes) => meeting.apply(changes));
  webapp.onMe((participant) => meeting.setMe(participant));
  const fire = (name: string, payload: unknown): void => handlers.get(name)?.(payload);
  return { webapp, meeting, fire };
}

const joins = (roomId: string, shape: 'type' | 'activity') =>
  PEOPLE.map((participant) => ({ roomId, activity: { [shape]: 0, participant } }));

describe("a real meeting, as Web App 3 reports it, becomes the page's roster", () => {
  it("maps Infinity's own rows as @pexip/infinity does: flags, rights per participant, names, call types", () => {
    expect(PEOPLE.map(toRosterEntry)).toEqual(ROSTER);
    expect(ROWS.map(fromInfinityRow).map(toRosterEntry)).toEqual(ROSTER);
    // Field by field, each field the plugin derives equals @pexip/infinity's.
    for (const [i, derived] of ROWS.map(fromInfinityRow).entries()) {
      const theirs = PEOPLE[i] as unknown as Record<string, unknown>;
      for (const [field, value] of Object.entries(derived)) expect([field, value]).toEqual([field, field === 'displayName' ? (theirs[field] ?? '') : theirs[field]]);
    }
  });

  it("reads requestParticipants' answer, and nothing from an answer without rows", () => {
    expect(rowsOf({ status: 200, data: { status: 'success', result: [...ROWS, null, { display_name: 'no uuid' }] } })?.map(toRosterEntry)).toEqual(ROSTER);
    expect(rowsOf(undefined)).toBeUndefined();
    expect(rowsOf({ status: 500 })).toBeUndefined();
    expect(rowsOf({ status: 200, data: { status: 'success', result: [row({ uuid: 'x', display_name: '' })] } })?.map((p) => p.displayName)).toEqual(['']);
    expect(rowsOf({ status: 403, data: { status: 'failed', result: 'no' } })).toBeUndefined();
  });

  it.each(['type', 'activity'] as const)('follows activities named by `%s` (plugin-api 22, and before it), without any deprecated event', (shape) => {
    const { fire, meeting } = fakeWebApp3();
    fire('participantsActivities', [...joins('main', shape), ...joins('breakout-1', shape).map((a) => ({ ...a, activity: { ...a.activity, participant: { ...a.activity.participant, uuid: `b-${a.activity.participant.uuid}` } } }))]);
    expect(meeting.roster()).toEqual(ROSTER);
    fire('participantsActivities', [
      { roomId: 'main', activity: { [shape]: 2, participant: { ...PEOPLE[1], isMuted: false } } },
      { roomId: 'main', activity: { [shape]: 1, participant: PEOPLE[2] } },
      // The same person leaving a breakout room is not leaving the meeting.
      { roomId: 'breakout-1', activity: { [shape]: 1, participant: PEOPLE[0] } },
    ]);
    expect(meeting.roster()).toEqual([ROSTER[0], { ...ROSTER[1], isMuted: false }, ...ROSTER.slice(3)]);
  });

  it('hears nothing from activities that are all elsewhere or unreadable, and is not thrown by them', () => {
    const { webapp, fire } = fakeWebApp3();
    const heard: unknown[] = [];
    webapp.onParticipants((changes) => heard.push(changes));
    fire('participantsActivities', [{ roomId: 'breakout-1', activity: { type: 0, participant: PEOPLE[0] } }, { roomId: 'main' }, { roomId: 'main', activity: { type: 7, participant: PEOPLE[0] } }]);
    fire('participantsActivities', 'not a list');
    expect(heard).toEqual([]);
  });

  it('follows the deprecated events alone (a Web App 3 before plugin-api 21.1)', () => {
    const { fire, meeting } = fakeWebApp3();
    fire('participants', { id: 'main', participants: PEOPLE.slice(0, 3) });
    fire('participants', { id: 'breakout-1', participants: [] });
    fire('participantJoined', { id: 'main', participant: PEOPLE[3] });
    fire('participantJoined', { id: 'breakout-1', participant: { ...PEOPLE[0], uuid: 'elsewhere' } });
    fire('participantJoined', { id: 'main', participant: PEOPLE[4] });
    fire('participantJoined', { id: 'main', participant: PEOPLE[5] });
    fire('participantLeft', { id: 'main', participant: PEOPLE[0] });
    fire('participantLeft', { id: 'breakout-1', participant: PEOPLE[1] });
    expect(meeting.roster()).toEqual(ROSTER.slice(1));
  });

  it("knows the user from the main room's me only, and self follows the user's own changes", () => {
    const { fire, meeting } = fakeWebApp3();
    fire('participantsActivities', joins('main', 'type'));
    fire('me', { id: 'breakout-1', participant: PEOPLE[0] });
    expect(meeting.self()).toBeUndefined();
    fire('me', { id: 'main', participant: PEOPLE[1] });
    expect(meeting.self()).toEqual({ participantUuid: 'ben', micMuted: true, camMuted: false, clientMuted: false, isHost: false, canControl: false });
    expect(toSelf(PEOPLE[2] as InfinityParticipant)).toEqual({ participantUuid: 'cy', micMuted: false, camMuted: true, clientMuted: false, isHost: false, canControl: false });
    expect(toSelf(PEOPLE[4] as InfinityParticipant)).toEqual({ participantUuid: 'eve', micMuted: false, camMuted: false, clientMuted: true, isHost: true, canControl: true });
  });

  it('asks Web App 3 who is there: the rows, or nothing outside a meeting', async () => {
    await expect(fakeWebApp3({ status: 200, data: { status: 'success', result: ROWS } }).webapp.participantsNow().then((people) => people?.map(toRosterEntry))).resolves.toEqual(ROSTER);
    await expect(fakeWebApp3(undefined).webapp.participantsNow()).resolves.toBeUndefined();
  });
});
