// The host demo: a contact centre desk that embeds Web App 3 and drives the
// external-chat plugin through @external-chat/host-bridge.
//   config.ts        query string (?webapp, ?webappOrigin, ?sim.*)
//   status.ts        plugin connection + meeting indicators
//   chat-panel.ts    the desk's own chat, opened by the Chat toolbar button: the web chat and the meeting's (rules in chat-model.ts)
//   meeting-chat.ts  the meeting's chat in that panel: messages in, replies out, toasts while it is closed
//   dial-form.ts     dial-outs and their results
//   participants-panel.ts  the meeting's roster and the host's controls (rules in roster-model.ts,
//                    kept per change in incremental-roster.ts)
//   envelope-log.ts  every envelope, both directions
//   hooks.ts         window.__host, for tests and the console

import { connectExternalChat } from '@external-chat/host-bridge';
import { createChatPanel } from './chat-panel';
import { readConfig } from './config';
import { createDialForm } from './dial-form';
import { byId } from './dom';
import { createEnvelopeLog } from './envelope-log';
import type { HostHooks } from './hooks';
import { connectMeetingChat } from './meeting-chat';
import { createParticipantsPanel } from './participants-panel';
import { createStatusView } from './status';

const config = readConfig(location);

const notice = byId('notice');
const showNotice = (text: string): void => {
  notice.textContent = text;
  notice.hidden = false;
};
if (config.errors.length > 0) showNotice(config.errors.join(' · '));

const log = createEnvelopeLog(
  byId('envelope-log'),
  byId('log-count'),
  byId<HTMLButtonElement>('log-clear'),
  byId<HTMLInputElement>('log-hide-pings'),
);

const iframe = byId<HTMLIFrameElement>('webapp3');
byId('webapp-url').textContent = config.webappUrl;
byId('webapp-origins').textContent = config.webappOrigins.join(', ');

// Listen before the frame loads, so the plugin's first `ready` is not missed
// (the bridge also pings, so a late bridge would find the plugin anyway).
const chat = connectExternalChat(iframe, {
  webappOrigin: config.webappOrigins,
  onEnvelope: (direction, envelope) => log.add(direction, envelope),
});
iframe.src = config.webappUrl;

/** Button commands resolve once posted; they only fail if the plugin never shows up. */
const command = (what: string, promise: Promise<void>): void => {
  promise.catch((error: unknown) => {
    console.warn(`[host] ${what} failed`, error);
    showNotice(`${what} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  });
};

const status = createStatusView({
  status: byId('status'),
  statusText: byId('status-text'),
  instance: byId('instance-id'),
  meeting: byId('meeting-state'),
  meetingText: byId('meeting-text'),
});

const panel = createChatPanel(
  {
    panel: byId('chat-panel'),
    thread: byId('chat-thread'),
    form: byId<HTMLFormElement>('chat-form'),
    input: byId<HTMLInputElement>('chat-input'),
    targetRow: byId('chat-target-row'),
    target: byId<HTMLSelectElement>('chat-target'),
    closeButton: byId<HTMLButtonElement>('chat-close'),
    unreadCounter: byId('unread-count'),
  },
  {
    onCloseClicked() {
      panel.close();
      command('setButtonActive(false)', chat.setButtonActive(false));
    },
    sendToMeeting: (text, participantUuid) => chat.sendMeetingMessage(text, participantUuid ? { participantUuid } : {}),
    // Web chat and meeting alike: the Chat button's badge carries the count (and its tooltip says it).
    onUnreadChange: (count) => command(`setBadge(${count})`, chat.setBadge(count)),
  },
);
const meetingChat = connectMeetingChat(chat, panel);

const setPanel = (open: boolean): void => {
  if (open) {
    panel.open();
  } else {
    panel.close();
  }
  command(`setButtonActive(${open})`, chat.setButtonActive(open));
};

chat.on('ready', ({ instanceId }) => status.ready(instanceId));
chat.on('toggle-chat', ({ active }) => setPanel(active));
chat.on('connected', () => {
  status.connected();
  panel.system('Video meeting connected');
});
chat.on('disconnected', (payload) => {
  status.disconnected(payload);
  panel.system(payload.userInitiated ? 'You left the video meeting' : 'The video call dropped');
  if (panel.isOpen()) setPanel(false);
});

byId('simulate-message').addEventListener('click', () => panel.receive());
byId('clear-badge').addEventListener('click', () => {
  // With nothing unread, still tell the plugin: the button is what the agent wants cleared.
  if (panel.unread() > 0) panel.markRead();
  else command('setBadge(0)', chat.setBadge(0));
});

const { calls } = createDialForm(
  {
    form: byId<HTMLFormElement>('dial-form'),
    destination: byId<HTMLInputElement>('dial-destination'),
    role: byId<HTMLSelectElement>('dial-role'),
    protocol: byId<HTMLSelectElement>('dial-protocol'),
    name: byId<HTMLInputElement>('dial-name'),
    timeout: byId<HTMLInputElement>('dial-timeout'),
    cancel: byId<HTMLButtonElement>('dial-cancel'),
    results: byId('dial-results'),
    empty: byId('dial-empty'),
  },
  (body, options) => chat.dialOut(body, options),
);

const participants = createParticipantsPanel(
  {
    count: byId('participant-count'),
    filter: byId<HTMLInputElement>('participant-filter'),
    muteAll: byId<HTMLButtonElement>('mute-all'),
    list: byId('participant-list'),
    more: byId('participants-more'),
    empty: byId('participants-empty'),
    status: byId('participants-status'),
  },
  chat,
);

const hooks: HostHooks = {
  chat,
  connect: connectExternalChat,
  log: log.entries,
  panelOpen: () => panel.isOpen(),
  calls,
  participants,
  chatThread: () => panel.rendered(),
  unread: () => panel.unread(),
  chatTarget: () => panel.target(),
  notifications: meetingChat.notifications,
};
window.__host = hooks;
