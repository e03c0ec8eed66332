import { MAX_STRING_LENGTH } from '@external-chat/host-bridge/internal';
import type { Button, InfinityParticipant, Message, ParticipantActivities, Plugin, ToolbarButtonPayload } from '@pexip/plugin-api';
import { codeOf, failure, messageOf } from './errors';
import type { ControlRpc } from './controls';
import type { ParticipantChange } from './roster';
import type { ButtonName, WebApp3 } from './service';
import { rowsOf } from './infinity-row';
import { createKept } from './meeting-chat';
import { withTimeout } from './with-timeout';

/** How long the plugin waits for Web App 3 to answer a button update or a dial-out: nothing waits forever. */
const BUTTON_UPDATE_TIMEOUT_MS = 5_000;
const DIAL_OUT_TIMEOUT_MS = 5 * 60_000;
/**
 * Web App 3 never answers some refusals (a broadcast message, mute-all-guests: typed 200-only, another status
 * throws inside it) nor an RPC it does not know; Infinity answers the others well within this.
 */
export const CONTROL_TIMEOUT_MS = 5_000;
/** Infinity lists a large meeting in this; a Web App 3 older than plugin-api 17.7 never answers. */
const PARTICIPANTS_TIMEOUT_MS = 10_000;

/** Web App 3 rejecting a call is its refusal; a time-out keeps its own code. */
const refused = (error: unknown): never => {
  throw failure(codeOf(error, 'refused'), messageOf(error));
};

/** The main room; breakout rooms have ids of their own. */
const MAIN_ROOM = 'main';

/**
 * Sends an RPC through plugin-api's method for it, named as plugin-api names them: `participant:mute` and
 * `conference:sendMessage` are `plugin.conference`'s `mute` and `sendMessage`, `ui:toast:show` is
 * `plugin.ui.showToast` (rows-fit-plugin-api.ts checks that each exists and takes the RPC's payload).
 */
function call(plugin: Plugin, rpc: ControlRpc, payload: unknown): Promise<unknown> {
  const [area, name, verb] = rpc.split(':') as [string, string, string];
  const method = area === 'ui' ? verb + name[0]?.toUpperCase() + name.slice(1) : name;
  return ((area === 'ui' ? plugin.ui : plugin.conference) as unknown as Record<string, (payload: unknown) => Promise<unknown>>)[method]!(payload);
}

/** plugin-api's ParticipantActivities (Join, Leave, Update), by value: the type is checked, nothing of its runtime is bundled. */
const ACTIVITY: Record<ParticipantActivities, 'join' | 'leave' | 'update'> = { 0: 'join', 1: 'leave', 2: 'update' };

/** Before plugin-api 22.0.0 an activity named its kind `activity`, not `type` (its CHANGELOG, cc39250): a Web App 3 may send either. */
type AnyActivity = { type?: ParticipantActivities; activity?: ParticipantActivities; participant: InfinityParticipant } | undefined;

/** Infinity's text, cut to what the wire carries: the meeting's end must reach the page even with an essay attached. */
const clip = (text: string): string => text.slice(0, MAX_STRING_LENGTH);

/** What the plugin hears from the moment it registers, for a service that starts later. */
export type HeardFromStart = Pick<WebApp3, 'onLanguage' | 'onMessage'>;

/**
 * Web App 3's language and the meeting's messages, heard from the moment the
 * plugin registered: Web App 3 may say them at once, while the plugin still
 * reads config.json, and plugin-api's signals keep nothing for a later
 * listener. A listener added later hears the last language and the messages
 * held until then (the last MAX_KEPT_ITEMS), at once.
 */
export function listenFromStart(plugin: Plugin): HeardFromStart {
  let language: string | undefined;
  let onLanguage: ((code: string) => void) | undefined;
  const held = createKept<[Message, boolean]>();
  let onMessage: ((message: Message, direct: boolean) => void) | undefined;
  const heard = (message: Message, direct: boolean): void => (onMessage ? onMessage(message, direct) : held.add([message, direct]));
  plugin.events.languageSelect.add((code) => {
    language = code;
    onLanguage?.(code);
  });
  plugin.events.message.add((message) => heard(message, false));
  plugin.events.directMessage.add((message) => heard(message, true));
  return {
    onLanguage(handler) {
      onLanguage = handler;
      if (language !== undefined) handler(language);
    },
    onMessage(handler) {
      onMessage = handler;
      for (const [message, direct] of held.list()) handler(message, direct);
      held.clear();
    },
  };
}

