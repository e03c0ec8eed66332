// A Rocket.Chat room's conference window: Pexip Web App 3 in an iframe, and
// the room's chat and people in the contextual bar, driven by the plugin in
// Rocket.Chat's own vocabulary (rocketchat:videoconf/…). Written from that
// protocol alone, as a Rocket.Chat host would be: no host-bridge.
//   protocol.ts      action names, outgoing envelopes, checks on incoming ones
//   source.ts        which messages come from Web App 3
//   chat-model.ts    the room chat's state and what the plugin must hear of it
//   people-model.ts  the roster → rows and the controls each offers
//   *-panel.ts, dial-form.ts, log.ts   the DOM
//   hooks.ts         window.__rc

import { byId } from '../host/dom';
import { chatEffects, chatReduce, chatSync, initialChat, type ChatEffect, type ChatEvent } from './chat-model';
import { createChatPanel } from './chat-panel';
import { readConfig } from './config';
import { createDialForm } from './dial-form';
import type { RcHooks } from './hooks';
import { createEnvelopeLog } from './log';
import { createPeoplePanel } from './people-panel';
import { actionName, envelope, parseInbound, PREFIX, type Feature, type Inbound, type Outbound, type OutboundName, type RosterEntry, type SelfState } from './protocol';
import { accepts } from './source';

const ME = 'You';
const ROOM_VOICES = [
  ['Alice Anderson', 'Slides for the launch review are in the channel files.'],
  ['Bob Anderson', 'Can everyone see the dashboard I am sharing?'],
  ['Carol Anderson', 'Q3 numbers look good. Questions after the demo?'],
  ['Alice Anderson', 'I will take notes in the thread.'],
] as const;

const config = readConfig(location);
const notice = byId('notice');
if (config.errors.length > 0) {
  notice.textContent = config.errors.join(' · ');
  notice.hidden = false;
}

const iframe = byId<HTMLIFrameElement>('webapp3');
byId('webapp-origins').textContent = config.webappOrigins.join(', ');
const log = createEnvelopeLog({
  list: byId('envelope-log'),
  count: byId('log-count'),
  clear: byId<HTMLButtonElement>('log-clear'),
  hideRoster: byId<HTMLInputElement>('log-hide-roster'),
});

let features: Feature[] = [];
let readies = 0;
let connected = false;
let roster: RosterEntry[] = [];
let self: SelfState | undefined;
let chat = initialChat();
let participantsOpen = false;
let dropped = 0;
const unreadSent: unknown[] = [];
/** Where the plugin speaks from (its `ready`); until then Web App 3's window, which the plugin also listens on. */
let plugin: { window: Window; origin: string } | null = null;
const has = (feature: Feature): boolean => features.includes(feature);

function postRaw(name: string, fields: Record<string, unknown>): void {
  // In the order Rocket.Chat's hook builds it (postToPlugin): the action, then the fields.
  const message = { action: PREFIX + name, ...fields };
  const target = plugin?.window ?? iframe.contentWindow;
  if (!target) return;
  target.postMessage(message, plugin?.origin ?? config.webappOrigins[0]!);
  log.add('out', message);
  if (name === 'chat-unread') unreadSent.push(fields.unread);
}
const post = <N extends OutboundName>(name: N, fields: Outbound[N]): void => {
  const { action: _action, ...rest } = envelope(name, fields);
  postRaw(name, rest);
};

// ---- chat ----
const chatPanel = createChatPanel(
  { panel: byId('chat-panel'), thread: byId('chat-thread'), form: byId<HTMLFormElement>('chat-form'), input: byId<HTMLInputElement>('chat-input'), close: byId<HTMLButtonElement>('chat-close') },
  { post: (text) => updateChat({ type: 'post', author: ME, text, t: Date.now() }), close: () => updateChat({ type: 'close' }) },
);
const sendChat = (effects: ChatEffect[]): void => {
  // The plugin hears of the chat only when it offers it; the page's chat works without.
  if (has('chat')) for (const e of effects) post(e.name, e.fields as never);
};
/** `echo`: a toggle from the plugin is answered with the state even when nothing changed, so the button ends up right. */
function updateChat(event: ChatEvent, echo = false): void {
  const prev = chat;
  chat = chatReduce(chat, event);
  const effects = chatEffects(prev, chat);
  if (echo && !effects.some((e) => e.name === 'chat-state')) effects.unshift({ name: 'chat-state', fields: { active: chat.open } });
  sendChat(effects);
  drawAll();
}

// ---- people ----
const people = createPeoplePanel(
  { panel: byId('people-panel'), count: byId('people-count'), list: byId('people-list'), empty: byId('people-empty'), muteAll: byId<HTMLButtonElement>('mute-all'), close: byId<HTMLButtonElement>('people-close') },
  { control: (name, fields) => postRaw(name, fields), close: () => setParticipants(false) },
);
function setParticipants(open: boolean): void {
  participantsOpen = open;
  if (has('participants')) post('participants-state', { active: open });
  drawAll();
}

