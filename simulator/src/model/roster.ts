// The meeting as Web App 3 sees it: the local user and everyone in the main
// room (lobby included), and the events a plugin gets when it changes. No DOM.
//
// Events (see LEDGER.md): the whole list goes out as a snapshot on join (and,
// with ?replay=1, to a plugin that registers mid-meeting); each change goes
// out as participantsActivities (shape per ?activities=), plus the deprecated
// participantJoined / participantLeft that plugin-api's dialOut still waits for
// (unless ?deprecated=0), plus event:me when the local user changed. Changes
// made inside one `batch` go out as one participantsActivities array.
import type { EventMessage, InfinityParticipant, ParticipantActivities, RoomParticipantActivity } from '@pexip/plugin-api';
import { patchParticipant, rawRow, type ParticipantPatch, type RawParticipant } from './infinity-participant';
import { initialPeople, localParticipant, person } from './people';
import { RosterIndex, type Positional } from './roster-index';

/** Sends an event to every registered plugin (or, for a snapshot, to one). */
export type Broadcast = <K extends keyof EventMessage>(event: K, payload: EventMessage[K]['payload']) => void;

export const ROOM = 'main';

// plugin-api's ParticipantActivities values (Join = 0, Leave = 1, Update = 2 in
// its types.d.ts), typed by its enum. Not imported at run time: plugin-api's
// ESM build does not load in Node (extensionless imports), where the unit tests run.
export const JOIN = 0 as ParticipantActivities.Join;
export const LEAVE = 1 as ParticipantActivities.Leave;
export const UPDATE = 2 as ParticipantActivities.Update;

export interface MeetingShape {
  /** the local user's role */
  role: 'chair' | 'guest';
  /** people already in the meeting besides the user */
  participants: number;
  /** how many of them wait in the lobby */
  lobby: number;
}

type Deprecated = 'event:participantJoined' | 'event:participantLeft';

/**
 * How changes reach the plugins:
 * - `type`: plugin-api 22's participantsActivities `{roomId, activity: {type, participant}}`
 * - `activity`: the same before plugin-api 22.0.0 (`{activity: {activity, participant}}`, CHANGELOG 22.0.0 cc39250)
 * - `none`: before plugin-api 21.1.0 (no participantsActivities; the whole list after each batch)
 */
export type ActivitiesMode = 'type' | 'activity' | 'none';

export interface RosterOptions {
  activities: ActivitiesMode;
  /** send participantJoined / participantLeft / participants (deprecated in plugin-api 21.1.0) */
  deprecated: boolean;
  /** send event:me with the snapshot on join (else only when the user changes: @pexip/infinity 20 fires onMe outside its participant sync only) */
  meAtJoin: boolean;
}

export const DEFAULT_ROSTER_OPTIONS: RosterOptions = { activities: 'type', deprecated: true, meAtJoin: true };

export class Roster {
  private self: InfinityParticipant | null = null;
  private readonly others = new Map<string, InfinityParticipant>();
  // The same people by position, lobby and room apart: what the page draws, without a pass over everyone.
  private readonly index = new RosterIndex<InfinityParticipant>();
  // The people the simulator invented (not dialled), as an array for O(1)
  // random picks and removals (swap with the last), for churn.
  private readonly invented: string[] = [];
  private readonly inventedAt = new Map<string, number>();
  private nextIndex = 0;
  private depth = 0;
  private activities: RoomParticipantActivity[] = [];
  private deprecated: Array<[Deprecated, InfinityParticipant]> = [];
  private meChanged = false;
  private readonly changeListeners = new Set<() => void>();
  private readonly leaveListeners = new Set<(uuid: string) => void>();
  private readonly updateListeners = new Set<(before: InfinityParticipant, after: InfinityParticipant) => void>();

  constructor(
    private readonly broadcast: Broadcast,
    readonly options: RosterOptions = DEFAULT_ROSTER_OPTIONS,
  ) {}

  get active(): boolean {
    return this.self !== null;
  }

