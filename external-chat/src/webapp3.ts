import { MAX_STRING_LENGTH } from '@external-chat/host-bridge/contract';
import type { Button, Plugin } from '@pexip/plugin-api';
import type { WebApp3 } from './service';
import { withTimeout } from './with-timeout';

/** How long the plugin waits for Web App 3 to answer a button update or a dial-out: nothing waits forever. */
const BUTTON_UPDATE_TIMEOUT_MS = 5_000;
const DIAL_OUT_TIMEOUT_MS = 5 * 60_000;

/** Infinity's text, cut to what the wire carries: the meeting's end must reach the page even with an essay attached. */
const clip = (text: string): string => text.slice(0, MAX_STRING_LENGTH);

/**
 * @pexip/plugin-api, as the service needs it. The button is the promise of
 * `ui.addButton`: the plugin need not wait for Web App 3 to draw it before it
 * takes the page's commands, which are shown once it is there.
 */
export function webApp3(plugin: Plugin, button: Promise<Button<'toolbar'>>): WebApp3 {
  return {
    updateButton: (payload) =>
      withTimeout(
        button.then((added) => added.update(payload)),
        BUTTON_UPDATE_TIMEOUT_MS,
        `ui:button:update got no answer within ${BUTTON_UPDATE_TIMEOUT_MS} ms`,
      ),
    dialOut: (body) =>
      withTimeout(plugin.conference.dialOut(body), DIAL_OUT_TIMEOUT_MS, `${body.destination} did not join within ${DIAL_OUT_TIMEOUT_MS / 60_000} minutes`),
    // A button that was never added is reported where it is added (index.ts); it has no clicks.
    onButtonClick: (handler) => void button.then((added) => added.onClick.add(handler), () => undefined),
    onConnected: (handler) => void plugin.events.connected.add(handler),
    onDisconnected(handler) {
      plugin.events.userInitiatedDisconnect.add(() => handler({ userInitiated: true }));
      plugin.events.disconnected.add((payload) => {
        const error = typeof payload?.error === 'string' ? { error: clip(payload.error) } : {};
        const code = payload?.errorCode === undefined ? {} : { errorCode: clip(String(payload.errorCode)) };
        handler({ userInitiated: false, ...error, ...code });
      });
    },
  };
}