// ---- dial-out ----
const dial = createDialForm(
  {
    card: byId('dial-card'),
    form: byId<HTMLFormElement>('dial-form'),
    destination: byId<HTMLInputElement>('dial-destination'),
    protocol: byId<HTMLSelectElement>('dial-protocol'),
    role: byId<HTMLSelectElement>('dial-role'),
    name: byId<HTMLInputElement>('dial-name'),
    results: byId('dial-results'),
  },
  (body) => post('dial-out', body),
);

// ---- header ----
const pluginState = byId('plugin-state');
const callState = byId('call-state');
const openChat = byId<HTMLButtonElement>('open-chat');
const openPeople = byId<HTMLButtonElement>('open-people');
const headUnread = byId('head-unread');
const bar = byId('contextual-bar');
openChat.addEventListener('click', () => updateChat({ type: chat.open ? 'close' : 'open' }));
openPeople.addEventListener('click', () => setParticipants(!participantsOpen));
let voice = 0;
const receive = (author?: string, text?: string): void => {
  const [who, line] = ROOM_VOICES[voice++ % ROOM_VOICES.length]!;
  updateChat({ type: 'receive', author: author ?? who, text: text ?? line, t: Date.now() });
};
byId('simulate-message').addEventListener('click', () => receive());

function drawAll(): void {
  chatPanel.draw(chat);
  people.draw({ open: participantsOpen, roster, self, features });
  bar.hidden = !chat.open && !participantsOpen;
  openChat.hidden = !has('chat');
  openChat.setAttribute('aria-pressed', String(chat.open));
  openPeople.hidden = !has('participants');
  openPeople.setAttribute('aria-pressed', String(participantsOpen));
  headUnread.hidden = chat.unread === 0;
  headUnread.textContent = String(chat.unread);
  dial.show(has('dial-out'));
}

// ---- the plugin ----
function handle(message: Inbound, source: Window, origin: string): void {
  switch (message.name) {
    case 'ready':
      plugin = { window: source, origin };
      features = message.features;
      readies++;
      pluginState.dataset.state = 'ready';
      pluginState.textContent = `Plugin ready · ${features.length} features`;
      pluginState.title = `Features offered: ${features.join(', ')}${message.unknownFeatures.length ? ` (not known to this page: ${message.unknownFeatures.join(', ')})` : ''}`;
      // A (re)started plugin knows nothing of the page: tell it how its buttons look.
      sendChat(chatSync(chat));
      if (has('participants')) post('participants-state', { active: participantsOpen });
      break;
    case 'connected':
      connected = true;
      callState.dataset.state = 'live';
      callState.textContent = 'In the call';
      chat = chatReduce(chat, { type: 'system', text: 'You joined the video conference', t: Date.now() });
      break;
    case 'disconnected':
      connected = false;
      roster = [];
      self = undefined;
      callState.dataset.state = message.userInitiated ? 'idle' : 'dropped';
      callState.textContent = message.userInitiated ? 'You left the call' : `Call dropped${message.error ? `: ${message.error}` : ''}${message.errorCode ? ` · ${message.errorCode}` : ''}`;
      chat = chatReduce(chat, { type: 'system', text: message.userInitiated ? 'You left the video conference' : 'The video conference dropped', t: Date.now() });
      break;
    case 'toggle-chat':
      updateChat({ type: message.active ? 'open' : 'close' }, true);
      return;
    case 'toggle-participants':
      setParticipants(message.active);
      return;
    case 'self':
      self = message.self;
      break;
    case 'roster':
      roster = message.participants;
      break;
    case 'dial-out-success':
      dial.answer({ ok: true, uuid: message.uuid, ...(message.displayName === undefined ? {} : { displayName: message.displayName }) });
      break;
    case 'dial-out-error':
      dial.answer({ ok: false, message: message.message });
      break;
  }
  drawAll();
}

// Listen before the frame loads, so the plugin's first `ready` is not missed.
window.addEventListener('message', (event: MessageEvent<unknown>) => {
  try {
    if (actionName(event.data) === null) return;
    if (!accepts(event, config.webappOrigins, iframe.contentWindow)) {
      dropped++;
      return;
    }
    const parsed = parseInbound(event.data);
    if (parsed.kind === 'ignored') {
      log.add('in', event.data, 'unknown action: ignored');
      return;
    }
    if (parsed.kind === 'invalid') {
      log.add('in', event.data, parsed.error);
      console.warn(`[rocketchat-host] ignored ${parsed.error}`);
      return;
    }
    log.add('in', event.data);
    handle(parsed.message, event.source as Window, event.origin);
  } catch (error) {
    // One bad message must not stop the page from hearing the next.
    console.error('[rocketchat-host] could not handle a message', error);
  }
});
iframe.src = config.webappUrl;
drawAll();

const hooks: RcHooks = {
  features: () => [...features],
  readies: () => readies,
  connected: () => connected,
  roster: () => roster,
  self: () => self,
  chatOpen: () => chat.open,
  participantsOpen: () => participantsOpen,
  unread: () => chat.unread,
  unreadSent,
  log: log.entries,
  dropped: () => dropped,
  rows: () => people.rows(),
  muteAllDrawn: () => !byId('mute-all').hidden,
  dialDrawn: () => !byId('dial-card').hidden,
  dials: () => dial.records.map((r) => ({ ...r })),
  send: (name, fields = {}) => postRaw(name, fields),
  receive,
};
window.__rc = hooks;