  /** the local user, null outside a meeting */
  get me(): InfinityParticipant | null {
    return this.self;
  }

  /** everyone but the local user */
  get size(): number {
    return this.others.size;
  }

  /** how many of them the simulator invented (churn keeps this near its target) */
  get inventedCount(): number {
    return this.invented.length;
  }

  /** called once per batch of changes (and on start/end) */
  onChange(listener: () => void): void {
    this.changeListeners.add(listener);
  }

  /** called with the uuid of anyone who left, whatever the reason */
  onLeave(listener: (uuid: string) => void): void {
    this.leaveListeners.add(listener);
  }

  /** called with each participant changed by `update`, before and after */
  onUpdate(listener: (before: InfinityParticipant, after: InfinityParticipant) => void): void {
    this.updateListeners.add(listener);
  }

  /** The main room as Infinity's raw rows (conference:requestParticipants), the local user first. */
  rows(): RawParticipant[] {
    return this.list().map(rawRow);
  }

  /** The main room: the local user first, then everyone else in join order. */
  list(): InfinityParticipant[] {
    return this.self ? [this.self, ...this.others.values()] : [];
  }

  /** Everyone but the local user, without copying. */
  othersView(): IterableIterator<InfinityParticipant> {
    return this.others.values();
  }

  /** Everyone waiting in the lobby, in join order; `at(k)` costs O(log n). */
  get lobby(): Positional<InfinityParticipant> {
    return this.index.lobby;
  }

  /** Everyone else in the main room but the lobby, in join order; `at(k)` costs O(log n). */
  get room(): Positional<InfinityParticipant> {
    return this.index.room;
  }

  get(uuid: string): InfinityParticipant | undefined {
    return this.self?.uuid === uuid ? this.self : this.others.get(uuid);
  }

  isMe(uuid: string): boolean {
    return this.self?.uuid === uuid;
  }

  /** The user joined: the people already there appear, and every plugin gets the snapshot. */
  start(shape: MeetingShape, now = new Date()): void {
    if (this.self) return;
    this.self = localParticipant(shape.role, now);
    for (const p of initialPeople(shape.participants, shape.lobby, now)) this.insert(p, true);
    this.nextIndex = shape.participants;
    this.snapshot(this.broadcast);
    this.changed();
  }

  /** The meeting ended for the user: everybody is gone, without events. */
  end(): void {
    if (!this.self) return;
    this.self = null;
    const gone = [...this.others.keys()];
    this.others.clear();
    this.index.clear();
    this.invented.length = 0;
    this.inventedAt.clear();
    this.nextIndex = 0;
    for (const uuid of gone) for (const l of this.leaveListeners) l(uuid);
    this.changed();
  }

  /**
   * event:me and event:participants, as a plugin gets them on join (or, with
   * ?replay=1, when it registers mid-meeting). Without the deprecated events
   * the list goes out as one participantsActivities of Joins instead.
   */
  snapshot(send: Broadcast): void {
    if (!this.self) return;
    if (this.options.meAtJoin) send('event:me', { id: ROOM, participant: this.self });
    if (this.options.deprecated) send('event:participants', { id: ROOM, participants: this.list() });
    else if (this.options.activities !== 'none') {
      send('event:participantsActivities', this.shaped(this.list().map((participant) => ({ roomId: ROOM, activity: { type: JOIN, participant } }))));
    }
  }

  /** Run `changes` and send what they did as one participantsActivities array. */
  batch<T>(changes: () => T): T {
    this.depth++;
    try {
      return changes();
    } finally {
      this.depth--;
      if (this.depth === 0) this.flush();
    }
  }

  /** Someone joins (a dialled call answered, or `invent`). Ignored outside a meeting or for a known uuid. */
  add(p: InfinityParticipant, invented = false): boolean {
    if (!this.self || this.get(p.uuid)) return false;
    this.batch(() => {
      this.insert(p, invented);
      this.activities.push({ roomId: ROOM, activity: { type: JOIN, participant: p } });
      this.deprecated.push(['event:participantJoined', p]);
    });
    return true;
  }

