import { encode } from '@external-chat/host-bridge/contract';
import { registerPlugin, setLogger } from '@pexip/plugin-api';
import { expose } from 'comlink';
import { INITIAL_BUTTON_STATE, toButtonPayload } from './button-state';
import { loadConfig } from './config';
import { messageOf } from './errors';
import { dropEmptyMessages } from './guard-plugin-api';
import { forwardLifecycle } from './lifecycle';
import { createQuietLogger, debugRequested } from './logger';
import { createPluginEndpoint } from './plugin-endpoint';
import { createPostToTop } from './post-to-top';
import { PLUGIN_ID } from './plugin-id';
import { createService } from './service';

const VERSION = __PLUGIN_VERSION__;
const tag = '[external-chat]';

/** Listens on Web App 3's window too, when same-origin access allows it (it throws cross-origin). */
function listenOnParent(onMessage: (event: MessageEvent) => void): void {
  try {
    window.parent.addEventListener('message', onMessage);
  } catch {
    // Cross-origin (e.g. the dev server): hosts reach us by posting to this window directly.
  }
}

async function start(): Promise<void> {
  console.info(`plugin: ${PLUGIN_ID} loaded v${VERSION}`);
  setLogger(createQuietLogger(debugRequested()));
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
  const { allowedOrigins } = config.value;

  const button = await plugin.ui.addButton(toButtonPayload(INITIAL_BUTTON_STATE));
  const post = createPostToTop(top, allowedOrigins);
  const warn = (message: string): void => console.warn(`${tag} ${message}`);

  const service = createService({
    updateButton: (payload) => button.update(payload),
    dialOut: (body) => plugin.conference.dialOut(body),
    onButtonError: (error) => warn(`updating the Chat button failed: ${messageOf(error)}`),
  });
  // The button is a request, not a switch: the page decides and echoes the state back.
  button.onClick.add(() => post(encode('toggle-chat', { active: !service.state().active })));
  forwardLifecycle(plugin.events, post);

  const instanceId = crypto.randomUUID();
  const sayReady = (): void => post(encode('ready', { instanceId }));
  const { endpoint, onMessage } = createPluginEndpoint({ top, allowedOrigins, post, onPing: sayReady, warn });
  expose(service, endpoint);

  window.addEventListener('message', onMessage);
  // Hosts that post to the Web App 3 window (the documented way) reach us only there.
  listenOnParent(onMessage);
  sayReady();
}

start().catch((error: unknown) => console.error(`${tag} failed to start: ${messageOf(error)}`));
