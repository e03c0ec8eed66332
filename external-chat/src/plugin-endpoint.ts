import { EXTERNAL_CHAT, PAGE_LIMITS, pluginCodec, type ErrorCode, type Outcome, type PluginCodec, type ServiceCall } from '@external-chat/host-bridge/internal';
import type { Clock } from './coalesce';
import { codeOf, messageOf } from './errors';
import { createPostToTop } from './post-to-top';
import { createLane, createTokenBucket } from './rate-limit';
import type { PluginService } from './service';
import { createTopics } from './topics';
import { createWarnLimiter } from './warn-limiter';

/** A page can post any number of foreign messages: each kind of warning per origin is written once per window, then summed up. */
const WARN_WINDOW_MS = 10_000;
const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

export interface PluginEndpointOptions {
  service: PluginService;
  /** The plugin's own window. Web App 3's (its parent) is listened on too, when same-origin access allows it. */
  self: Window;
  /** The only window allowed to drive the plugin: the page that embeds Web App 3. */
  top: Window;
  /** When set, messages from other origins are dropped and nothing is posted to any other. */
  allowedOrigins?: readonly string[] | undefined;
  /** A random id per plugin load, sent with every `ready`. */
  instanceId: string;
  /** What this deployment offers (config.json's `features`, less what needs `allowedOrigins`); undefined = everything the dialect has. */
  features?: readonly string[] | undefined;
  /** Why a feature is off, for the page's refusal (config.ts's featurePlan). */
  whyOff: (feature: string) => string;
  /** The wire vocabulary the page speaks (config.json's `dialect`); ours by default. */
  codec?: PluginCodec;
  warn(message: string): void;
  clock?: Clock;
  /** How envelopes reach the top window; by default the plugin posts them itself (post-to-top.ts). */
  post?: (envelope: object) => void;
}

/** Hosts that post to Web App 3's window (the documented way) reach the plugin only there; it throws cross-origin. */
function listenOnParent(self: Window, onMessage: (event: MessageEvent) => void): void {
  try {
    self.parent.addEventListener('message', onMessage);
    // Web App 3 outlives this frame when it reloads plugins: a listener left behind would keep this whole page alive.
    // A page kept in the back/forward cache (persisted) comes back whole, and must still hear the page.
    const leave = (event: PageTransitionEvent): void => {
      if (event.persisted) return;
      self.parent.removeEventListener('message', onMessage);
      self.removeEventListener('pagehide', leave);
    };
    self.addEventListener('pagehide', leave);
  } catch {
    // Cross-origin (the dev server, or a frame without allow-same-origin): hosts reach the plugin by posting to its own window.
  }
}

/**
 * The plugin's side of the wire, mirroring host-bridge's endpoint: it listens,
 * filters (source, origin, prefix, action, payload), turns each valid message
 * into a service call, and turns the service's answers and events into
 * envelopes for the top window. Received data is never passed on: the
 * service's method is the table's, called with validated arguments, so no
 * sender names a method, a property path or a prototype. (Comlink's `expose`
 * once stood here; it carried nothing this did not build, cost 1.6 KB gz, and
 * would have let any message it saw read, overwrite or construct along a path.)
 */
