import type { EveryTopic, LatestTopic, PluginCodec, Topic, TopicPayloads } from '@external-chat/host-bridge/internal';
import { createCoalescer, type Clock, type Coalescer } from './coalesce';
import type { PluginService } from './service';

/** A topic's changes reach the page at most once per this many ms (its last state always). */
export const TOPIC_INTERVAL_MS = 100;

export interface TopicsOptions {
  service: Pick<PluginService, 'snapshot' | 'changes'>;
  /** The dialect's topics and envelopes. */
  codec: Pick<PluginCodec, 'topics' | 'topicOf'>;
  post(envelope: { action: string }): void;
  /** A name skipped: `unknown` (no topic) or `off` (switched off); the page chooses how many, so the caller limits these. */
  warn(message: string, why: 'unknown' | 'off'): void;
  /** Whether the deployment offers a feature (config.json's `features`). */
  isOn(feature: string): boolean;
  /** Why a feature is off. */
  whyOff(feature: string): string;
  clock: Clock;
}

/** A page that subscribes to an `every` topic again gets its kept items again, at most once per this many ms. */
export const RESEND_INTERVAL_MS = 1_000;

/**
 * A topic's messages carry at most this many roster entries a second: after a message of n entries the next
 * waits n / 10 ms, if that is longer than TOPIC_INTERVAL_MS. A whole roster of 1,000 still goes ten times
 * a second; one of 10,000 once a second, so it costs the page and Web App 3 no more than 1,000 did.
 */
export const MAX_ENTRIES_PER_SECOND = 10_000;
const waitAfter = (entries: number): number => (entries * 1_000) / MAX_ENTRIES_PER_SECOND;

/** A subscribed topic's coalescer; for a `changes` topic, whether the next message is a snapshot, and the last's number. */
interface Subscription {
  coalescer: Coalescer;
  whole: boolean;
  seq: number;
}

/**
 * Meeting data for the page, only for the topics it subscribed to, as each
 * topic's row says (`delivery`):
 * - `latest`: the current value at once on `subscribe`, then its changes,
 *   coalesced. Values are read from the service when they are sent, so a
 *   burst costs one read.
 * - `every`: the items the service kept at once, then each new one as it comes.
 * - `changes`: the value of the topic `changesOf` as a snapshot at once, then what changed, coalesced as
 *   `latest`, each message numbered (`seq`).
 * Subscribing again sends the value, a snapshot or the kept items again, coalesced as above (`every`: per second).
 */
export function createTopics({ service, codec, post, warn, isOn, whyOff, clock }: TopicsOptions) {
  const subscribed = new Map<string, Subscription>();
  const TOPICS = codec.topics;

  // Snapshots and items hold only values the service checked against the contract's rules (roster.ts, meeting-chat.ts), so they are not checked again here.
  /** Sends a `latest` topic's value; returns how long the next must wait, for a whole roster's size. */
  const send = (topic: LatestTopic, name: string): number => {
    const snapshot = service.snapshot(topic) as { participants?: unknown[] } | undefined;
    if (snapshot !== undefined) post(codec.topicOf(name, snapshot));
    return waitAfter(snapshot?.participants?.length ?? 0);
  };
  const sendItems = (name: string, items: readonly object[]): void => {
    for (const item of items) post(codec.topicOf(name, item));
  };

  return {
    /**
     * `subscribe` / `unsubscribe` from the page; names that are no topic, or switched off, are skipped with a warning.
     * A topic named twice counts once: one snapshot per topic and subscription.
     */
    subscribe(names: readonly string[], on: boolean): void {
      for (const name of new Set(names)) {
        const topic = name as Topic;
        const row = TOPICS.get(name);
        if (!row) {
          warn(`${on ? '' : 'un'}subscribe: ignored '${name.slice(0, 100)}', which is not a topic; the topics are ${[...TOPICS.keys()].join(', ')}`, 'unknown');
          continue;
        }
        if (on && !isOn(row.feature)) {
          warn(`subscribe: '${topic}' is switched off in this deployment (${whyOff(row.feature)})`, 'off');
          continue;
        }
        const known = subscribed.get(topic);
        if (!on) {
          known?.coalescer.cancel();
          subscribed.delete(topic);
          continue;
        }
        // Subscribing again sends what a new subscriber gets (a page that lost track catches up), coalesced:
        // a page that subscribes in a loop cannot make the plugin send snapshots or kept items without bound.
        if (known) {
          known.whole = true;
          known.coalescer.changed();
          continue;
        }
        const every = row.delivery === 'every';
        const subscription = { whole: true, seq: 0 } as Subscription;
        // A `changes` topic: a snapshot first and whenever subscribed again, then what changed, numbered. The service
        // keeps the roster's changes: the roster is the one topic a row carries so (`roster-changes`).
        const sendChanges = (): number => {
          const body = service.changes(subscription.whole);
          subscription.whole = false;
          if (body) post(codec.topicOf(row.action, { seq: ++subscription.seq, ...body }));
          return waitAfter(body ? body.participants.length + body.removed.length : 0);
        };
        subscription.coalescer = createCoalescer(
          row.changesOf ? sendChanges : every ? () => sendItems(row.action, (service.snapshot(topic as EveryTopic) ?? []) as readonly object[]) : () => send(topic as LatestTopic, row.action),
          every ? RESEND_INTERVAL_MS : TOPIC_INTERVAL_MS,
          clock,
        );
        subscribed.set(topic, subscription);
        subscription.coalescer.now();
      }
    },
    /** The service says a `latest` topic's value changed: for its subscribers, and those of its changes. */
    changed(topic: Topic): void {
      for (const [name, row] of TOPICS) if (name === topic || row.changesOf === topic) subscribed.get(name)?.coalescer.changed();
    },
    /** The service has a new item of an `every` topic. */
    item: (topic: EveryTopic, item: TopicPayloads[EveryTopic]): void => {
      const row = TOPICS.get(topic);
      if (row && subscribed.has(topic)) sendItems(row.action, [item]);
    },
  };
}
