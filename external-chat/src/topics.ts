import { encode, TOPICS, type Feature, type Topic, type TopicAction } from '@external-chat/host-bridge/contract';
import { createCoalescer, type Clock, type Coalescer } from './coalesce';
import type { PluginService } from './service';

/** A topic's changes reach the page at most once per this many ms (its last state always). */
export const TOPIC_INTERVAL_MS = 100;

export interface TopicsOptions {
  service: Pick<PluginService, 'snapshot'>;
  post(envelope: { action: string }): void;
  warn(message: string): void;
  /** Whether the deployment offers a feature (config.json's `features`). */
  isOn(feature: Feature): boolean;
  clock: Clock;
}

/**
 * Meeting data for the page, only for the topics it subscribed to: the
 * current value at once on `subscribe`, then its changes, coalesced. Values
 * are read from the service when they are sent, so a burst costs one read.
 */
export function createTopics({ service, post, warn, isOn, clock }: TopicsOptions) {
  const subscribed = new Map<Topic, Coalescer>();

  // Snapshots hold only values the service checked against the contract's rules (roster.ts), so they are not checked again here.
  const send = (topic: Topic, name: TopicAction): void => {
    const snapshot = service.snapshot(topic);
    if (snapshot !== undefined) post(encode(name, snapshot));
  };

  return {
    /** `subscribe` / `unsubscribe` from the page; names that are no topic, or switched off, are skipped with a warning. */
    subscribe(names: readonly string[], on: boolean): void {
      for (const name of names) {
        const topic = name as Topic;
        const row = TOPICS.get(topic);
        if (!row) {
          warn(`${on ? '' : 'un'}subscribe: ignored '${name.slice(0, 100)}', which is not a topic; the topics are ${[...TOPICS.keys()].join(', ')}`);
          continue;
        }
        if (on && !isOn(row.feature)) {
          warn(`subscribe: '${topic}' is switched off in this deployment (config.json "features" does not list '${row.feature}')`);
          continue;
        }
        const known = subscribed.get(topic);
        if (!on) {
          known?.cancel();
          subscribed.delete(topic);
          continue;
        }
        // Subscribing again asks for a fresh snapshot too: a page that lost track gets the current value.
        const coalescer = known ?? createCoalescer(() => send(topic, row.action), TOPIC_INTERVAL_MS, clock);
        subscribed.set(topic, coalescer);
        coalescer.sent();
        send(topic, row.action);
      }
    },
    /** The service says a topic's value changed. */
    changed: (topic: Topic): void => subscribed.get(topic)?.changed(),
  };
}
