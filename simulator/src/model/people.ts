// Pure: who is in the simulated meeting besides dialled calls. Names, uuids and
// kinds follow from an index, so the same query string gives the same meeting
// (a bench can compare rosters by uuid across runs).
import type { InfinityParticipant } from '@pexip/plugin-api';
import { buildParticipant, patchParticipant } from './infinity-participant';

const FIRST = ['Alice', 'Bob', 'Carol', 'Dave', 'Erin', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy', 'Mallory', 'Niaj', 'Olivia', 'Peggy', 'Rupert', 'Sybil', 'Trent', 'Victor', 'Walter', 'Yvonne'];
const LAST = ['Anderson', 'Baker', 'Chen', 'Diaz', 'Evans', 'Fischer', 'García', 'Hughes', 'Ito', 'Johansson'];

/** The local user's uuid: fixed, so tests can name it. */
export const ME_UUID = '10000000-0000-4000-8000-000000000000';

/** Deterministic v4-shaped uuid of the index-th person the simulator invents. */
export const personUuid = (index: number): string => `20000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;

/** Unique for every index: 200 first/last combinations, then numbered rounds. */
export function personName(index: number): string {
  const round = Math.floor(index / (FIRST.length * LAST.length));
  const name = `${FIRST[index % FIRST.length]} ${LAST[Math.floor(index / FIRST.length) % LAST.length]}`;
  return round === 0 ? name : `${name} ${round + 1}`;
}

export function localParticipant(role: 'chair' | 'guest', now = new Date()): InfinityParticipant {
  return buildParticipant({ uuid: ME_UUID, displayName: 'You', role, protocol: 'webrtc', uri: 'you@example.com', direction: 'in' }, now);
}

/**
 * Every flag below is one an Infinity row carries (mute_supported,
 * transfer_supported, fecc_supported, disconnect_supported): canRaiseHand and
 * canSpotlight are not, @pexip/infinity derives them from service_type.
 *
 * The index-th person, by kind (index mod 5), so a small meeting already holds
 * the interesting cases and a large one a realistic mix:
 *   0  host on WebRTC
 *   1  guest on SIP (a room system): canTransfer false, canFecc true
 *   2  guest on WebRTC
 *   3  guest on WebRTC, audio only
 *   4  guest on H.323: canDisconnect false (disconnect_supported NO)
 * A waiting person is a WebRTC guest in the lobby, whatever the index.
 */
export function person(index: number, waiting = false, now = new Date()): InfinityParticipant {
  const displayName = personName(index);
  const handle = displayName.toLowerCase().replace(/[^a-z0-9]+/g, '.');
  const kind = waiting ? 2 : index % 5;
  const base = buildParticipant(
    {
      uuid: personUuid(index),
      displayName,
      role: kind === 0 ? 'chair' : 'guest',
      protocol: kind === 1 ? 'sip' : kind === 4 ? 'h323' : 'webrtc',
      uri: kind === 1 ? `sip:${handle}@rooms.example.com` : kind === 4 ? `h323:${handle}@example.com` : `${handle}@example.com`,
      direction: 'in',
      audioOnly: kind === 3,
      waiting,
    },
    now,
  );
  if (kind === 1) return patchParticipant(base, { canTransfer: false, canFecc: true });
  if (kind === 4) return patchParticipant(base, { canDisconnect: false });
  return base;
}

/** The people present when the user joins: `count` of them, the last `lobby` waiting in the lobby. */
export function initialPeople(count: number, lobby: number, now = new Date()): InfinityParticipant[] {
  return Array.from({ length: count }, (_, i) => person(i, i >= count - lobby, now));
}
