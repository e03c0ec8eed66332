// Pure: the InfinityParticipant Web App 3 would report for each person in the
// meeting (the local user, the people already there, dialled-out calls), and
// how a change to one of them reads (the top-level flags and Infinity's rawData
// move together, as both come from the same participant_update).
import type { CallType, InfinityParticipant, ParticipantID, RPCCallPayload } from '@pexip/plugin-api';

type DialBody = RPCCallPayload<'conference:dialOut'>;
type Role = InfinityParticipant['role'];

export const roleOf = (body: DialBody): 'chair' | 'guest' => (body.role === 'HOST' ? 'chair' : 'guest');

export const displayNameOf = (body: DialBody): string => body.remote_display_name ?? body.destination;

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
  return {
    callType: (audioOnly ? 'audio' : 'video') as CallType,
    canControl: isHost,
    canChangeLayout: isHost,
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
    isEndpoint: true,
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
    startAt: now,
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

/**
 * The participant after `patch`, as a new object. A role change carries the
 * rights that follow from it (isHost, canControl, canChangeLayout) unless the
 * patch sets them itself; rawData follows the flags it mirrors.
 */
export function patchParticipant(p: InfinityParticipant, patch: ParticipantPatch): InfinityParticipant {
  const rights =
    patch.role !== undefined ? { isHost: patch.role === 'chair', canControl: patch.role === 'chair', canChangeLayout: patch.role === 'chair' } : {};
  const next: InfinityParticipant = { ...p, ...rights, ...patch };
  // Admitted from the lobby: Infinity moves the call from the waiting room into the conference.
  const admitted = p.isWaiting && !next.isWaiting;
  if (admitted) next.serviceType = 'conference';
  next.rawData = {
    ...p.rawData,
    buzz_time: next.raisedHand ? Math.floor(next.handRaisedTime / 1000) : 0,
    disconnect_supported: yesNo(next.canDisconnect),
    display_name: next.displayName ?? p.rawData.display_name,
    fecc_supported: yesNo(next.canFecc),
    is_client_muted: next.isClientMuted,
    is_muted: yesNo(next.isMuted),
    is_presenting: yesNo(next.isPresenting),
    is_video_muted: next.isCameraMuted,
    mute_supported: yesNo(next.canMute),
    overlay_text: next.overlayText,
    role: next.role,
    ...(admitted ? { service_type: 'conference' } : {}),
    spotlight: next.isSpotlight ? next.spotlightOrder : 0,
    transfer_supported: yesNo(next.canTransfer),
  };
  return next;
}