export function startPluginEndpoint(options: PluginEndpointOptions): void {
  const { service, top, allowedOrigins, warn } = options;
  const codec = options.codec ?? pluginCodec(EXTERNAL_CHAT);
  const { prefix } = codec.dialect;
  const post = options.post ?? createPostToTop(top, allowedOrigins);
  const warnLimited = createWarnLimiter({ write: warn, windowMs: WARN_WINDOW_MS });
  const pending = new Map<string, ServiceCall<string>>();
  let nextId = 0;
  // In the table's order, once each, whatever the order config.json lists them in.
  const enabled = codec.offered(options.features);
  const isOn = (feature: string | undefined): boolean => feature === undefined || enabled.includes(feature);
  const { whyOff } = options;
  const clock = options.clock ?? realClock;
  // The page is one window (the top): one allowance for everything it makes the meeting do.
  const allowance = createTokenBucket(PAGE_LIMITS.burst, PAGE_LIMITS.perSecond, clock.now);
  const controls = createLane(PAGE_LIMITS.inFlight, PAGE_LIMITS.burst - PAGE_LIMITS.inFlight);
  // A dial-out waits for its participant to join (minutes, when nobody answers): a few at once, none in line.
  const dialOuts = createLane(PAGE_LIMITS.dialOuts, 0);
  const isControl = (action: string): boolean => codec.kindOf(action) === 'control';
  const laneOf = (action: string) => (isControl(action) ? controls : dialOuts);

  /** The service's method for a call: the table's, given the validated argument. */
  const invoke = ({ method, args }: ServiceCall<string>): unknown => (service[method] as (arg: unknown) => unknown).call(service, args[0]);

  const onReply = (id: string, outcome: Outcome): void => {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    laneOf(call.action).leave();
    const answer = codec.answerOf(call.action, outcome, call.requestId);
    if (answer) post(answer);
    // A control sent without a requestId (or in a dialect that answers none) wants no answer; its failure is still worth a line here.
    else if (!outcome.ok) warn(outcome.message);
  };

  /**
   * A refusal: answered when the page awaits an answer (`requestId`: whose), written to the console (limited)
   * when it is not, or when `loud` (a malformed message: its sender is debugging).
   */
  const refuse = (action: string, code: ErrorCode, message: string, requestId: string | undefined, loud = false): void => {
    const answer = codec.answerOf(action, { ok: false, message, code }, requestId);
    if (answer) post(answer);
    if (loud || !answer) warnLimited(`refused ${action}`, message);
  };

  /** A request or control runs the service's method, whose outcome becomes the answer envelope; controls take turns in their lane. */
  const request = (serviceCall: ServiceCall<string>): void => {
    const { requestId, action } = serviceCall;
    if (requestId !== undefined && [...pending.values()].some((call) => call.requestId === requestId)) {
      // Dialling twice under one id would settle the first caller with the second's answer. The refusal
      // carries no requestId, so it cannot settle the first caller either; its message names the id.
      return refuse(action, 'invalid-params', `${action}: requestId ${JSON.stringify(requestId)} is already pending; send each request with a new requestId`, undefined, true);
    }
    const id = String(++nextId);
    // A throw becomes a rejection, answered like one.
    const send = (): void =>
      void new Promise((resolve) => resolve(invoke(serviceCall))).then(
        (value) => onReply(id, { ok: true, value }),
        (error: unknown) => onReply(id, { ok: false, message: messageOf(error), code: codeOf(error) }),
      );
    pending.set(id, serviceCall);
    if (laneOf(action).enter(send)) return;
    pending.delete(id);
    const waiting = isControl(action) ? `${PAGE_LIMITS.burst} controls already wait on Web App 3` : `${PAGE_LIMITS.dialOuts} dial-outs already wait for their participant to join`;
    refuse(action, 'rate-limited', `${action}: refused, ${waiting}; nothing was sent (send it again once they are answered)`, requestId);
  };

  /**
   * State has no answer: the method runs at once, with no promise to wait on
   * unless it returns one (a 1,000-command burst is \`make bench\`'s figure 3).
   * The method still comes from the table and the argument from validation.
   */
  const setState = (call: ServiceCall<string>): void => {
    const { method } = call;
    try {
      const done = invoke(call);
      if (done instanceof Promise) done.catch((error: unknown) => warn(`${method} failed: ${messageOf(error)}`));
    } catch (error) {
      warn(`${method} failed: ${messageOf(error)}`);
    }
  };

  // Subscribe names come from the page: a line per kind, then a sum, however many it names.
  const topics = createTopics({ service, codec, post, warn: (message, why) => warnLimited(`subscribe ${why}`, message), isOn, whyOff, clock });

  /** A switched-off feature is refused here, without reaching Web App 3; answered when the page awaits an answer. */
  const refuseOff = (call: ServiceCall<string>): boolean => {
    const feature = codec.featureOf(call.action);
    if (isOn(feature)) return false;
    refuse(call.action, 'feature-off', `${call.action}: '${feature}' is switched off in this deployment (${whyOff(feature as string)})`, call.requestId);
    return true;
  };

  /** Beyond the page's allowance the plugin refuses: work never piles up in it, nor in Web App 3. */
  const overAllowance = (action: string, requestId: string | undefined): boolean => {
    if (allowance.take()) return false;
    const { burst, perSecond } = PAGE_LIMITS;
    refuse(action, 'rate-limited', `${action}: refused, the page asked for more than ${burst} at once or ${perSecond} a second; nothing was sent (send it again later)`, requestId);
    return true;
  };

  // Every answer below echoes its request's id: pages may then settle their calls by id alone.
  // A dialect's `ready` carries only the fields its row declares.
  /** The topics of the features on: what `ready` offers, and what a dialect without subscriptions gets unasked. */
  const offeredTopics = [...codec.topics].flatMap(([topic, row]) => (isOn(row.feature) ? [topic] : []));
  const sayReady = (): void =>
    post(codec.readyOf({ instanceId: options.instanceId, echoesRequestId: true, features: [...enabled], connected: service.connected(), topics: offeredTopics }));

  const onMessage = (event: MessageEvent): void => {
    try {
      // A synthetic event (dispatchEvent from same-origin code) can claim any source and origin; only the browser's count.
      if (!event.isTrusted || event.source !== top) return;
      const { origin } = event;
      if (allowedOrigins && !allowedOrigins.includes(origin)) {
        return warnLimited(`origin ${origin}`, `dropped a message from ${origin}: it is not in config.json's allowedOrigins`);
      }
      const inbound = codec.decode(event.data);
      switch (inbound.kind) {
        case 'foreign':
          return warnLimited(`foreign ${origin}`, `ignored a message from ${origin} without the '${prefix}' action prefix`);
        case 'unknown':
          return warnLimited('unknown', `ignored unknown action '${inbound.action}'`);
        case 'invalid':
          return refuse(inbound.name, 'invalid-params', inbound.error, inbound.requestId, true);
        case 'message': {
          const { message } = inbound;
          const kind = codec.kindOf(message.name);
          if (kind === 'ping') return sayReady();
          if (kind === 'subscribe' || kind === 'unsubscribe') {
            if (!overAllowance(message.name, undefined)) topics.subscribe(message.payload.topics as string[], kind === 'subscribe');
            return;
          }
          const serviceCall = codec.callOf(message);
          if (!serviceCall || refuseOff(serviceCall)) return;
          if (!codec.isRequest(serviceCall.action)) return setState(serviceCall);
          if (!overAllowance(serviceCall.action, serviceCall.requestId)) request(serviceCall);
        }
      }
    } catch (error) {
      // Nothing a message does may escape the handler; say what happened and keep going.
      warn(`message handling failed: ${messageOf(error)}`);
    }
  };

  service.onEvent(({ name, payload }) => {
    // An event the dialect has no row for (our vocabulary has no Participants button) is not its page's business.
    const envelope = codec.eventOf(name, payload);
    if (envelope?.ok) post(envelope.value);
    else if (envelope) warn(`did not forward '${name}': ${envelope.error}`);
  });
  service.onTopicChange(topics.changed);
  service.onTopicItem(topics.item);
  options.self.addEventListener('message', onMessage);
  listenOnParent(options.self, onMessage);
  sayReady();
  // A dialect without subscriptions gets every topic the deployment offers, unasked (config.json requires allowedOrigins for it).
  if (codec.dialect.topics === 'unsolicited') topics.subscribe(offeredTopics, true);
}
