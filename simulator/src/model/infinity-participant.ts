// Pure: the InfinityParticipant Web App 3 would report for each person in the
// meeting (the local user, the people already there, dialled-out calls), and
// how a change to one of them reads. Every participant is kept consistent with
// @pexip/infinity 20's normalizeParticipant (dist/utils.js): `rawRow` is the
// Infinity row it was mapped from (the exact inverse), and `rawData` is that row.
import type { CallType, InfinityParticipant, ParticipantID, RPCCallPayload, RPCCallReply } from '@pexip/plugin-api';

/** Infinity's raw participant row (infinity-api 20, conference/types.d.ts `Participant`), as plugin-api types requestParticipants' answer. */
export type RawParticipant = NonNullable<RPCCallReply<'conference:requestParticipants'>>['data']['result'][number];

type DialBody = RPCCallPayload<'conference:dialOut'>;
type Role = InfinityParticipant['role'];

export const roleOf = (body: DialBody): 'chair' | 'guest' => (body.role === 'HOST' ? 'chair' : 'guest');

// As @pexip/infinity reads the row: an empty display name falls back too.
export const displayNameOf = (body: DialBody): string => body.remote_display_name || body.destination;

const VENDOR = 'Pexip Web App 3 simulator';

/** What distinguishes one person from another; everything else starts as Infinity's defaults. */
export interface ParticipantSpec {
  uuid: string;
  displayName: string;
  role: Role;
  protocol: InfinityParticipant['protocol'];
  uri: string;
  direction: 'in' | 'out';
  audioOnly?: boolean;
  streaming?: boolean;
  overlayText?: string;
  localAlias?: string;
  /** waiting in the lobby (Infinity's waiting_room service type) */
  waiting?: boolean;
}

const yesNo = (v: boolean): 'YES' | 'NO' => (v ? 'YES' : 'NO');

export function buildParticipant(spec: ParticipantSpec, now = new Date()): InfinityParticipant {
  const { uuid, displayName, role, protocol, uri } = spec;
  const isHost = role === 'chair';
  const audioOnly = spec.audioOnly ?? false;
  const streaming = spec.streaming ?? false;
  const overlayText = spec.overlayText ?? displayName;
  const serviceType = spec.waiting ? 'waiting_room' : 'conference';
  const startTime = Math.floor(now.getTime() / 1000);
  const p: InfinityParticipant = {
    callType: (audioOnly ? 'audio' : 'video') as CallType,
    canControl: isHost && !spec.waiting,
    canChangeLayout: isHost && !spec.waiting,
    canDisconnect: true,
    canMute: true,
    canTransfer: true,
    canFecc: false,
    canRaiseHand: true,
    canSpotlight: true,
    displayName,
    overlayText,
    handRaisedTime: 0,
    isCameraMuted: false,
    isConjoined: false,
    isEndpoint: uri.includes('sip'),
    isExternal: false,
    isIdpAuthenticated: false,
    isGateway: false,
    isHost,
    isMainVideoDroppedOut: false,
    isMuted: false,
    isClientMuted: false,
    isPresenting: false,
    isSpotlight: false,
    isStreaming: streaming,
    isTransferring: false,
    isVideoSilent: false,
    isWaiting: spec.waiting ?? false,
    needsPresentationInMix: false,
    protocol,
    raisedHand: false,
    role,
    rxPresentation: true,
    serviceType,
    spotlightOrder: 0,
    startAt: new Date(startTime * 1000),
    startTime,
    uri,
    uuid: uuid as ParticipantID,
    vendor: VENDOR,
    canReceivePersonalMix: false,
    receiveFromVideoMix: { mix_name: 'main', timestamp: startTime },
    rawData: {
      buzz_time: 0,
      call_direction: spec.direction,
      disconnect_supported: 'YES',
      display_name: displayName,
      encryption: 'On',
      external_node_uuid: '',
      fecc_supported: 'NO',
      has_media: true,
      is_audio_only_call: yesNo(audioOnly),
      is_client_muted: false,
      is_conjoined: false,
      is_external: false,
      is_idp_authenticated: false,
      is_muted: 'NO',
      is_presenting: 'NO',
      is_streaming_conference: streaming,
      is_transferring: false,
      is_video_call: yesNo(!audioOnly),
      is_video_muted: false,
      is_video_silent: false,
      is_main_video_dropped_out: false,
      local_alias: spec.localAlias ?? 'meet@example.com',
      mute_supported: 'YES',
      needs_presentation_in_mix: false,
      overlay_text: overlayText,
      presentation_supported: 'YES',
      protocol,
      role,
      rx_presentation_policy: 'ALLOW',
      service_type: serviceType,
      spotlight: 0,
      start_time: startTime,
      supports_direct_chat: false,
      transfer_supported: 'YES',
      uuid,
      uri,
      vendor: VENDOR,
      last_spoken_time: 0,
      can_receive_personal_mix: false,
      receive_from_video_mix: { mix_name: 'main', timestamp: startTime },
    },
  };
  p.rawData = rawRow(p);
  return p;
}

export function dialledParticipant(uuid: string, body: DialBody, now = new Date()): InfinityParticipant {
  return buildParticipant(
    {
      uuid,
      displayName: displayNameOf(body),
      role: roleOf(body),
      protocol: body.protocol === 'auto' ? 'sip' : body.protocol,
      uri: body.destination,
      direction: 'out',
      audioOnly: body.call_type === 'audio',
      streaming: body.streaming === 'yes',
      overlayText: body.text,
      localAlias: body.source,
    },
    now,
  );
}

