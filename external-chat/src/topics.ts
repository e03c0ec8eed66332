import type { EveryTopic, PluginCodec, Topic, TopicPayloads } from '@external-chat/host-bridge/internal';
import { createCoalescer, type Clock, type Coalescer } from './coalesce';
import type { PluginService } from './service';

/** A topic's changes reach the page at most once per this many ms (its last state always). */
export const TOPIC_INTERVAL_MS = 100;

export interface TopicsOptions {
  service: Pick<PluginService, 'snapshot'>;
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
 * Meeting data for the page, only for the topics it subscribed to, as each
 * topic's row says (`delivery`):
 * - `latest`: the current value at once on `subscribe`, then its changes,
 *   coalesced. Values are read from the service when they are sent, so a
 *   burst costs one read.
 * - `every`: the items the service kept at once, then each new one as it comes.
 * Subscribing again sends the value or the kept items again, coalesced as above (`every`: per second).
 */
export function createTopics({ service, codec, post, warn, isOn, whyOff, clock }: TopicsOptions) {
  /** Each subscribed topic's coalescer: of its changes (`latest`), or of sending its kept items again (`every`). */
  const subscribed = new Map<Topic, Coalescer>();
  const TOPICS = codec.topics;

  // Snapshots and items hold only values the service checked against the contract's rules (roster.ts, meeting-chat.ts), so they are not checked again here.
  const send = (topic: Topic, name: string): void => {
    const snapshot = service.snapshot(topic);
    if (snapshot !== undefined) post(codec.topicOf(name, snapshot));
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
          known?.cancel();
          subscribed.delete(topic);
          continue;
        }
        // Subscribing again sends what a new subscriber gets (a page that lost track catches up), coalesced:
        // a page that subscribes in a loop cannot make the plugin send snapshots or kept items without bound.
        if (known) {
          known.changed();
          continue;
        }
        const every = row.delivery === 'every';
        const sendAll = every ? () => sendItems(row.action, (service.snapshot(topic) ?? []) as readonly object[]) : () => send(topic, row.action);
        const coalescer = createCoalescer(sendAll, every ? RESEND_INTERVAL_MS : TOPIC_INTERVAL_MS, clock);
        subscribed.set(topic, coalescer);
        coalescer.sent();
        sendAll();
      }
    },
    /** The service says a `latest` topic's value changed. */
    changed: (topic: Topic): void => subscribed.get(topic)?.changed(),
    /** The service has a new item of an `every` topic. */
    item: (topic: EveryTopic, item: TopicPayloads[EveryTopic]): void => {
      const row = TOPICS.get(topic);
      if (row && subscribed.has(topic)) sendItems(row.action, [item]);
    },
  };
}