  /** A new invented person joins (deterministic name and uuid), with `patch` applied. */
  invent(patch: ParticipantPatch = {}, now = new Date()): InfinityParticipant | undefined {
    if (!this.self) return undefined;
    const p = patchParticipant(person(this.nextIndex++, patch.isWaiting ?? false, now), patch);
    this.add(p, true);
    return p;
  }

  /** Someone leaves. The local user cannot: that is the meeting ending (`end`). */
  remove(uuid: string): InfinityParticipant | undefined {
    const p = this.others.get(uuid);
    if (!p) return undefined;
    this.batch(() => {
      this.others.delete(uuid);
      this.index.remove(uuid);
      this.forgetInvented(uuid);
      this.activities.push({ roomId: ROOM, activity: { type: LEAVE, participant: p } });
      this.deprecated.push(['event:participantLeft', p]);
    });
    for (const l of this.leaveListeners) l(uuid);
    return p;
  }

  /** Someone changes (the local user included: event:me follows). */
  update(uuid: string, patch: ParticipantPatch): InfinityParticipant | undefined {
    const before = this.get(uuid);
    if (!before) return undefined;
    const p = patchParticipant(before, patch);
    for (const l of this.updateListeners) l(before, p);
    this.batch(() => {
      if (this.self === before) {
        this.self = p;
        this.meChanged = true;
      } else {
        this.others.set(uuid, p);
        this.index.replace(p);
      }
      this.activities.push({ roomId: ROOM, activity: { type: UPDATE, participant: p } });
    });
    return p;
  }

  /** A uniformly random invented person (`random` in [0, 1)), in O(1). */
  pickInvented(random: () => number): InfinityParticipant | undefined {
    if (this.invented.length === 0) return undefined;
    const uuid = this.invented[Math.floor(random() * this.invented.length)];
    return uuid === undefined ? undefined : this.others.get(uuid);
  }

  private insert(p: InfinityParticipant, invented: boolean): void {
    this.others.set(p.uuid, p);
    this.index.add(p);
    if (invented) {
      this.inventedAt.set(p.uuid, this.invented.length);
      this.invented.push(p.uuid);
    }
  }

  private forgetInvented(uuid: string): void {
    const at = this.inventedAt.get(uuid);
    if (at === undefined) return;
    const last = this.invented.pop() as string;
    this.inventedAt.delete(uuid);
    if (last !== uuid) {
      this.invented[at] = last;
      this.inventedAt.set(last, at);
    }
  }

  private flush(): void {
    const activities = this.activities;
    const deprecated = this.deprecated;
    const meChanged = this.meChanged;
    this.activities = [];
    this.deprecated = [];
    this.meChanged = false;
    if (activities.length === 0) return;
    const { activities: mode, deprecated: sendDeprecated } = this.options;
    if (mode !== 'none') this.broadcast('event:participantsActivities', this.shaped(activities));
    if (sendDeprecated) {
      for (const [event, participant] of deprecated) this.broadcast(event, { id: ROOM, participant });
      // Before participantsActivities, a plugin heard updates only through the whole list.
      if (mode === 'none') this.broadcast('event:participants', { id: ROOM, participants: this.list() });
    }
    if (meChanged && this.self) this.broadcast('event:me', { id: ROOM, participant: this.self });
    this.changed();
  }

  /** participantsActivities in the shape ?activities= asks for. */
  private shaped(activities: RoomParticipantActivity[]): RoomParticipantActivity[] {
    if (this.options.activities !== 'activity') return activities;
    // plugin-api before 22.0.0 named the field `activity` (CHANGELOG 22.0.0 cc39250); its type is gone from 22.
    return activities.map(({ roomId, activity: { type, participant } }) => ({ roomId, activity: { activity: type, participant } }) as unknown as RoomParticipantActivity);
  }

  private changed(): void {
    for (const l of this.changeListeners) l();
  }
}