/** A change to one participant, in InfinityParticipant's own fields. */
export type ParticipantPatch = Partial<Omit<InfinityParticipant, 'uuid' | 'rawData'>>;

/** A Unix time in seconds, as Infinity's buzz_time and spotlight are. */
export const unixSeconds = (ms = Date.now()): number => Math.max(1, Math.floor(ms / 1000));

/**
 * The participant after `patch`, as a new object, kept as Infinity would
 * report it: a role or lobby change carries the rights that follow from it
 * (isHost, canControl, canChangeLayout, serviceType) unless the patch sets
 * them itself; a hand raised or a spotlight without a time gets the current
 * Unix time (seconds), lowered ones 0; rawData is the row the flags map from.
 */
export function patchParticipant(p: InfinityParticipant, patch: ParticipantPatch, nowMs = Date.now()): InfinityParticipant {
  const next: InfinityParticipant = { ...p, ...patch };
  if (patch.isWaiting !== undefined && patch.serviceType === undefined) {
    // Admitted from the lobby: Infinity moves the call from the waiting room into the conference, and back.
    if (patch.isWaiting) next.serviceType = 'waiting_room';
    else if (p.serviceType === 'waiting_room') next.serviceType = 'conference';
  }
  if (patch.role !== undefined || patch.isWaiting !== undefined || patch.serviceType !== undefined) {
    const chairInRoom = next.role === 'chair' && (next.serviceType === 'conference' || next.serviceType === 'lecture');
    if (patch.isHost === undefined) next.isHost = next.role === 'chair';
    if (patch.canControl === undefined) next.canControl = chairInRoom;
    if (patch.canChangeLayout === undefined) next.canChangeLayout = chairInRoom || (next.role === 'chair' && next.serviceType === 'gateway');
    if (patch.isWaiting === undefined) next.isWaiting = next.serviceType === 'waiting_room';
    // A gateway call can be neither spotlighted nor raise a hand (normalizeParticipant).
    const gateway = next.serviceType === 'gateway';
    if (patch.isGateway === undefined) next.isGateway = gateway;
    if (patch.canSpotlight === undefined) next.canSpotlight = !gateway;
    if (patch.canRaiseHand === undefined) next.canRaiseHand = !gateway;
  }
  if (patch.raisedHand !== undefined && patch.handRaisedTime === undefined) next.handRaisedTime = patch.raisedHand ? unixSeconds(nowMs) : 0;
  else if (patch.handRaisedTime !== undefined && patch.raisedHand === undefined) next.raisedHand = patch.handRaisedTime > 0;
  if (patch.isSpotlight !== undefined && patch.spotlightOrder === undefined) next.spotlightOrder = patch.isSpotlight ? unixSeconds(nowMs) : 0;
  else if (patch.spotlightOrder !== undefined && patch.isSpotlight === undefined) next.isSpotlight = patch.spotlightOrder > 0;
  if (patch.startTime !== undefined && patch.startAt === undefined) next.startAt = new Date(patch.startTime * 1000);
  if (patch.uri !== undefined && patch.isEndpoint === undefined) next.isEndpoint = patch.uri.includes('sip');
  next.rawData = rawRow(next);
  return next;
}

/**
 * Infinity's raw row for `p`: the exact inverse of @pexip/infinity 20's
 * normalizeParticipant (dist/utils.js) for every field it maps; fields it does
 * not map (call_direction, encryption, local_alias, …) come from `p.rawData`.
 * Flags Infinity derives rather than reads (canControl, canChangeLayout,
 * canRaiseHand, canSpotlight, isGateway, isWaiting) have no field of their own:
 * service_type and role carry them, so a `can*` a test forced against them
 * (__sim.setPermission) does not survive the row.
 */
export function rawRow(p: InfinityParticipant): RawParticipant {
  const yn = (v: boolean): 'YES' | 'NO' => (v ? 'YES' : 'NO');
  return {
    ...p.rawData,
    buzz_time: p.handRaisedTime,
    disconnect_supported: yn(p.canDisconnect),
    display_name: p.displayName ?? '',
    fecc_supported: yn(p.canFecc),
    is_audio_only_call: yn(p.callType === 'audio'),
    is_video_call: yn(p.callType === 'video'),
    is_client_muted: p.isClientMuted,
    is_conjoined: p.isConjoined,
    is_external: p.isExternal,
    is_idp_authenticated: p.isIdpAuthenticated,
    is_main_video_dropped_out: p.isMainVideoDroppedOut,
    is_muted: yn(p.isMuted),
    is_presenting: yn(p.isPresenting),
    is_streaming_conference: p.isStreaming,
    is_transferring: p.isTransferring,
    is_video_muted: p.isCameraMuted,
    is_video_silent: p.isVideoSilent,
    mute_supported: yn(p.canMute),
    needs_presentation_in_mix: p.needsPresentationInMix,
    overlay_text: p.overlayText,
    protocol: p.protocol,
    role: p.role,
    rx_presentation_policy: p.rxPresentation ? 'ALLOW' : 'DENY',
    service_type: p.serviceType,
    spotlight: p.spotlightOrder,
    start_time: p.startTime,
    transfer_supported: yn(p.canTransfer),
    uuid: p.uuid,
    uri: p.uri,
    vendor: p.vendor,
    can_receive_personal_mix: p.canReceivePersonalMix,
    receive_from_video_mix: p.receiveFromVideoMix,
  };
}
