// The external-chat plugin: registers with Web App 3, adds the Chat button and
// bridges the meeting to the page that embeds Web App 3.
import { registerPlugin, setLogger } from '@pexip/plugin-api';
import { pluginCodec } from '@external-chat/host-bridge/internal';
import { CHAT_DRAWING, INITIAL_BUTTON_STATE, INITIAL_PARTICIPANTS_STATE, PARTICIPANTS_DRAWING, toButtonPayload, toParticipantsButtonPayload } from './button-state';
import { describePlan, dialectOf, featurePlan, loadConfig } from './config';
import { messageOf } from './errors';
import { dropEmptyMessages } from './guard-plugin-api';
import { createQuietLogger } from './logger';
import { startPluginEndpoint } from './plugin-endpoint';
import { PLUGIN_ID } from './plugin-id';
import { loadRelay, postingFor, queuePosts } from './relay';
import { v4 } from './random-id';
import { createService } from './service';
import { addButton, listenFromStart, webApp3, type Buttons } from './webapp3';

const tag = '[external-chat]';
const warn = (message: string): void => console.warn(`${tag} ${message}`);

async function start(): Promise<void> {
  console.info(`plugin: ${PLUGIN_ID} loaded v${__PLUGIN_VERSION__}`);
  setLogger(createQuietLogger(false));
  dropEmptyMessages(window);

  const top = window.top;
  if (!top || top === window.parent) {
    console.info(`${tag} Web App 3 is not embedded in another page; the chat bridge stays off.`);
    return;
  }

  // config.json is fetched while Web App 3 answers the registration: it must not delay start-up.
  // A sandbox without allow-same-origin gives this frame an opaque origin: config.json is then cross-origin.
  const config = loadConfig(new URL('config.json', location.href), { opaqueOrigin: self.origin === 'null' });
  // relay.js loads meanwhile too; config.json then says how it may post, or that it may not (relay.ts).
  const relay = loadRelay({ self: window, owner: PLUGIN_ID, src: new URL('relay.js', location.href) });
  const posting = config.then((read) => {
    if (!read.ok) {
      relay.remove();
      return null;
    }
    const { allowedOrigins, postFrom } = read.value;
    return postingFor(relay, { top, prefix: dialectOf(read.value).prefix, allowedOrigins, postFrom });
  });
  const plugin = await registerPlugin({ id: PLUGIN_ID, version: 0 });
  const early = listenFromStart(plugin);
  const settings = await config;
  if (!settings.ok) {
    console.error(`${tag} ${settings.error}`);
    return;
  }
  // Exactly what is on, for whom; a deployment open to any page hears it as a warning.
  const plan = featurePlan(settings.value);
  const line = describePlan(settings.value, plan);
  if (settings.value.allowedOrigins) console.info(`${tag} ${line}`);
  else warn(line);
  // Opt-in, per deployment (read after registering, so the handshake itself is not shown).
  if (settings.value.debug) setLogger(createQuietLogger(true));

  const { labels } = settings.value;
  const features = plan.on;
  const codec = pluginCodec(dialectOf(settings.value));
  const offers = (feature: string): boolean => features.includes(feature);
  // Added while the endpoint starts: `ready` does not wait for Web App 3 to draw the buttons.
  // A deployment (or dialect) without a button's feature gets no such button.
  const buttons: Buttons = {};
  if (offers('chat')) buttons.chat = addButton(plugin, toButtonPayload(INITIAL_BUTTON_STATE, labels), CHAT_DRAWING);
  if (offers('participants')) buttons.participants = addButton(plugin, toParticipantsButtonPayload(INITIAL_PARTICIPANTS_STATE), PARTICIPANTS_DRAWING);
  for (const [name, button] of Object.entries(buttons)) {
    button.catch((error: unknown) => console.error(`${tag} Web App 3 did not add the ${name} button: ${messageOf(error)}`));
  }
  const service = createService(webApp3(plugin, buttons, early), (error) => warn(`updating a toolbar button failed: ${messageOf(error)}`), { labels });
  startPluginEndpoint({
    service,
    codec,
    self: window,
    top,
    allowedOrigins: settings.value.allowedOrigins,
    features,
    whyOff: plan.whyOff,
    instanceId: v4(),
    warn,
    post: queuePosts(posting),
  });
}

start().catch((error: unknown) => console.error(`${tag} failed to start: ${messageOf(error)}`));
