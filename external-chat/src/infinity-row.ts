// Pure: Infinity's own participant row (what `conference:requestParticipants` answers) → the participant as
// plugin-api's events carry it. The rules are @pexip/infinity 20's `normalizeParticipant` (dist/utils.js), the
// mapping Web App 3 applies before its events; only the fields roster.ts reads are derived.
import type { InfinityParticipant, RPCCallReply } from '@pexip/plugin-api';

/** Web App 3's answer to `conference:requestParticipants`: Infinity's own, `{status, data: {status, result: rows}}`. */
export type ParticipantsReply = RPCCallReply<'conference:requestParticipants'>;
/** One row of it (snake_case, 'YES'/'NO' flags). */
export type InfinityRow = NonNullable<ParticipantsReply>['data']['result'][number];

type Derived = Pick<
  InfinityParticipant,
  | 'uuid' | 'displayName' | 'isHost' | 'isWaiting' | 'isMuted' | 'isClientMuted' | 'isCameraMuted' | 'isPresenting' | 'isSpotlight' | 'raisedHand'
  | 'protocol' | 'callType' | 'isExternal' | 'canControl' | 'canMute' | 'canDisconnect' | 'canTransfer' | 'canSpotlight' | 'canFecc' | 'canRaiseHand' | 'canChangeLayout'
>;

export function fromInfinityRow(row: InfinityRow): InfinityParticipant {
  const yes = (flag: 'YES' | 'NO' | undefined): boolean => flag === 'YES';
  const chair = row.role === 'chair';
  // A host's powers exist in a meeting (and a lecture); layout also in a gateway call.
  const meeting = row.service_type === 'conference' || row.service_type === 'lecture';
  const gateway = row.service_type === 'gateway';
  const derived: Derived = {
    uuid: row.uuid as InfinityParticipant['uuid'],
    displayName: row.display_name || (row.uri ?? '').replace('sip:', ''),
    isHost: chair,
    isWaiting: row.service_type === 'waiting_room',
    isMuted: yes(row.is_muted),
    isClientMuted: row.is_client_muted === true,
    isCameraMuted: row.is_video_muted,
    isPresenting: yes(row.is_presenting),
    isSpotlight: row.spotlight > 0,
    raisedHand: row.buzz_time > 0,
    protocol: row.protocol,
    callType: (yes(row.is_audio_only_call) ? 'audio' : yes(row.is_video_call) ? 'video' : 'api') as InfinityParticipant['callType'],
    isExternal: row.is_external,
    canControl: meeting && chair,
    canChangeLayout: (meeting || gateway) && chair,
    canMute: yes(row.mute_supported),
    canDisconnect: yes(row.disconnect_supported),
    canTransfer: yes(row.transfer_supported),
    canFecc: yes(row.fecc_supported),
    canSpotlight: !gateway,
    canRaiseHand: !gateway,
  };
  return derived as InfinityParticipant;
}

/** The rows of an answer that has them; undefined for anything else (no meeting, or a Web App 3 that said something else). */
export function rowsOf(reply: unknown): readonly InfinityParticipant[] | undefined {
  const rows = (reply as ParticipantsReply)?.data?.result;
  // A row without a uuid is dropped (roster.ts drops any participant without one).
  return Array.isArray(rows) ? rows.filter((row: InfinityRow | null) => row?.uuid).map(fromInfinityRow) : undefined;
}
