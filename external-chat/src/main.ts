import { encode } from '@external-chat/host-bridge/contract';
import { registerPlugin, setLogger } from '@pexip/plugin-api';
import { expose } from 'comlink';
import { INITIAL_BUTTON_STATE, toButtonPayload } from './button-state';
import { loadConfig } from './config';
import { messageOf } from './errors';
import { dropEmptyMessages } from './guard-plugin-api';
import { forwardLifecycle } from './lifecycle';
import { createQuietLogger } from './logger';
import { createPluginEndpoint } from './plugin-endpoint';
import { createPostToTop } from './post-to-top';
import { PLUGIN_ID } from './plugin-id';
import { createService } from './service';
import { withTimeout } from './with-timeout';

const VERSION = __PLUGIN_VERSION__;
const tag = '[external-chat]';

/** How long the plugin waits for Web App 3 to answer a button update or a dial-out: nothing waits forever. */
const BUTTON_UPDATE_TIMEOUT_MS = 5_000;
const DIAL_OUT_TIMEOUT_MS = 5 * 60_000;

/** Listens on Web App 3's window too, when same-origin access allows it (it throws cross-origin). */
function listenOnParent(onMessage: (event: MessageEvent) => void): void {
  try {
    window.parent.addEventListener('message', onMessage);
    // Web App 3 outlives this frame when it reloads plugins: a listener left behind would keep this whole page alive.
    window.addEventListener('pagehide', () => window.parent.removeEventListener('message', onMessage), { once: true });
  } catch {
    // Cross-origin (e.g. the dev server): hosts reach us by posting to this window directly.
  }
}

/** A random id per plugin load; randomUUID needs a secure context, getRandomValues does not. */
function newInstanceId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function start(): Promise<void> {
  console.info(`plugin: ${PLUGIN_ID} loaded v${VERSION}`);
  setLogger(createQuietLogger(false));
  dropEmptyMessages(window);

  if (window.top === window.parent) {
    console.info(`${tag} Web App 3 is not embedded in another page; the chat bridge stays off.`);
    return;
  }
  const top = window.top;
  if (!top) return;

  // Both round trips at once: the config fetch must not delay start-up.
  const [config, plugin] = await Promise.all([
    loadConfig(new URL('config.json', location.href)),
    registerPlugin({ id: PLUGIN_ID, version: 0 }),
  ]);
  if (!config.ok) {
    console.error(`${tag} ${config.error}. The chat bridge stays off until config.json is fixed or removed.`);
    return;
  }
  const { allowedOrigins, debug } = config.value;
  // Opt-in, per deployment: config.json's "debug" (read in parallel with registering, so syn itself is not shown).
  if (debug) setLogger(createQuietLogger(true));

  const button = await plugin.ui.addButton(toButtonPayload(INITIAL_BUTTON_STATE));
  const post = createPostToTop(top, allowedOrigins);
  const warn = (message: string): void => console.warn(`${tag} ${message}`);

  const service = createService({
    updateButton: (payload) =>
      withTimeout(button.update(payload), BUTTON_UPDATE_TIMEOUT_MS, `ui:button:update got no answer within ${BUTTON_UPDATE_TIMEOUT_MS} ms`),
    dialOut: (body) =>
      withTimeout(
        plugin.conference.dialOut(body),
        DIAL_OUT_TIMEOUT_MS,
        `${body.destination} did not join within ${DIAL_OUT_TIMEOUT_MS / 60_000} minutes`,
      ),
    onButtonError: (error) => warn(`updating the Chat button failed: ${messageOf(error)}`),
  });
  // The button is a request, not a switch: the page decides and echoes the state back.
  button.onClick.add(() => post(encode('toggle-chat', { active: !service.state().active })));
  forwardLifecycle(plugin.events, post);

  const instanceId = newInstanceId();
  const sayReady = (): void => post(encode('ready', { instanceId }));
  const { endpoint, onMessage } = createPluginEndpoint({ top, allowedOrigins, post, onPing: sayReady, warn });
  expose(service, endpoint);

  window.addEventListener('message', onMessage);
  // Hosts that post to the Web App 3 window (the documented way) reach us only there.
  listenOnParent(onMessage);
  sayReady();
}

start().catch((error: unknown) => console.error(`${tag} failed to start: ${messageOf(error)}`));