/**
 * Adds a toolbar button. Pexip's icon set differs between Web App 3 versions, and one that lacks the icon's
 * name refuses the button ('Invalid Icon name'): it is then added with `drawing`, kept in every update.
 */
export async function addButton(plugin: Plugin, payload: ToolbarButtonPayload, drawing: ToolbarButtonPayload['icon']): Promise<Button<'toolbar'>> {
  try {
    return await plugin.ui.addButton(payload);
  } catch (error) {
    if (messageOf(error) !== 'Invalid Icon name') throw error;
  }
  const button = await plugin.ui.addButton({ ...payload, icon: drawing });
  return { ...button, update: (next) => button.update({ ...next, icon: drawing }) };
}

/** The buttons this deployment added, each the promise of `ui.addButton`. */
export type Buttons = Partial<Record<ButtonName, Promise<Button<'toolbar'>>>>;

/**
 * @pexip/plugin-api, as the service needs it. Each button is the promise of
 * `ui.addButton`: the plugin need not wait for Web App 3 to draw it before it
 * takes the page's commands, which are shown once it is there. A button the
 * deployment did not add has nothing to draw and no clicks.
 */
export function webApp3(plugin: Plugin, buttons: Buttons, early: HeardFromStart = listenFromStart(plugin)): WebApp3 {
  return {
    updateButton: (name, payload) => {
      const button = buttons[name];
      if (!button) return Promise.resolve();
      return withTimeout(
        button.then((added) => added.update(payload)),
        BUTTON_UPDATE_TIMEOUT_MS,
        `ui:button:update got no answer within ${BUTTON_UPDATE_TIMEOUT_MS} ms`,
      );
    },
    dialOut: (body) =>
      withTimeout(plugin.conference.dialOut(body), DIAL_OUT_TIMEOUT_MS, `${body.destination} did not join within ${DIAL_OUT_TIMEOUT_MS / 60_000} minutes`).catch(refused),
    control: ({ rpc, payload }) =>
      withTimeout(
        call(plugin, rpc, payload),
        CONTROL_TIMEOUT_MS,
        `${rpc} got no answer from Web App 3 within ${CONTROL_TIMEOUT_MS / 1000} s (a refusal, or lost)`,
      ).catch(refused),
    participantsNow: () =>
      // No answer is no list: the roster then starts with the next change, as before.
      withTimeout(plugin.conference.requestParticipants({}), PARTICIPANTS_TIMEOUT_MS, '').then(rowsOf),
    // A button that was never added is reported where it is added (index.ts); it has no clicks.
    onButtonClick: (name, handler) => void buttons[name]?.then((added) => added.onClick.add(handler), () => undefined),
    onConnected: (handler) => void plugin.events.connected.add(handler),
    onMessage: early.onMessage,
    onLanguage: early.onLanguage,
    onMe: (handler) =>
      void plugin.events.me.add(({ id, participant }) => {
        if (id === MAIN_ROOM) handler(participant);
      }),
    // Web App 3 may report one change through both the deprecated events and participantsActivities: applying it twice is harmless.
    onParticipants(handler) {
      const main = (id: string, change: ParticipantChange): void => {
        if (id === MAIN_ROOM) handler([change]);
      };
      plugin.events.participants.add(({ id, participants }) => main(id, { type: 'all', participants }));
      plugin.events.participantJoined.add(({ id, participant }) => main(id, { type: 'join', participant }));
      plugin.events.participantLeft.add(({ id, participant }) => main(id, { type: 'leave', participant }));
      plugin.events.participantsActivities.add((activities) => {
        const changes: ParticipantChange[] = [];
        for (const { roomId, activity } of Array.isArray(activities) ? activities : []) {
          const kind: AnyActivity = activity;
          const type = ACTIVITY[kind?.type ?? (kind?.activity as ParticipantActivities)];
          if (roomId === MAIN_ROOM && type) changes.push({ type, participant: activity.participant });
        }
        if (changes.length > 0) handler(changes);
      });
    },
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
