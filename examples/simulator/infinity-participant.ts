// Pure: the InfinityParticipant Web App 3 would report for a dialled-out call.
import type { CallType, InfinityParticipant, ParticipantID, RPCCallPayload } from '@pexip/plugin-api';

type DialBody = RPCCallPayload<'conference:dialOut'>;

export const roleOf = (body: DialBody): 'chair' | 'guest' => (body.role === 'HOST' ? 'chair' : 'guest');

export const displayNameOf = (body: DialBody): string => body.remote_display_name ?? body.destination;

export function dialledParticipant(uuid: string, body: DialBody, now = new Date()): InfinityParticipant {
  const role = roleOf(body);
  const displayName = displayNameOf(body);
  const isHost = role === 'chair';
  const audioOnly = body.call_type === 'audio';
  const protocol = body.protocol === 'auto' ? 'sip' : body.protocol;
  const streaming = body.streaming === 'yes';
  const startTime = Math.floor(now.getTime() / 1000);
  const vendor = 'Pexip Web App 3 simulator';
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
    overlayText: body.text ?? displayName,
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
    isWaiting: false,
    needsPresentationInMix: false,
    protocol,
    raisedHand: false,
    role,
    rxPresentation: true,
    serviceType: 'conference',
    spotlightOrder: 0,
    startAt: now,
    startTime,
    uri: body.destination,
    uuid: uuid as ParticipantID,
    vendor,
    canReceivePersonalMix: false,
    receiveFromVideoMix: { mix_name: 'main', timestamp: startTime },
    rawData: {
      buzz_time: 0,
      call_direction: 'out',
      disconnect_supported: 'YES',
      display_name: displayName,
      encryption: 'On',
      external_node_uuid: '',
      fecc_supported: 'NO',
      has_media: true,
      is_audio_only_call: audioOnly ? 'YES' : 'NO',
      is_client_muted: false,
      is_conjoined: false,
      is_external: false,
      is_idp_authenticated: false,
      is_muted: 'NO',
      is_presenting: 'NO',
      is_streaming_conference: streaming,
      is_transferring: false,
      is_video_call: audioOnly ? 'NO' : 'YES',
      is_video_muted: false,
      is_video_silent: false,
      is_main_video_dropped_out: false,
      local_alias: body.source ?? 'meet@example.com',
      mute_supported: 'YES',
      needs_presentation_in_mix: false,
      overlay_text: body.text ?? displayName,
      presentation_supported: 'YES',
      protocol,
      role,
      rx_presentation_policy: 'ALLOW',
      service_type: 'conference',
      spotlight: 0,
      start_time: startTime,
      supports_direct_chat: false,
      transfer_supported: 'YES',
      uuid,
      uri: body.destination,
      vendor,
      last_spoken_time: 0,
      can_receive_personal_mix: false,
      receive_from_video_mix: { mix_name: 'main', timestamp: startTime },
    },
  };
}
