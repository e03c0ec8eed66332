// Entry point of the Web App 3 simulator: loads the branding manifest, creates
// one sandboxed frame per plugin, answers their RPC calls and exposes window.__sim.
import type { RPCCallPayload } from '@pexip/plugin-api';
import { AnswerQueue } from './model/answer-next';
import { DEFAULT_LANGUAGE, readConfig } from './model/config';
import { loadManifest } from './model/manifest';
import { Meeting } from './model/meeting';
import { createErrorBanner, drawBuiltinButtons, drawLanguagePicker, pageElements, renderCallState, showLanguage } from './view/page';
import { MeetingChat } from './model/chat';
import { ChatView, MAX_SENDERS } from './view/chat-view';
import { Chatter } from './model/chatter';
import { Churn } from './model/churn';
import { Controls } from './model/controls';
import { appendLogRow } from './view/panels';
import { ParticipantList } from './view/participant-list';
import { Participants } from './model/participants';
import { isRpcCallMessage, type PluginFrame } from './plugins/plugin-host';
import { PluginFrames } from './plugins/plugin-frames';
import { FIRST_BUTTON_GRACE_MS } from './plugins/ready';
import { pluginSources } from './plugins/plugin-sources';
import { Roster, type Broadcast } from './model/roster';
import { slice } from './model/roster-index';
import { createRouter } from './plugins/rpc';
import { languageCodeError } from './model/language';
import { SidePanel } from './view/side-panel';
import { createSimApi } from './harness/sim-hooks';
import type { RpcLogEntry, SimRejection } from './harness/sim-api';
import { renderStage } from './view/stage';
import { createToastView } from './view/toast-view';
import { Toasts } from './model/toasts';
import { Toolbar } from './view/toolbar';
import { uuid } from './model/ids';

const ui = pageElements();
const banner = createErrorBanner(ui.errors);
const { config, errors: configErrors } = readConfig(window.location);
configErrors.forEach(banner.show);

// ---- the meeting ---------------------------------------------------------------

const plugins: PluginFrames = new PluginFrames({
  container: ui.frames,
  panel: ui.plugins,
  showError: banner.show,
  onFirstReady: () => {
    if (config.autoJoin && !meeting.inMeeting) meeting.join();
  },
});
const broadcast: Broadcast = (event, payload) => plugins.broadcast(event, payload);
const meeting = new Meeting(broadcast);
const roster = new Roster(broadcast, { activities: config.activities, deprecated: config.deprecated, meAtJoin: config.meAtJoin });
const participants = new Participants(roster, config.joinDelay);
const controls = new Controls(roster, participants, Date.now, { silent: config.silent, guestsCanUnmute: config.guestsCanUnmute });
const answers = new AnswerQueue();
const churn = new Churn(roster, config.seed);
churn.setRate(config.churn);
const toolbar = new Toolbar(ui.toolbar, (pluginId, buttonId) =>
  plugins.byId(pluginId)?.sendEvent('ui:button:click', { buttonId, input: { buttonId } }),
);
const toasts = new Toasts(createToastView(ui.toasts), uuid);

// ---- the meeting's chat and the side panel -------------------------------------

const chat = new MeetingChat(roster, broadcast, { silent: config.silent, echo: config.echo });
const sidePanel = new SidePanel({ layout: ui.layout, tabs: ui.tabs, views: ui.views, toolbar: ui.builtins });
const chatView = new ChatView(ui.chat, {
  meUuid: () => roster.me?.uuid ?? null,
  nameOf: (id) => roster.get(id)?.displayName,
  say: (id, text, direct) => void chat.say(id, text, direct),
});
chat.onMessage((m) => chatView.append(m));
const chatter = new Chatter({ active: () => roster.active, speakers: () => roster.room, say: (line) => void chat.say(line.uuid, line.text, line.direct) }, config.seed);
chatter.setSeconds(config.chatter);
sidePanel.onShow((tab) => {
  chatView.setVisible(tab === 'chat');
  render();
});

// ---- the language Web App 3 tells the plugins ------------------------------------

// Web App 3 always has a language (i18next's): `?lang=`, else the picker's, else English.
let language: string = config.lang ?? DEFAULT_LANGUAGE;
const setLanguage = (code: string): void => {
  const bad = languageCodeError(code);
  if (bad) throw new Error(`setLanguage: ${bad}`);
  language = code;
  showLanguage(ui.lang, code);
  broadcast('event:languageSelect', code);
};
drawLanguagePicker(ui.lang, language, setLanguage);

// Drawn at most once a frame, never inside a plugin's call: a burst of changes
// costs one drawing, and no RPC reply waits for the page to redraw (as in Web
// App 3, whose UI renders after the state changes, not before it answers).
// Each part reads only what it shows (the rows in view, twelve tiles, fifty
// senders), by position: a frame costs the same at 10,000 people as at 10.
let frame = 0;
const render = (): void => {
  if (frame !== 0) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    const dialled = participants.list();
    // First: it reads the list's scroll position, before anything below writes to the page.
    // Only while its tab shows: a hidden list has no rows in view.
    if (sidePanel.open === 'participants') {
      participantList.draw({
        me: roster.me,
        lobby: roster.lobby,
        room: roster.room,
        calling: dialled.filter((d) => d.state === 'calling'),
        dialled: new Map(dialled.map((d) => [d.uuid, d])),
      });
    }
    renderCallState(ui, meeting.inMeeting);
    renderStage(ui.stage, { inMeeting: meeting.inMeeting, room: roster.room, dialled });
    // Only while the Chat tab shows: a roster under churn would otherwise rebuild a hidden list every frame.
    if (sidePanel.open === 'chat') chatView.setSenders(meeting.inMeeting, slice(roster.room, 0, MAX_SENDERS));
  });
};
const participantList = new ParticipantList(ui.participants, ui.views.participants, (uuid) => participants.disconnect(uuid), render);
// The meeting starts when the user joins (the people there arrive with the
// snapshot events) and ends, for this user, on leave or drop: churn stops,
// calls and roster are cleared without events.
meeting.onChange(() => {
  if (meeting.inMeeting) {
    chat.clear();
    chatView.clear();
    roster.start({ role: config.role, participants: config.participants, lobby: config.lobby });
  } else {
    participants.clear();
    roster.end();
  }
  churn.sync();
  chatter.sync();
  render();
});
participants.onChange(render);
roster.onChange(render);

drawBuiltinButtons(ui);
ui.join.addEventListener('click', () => meeting.join());
ui.leave.addEventListener('click', () => meeting.leave());
ui.drop.addEventListener('click', () => meeting.drop());
ui.reload.addEventListener('click', () => void plugins.reload());
render();

// ---- RPC and window.__sim --------------------------------------------------------

const log: RpcLogEntry[] = [];
const dialOuts: Array<RPCCallPayload<'conference:dialOut'>> = [];
const rejections: SimRejection[] = [];
const { api, notifyRpc } = createSimApi({
  plugins,
  meeting,
  participants,
  roster,
  controls,
  churn,
  toolbar,
  chat,
  chatter,
  toasts,
  sidePanel,
  answers,
  setLanguage,
  language: () => language,
  log,
  dialOuts,
  rejections,
  errors: banner.errors,
  rpcLogView: ui.rpcLog,
});

// With ?replay=1 (assumed; Web App 3 syncs only the language to a plugin), a
// plugin (re)loaded mid-meeting learns who is there (event:me, then
// event:participants) once it has settled, as every plugin has by the time the
// user joins: its first button answered, or the grace period over. plugin-api's
// signals keep no value, so a snapshot sent along with the ack could reach a
// plugin before it observes them.
const snapshotsOwed = new Map<PluginFrame, number>();
const sendSnapshot = (frame: PluginFrame): void => {
  if (!snapshotsOwed.has(frame)) return;
  window.clearTimeout(snapshotsOwed.get(frame));
  snapshotsOwed.delete(frame);
  roster.snapshot((event, payload) => frame.sendEvent(event, payload));
};

const MISMATCH = 'Registered as';
const route = createRouter<PluginFrame>({
  toolbar,
  participants,
  controls,
  chat,
  toasts,
  roster,
  answers,
  options: { silent: config.silent },
  log,
  dialOuts,
  rejections,
  inMeeting: () => meeting.inMeeting,
  onRegistered: (frame) => {
    plugins.registered(frame);
    plugins.unwarn(frame.id, MISMATCH);
    // Web App 3 syncs a new plugin with its language right after the ack (secondary; LEDGER.md).
    frame.sendEvent('event:languageSelect', language);
    if (config.replay && roster.active) {
      window.clearTimeout(snapshotsOwed.get(frame));
      snapshotsOwed.set(frame, window.setTimeout(() => sendSnapshot(frame), FIRST_BUTTON_GRACE_MS));
    }
  },
  onRejected: (frame, rejection) => plugins.rejected(frame, rejection.reason),
  onIdMismatch: (frame, claimed) =>
    plugins.warn(frame.id, `${MISMATCH} '${String(claimed)}', not the manifest's '${frame.id}': acked, as Web App 3 does (plugin-api 21.0.0 requires the match only for addWidget)`),
  onButtonAddAnswered: (frame) => {
    plugins.settle(frame);
    sendSnapshot(frame);
  },
  onLogged: (entry) => appendLogRow(ui.rpcLog, entry),
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const frame = plugins.find(event.source);
  if (!frame && isRpcCallMessage(event.data) && event.data.rpc === 'syn') {
    // Web App 3 drops messages from windows that are none of its plugin (or widget) frames.
    console.warn('[simulator] ignored a syn from a window that is not a plugin frame');
  }
  if (!frame || !isRpcCallMessage(event.data)) return;
  route(frame, event.data);
  const entry = log[log.length - 1];
  if (entry) notifyRpc(entry);
});

window.__sim = api;

// ---- start -----------------------------------------------------------------------

loadManifest(config.manifestUrl).then(
  (manifest) => {
    const { sources, errors } = pluginSources(manifest, config.overrides);
    errors.forEach(banner.show);
    for (const w of manifest.warnings) plugins.warn(w.pluginId, w.message);
    if (manifest.plugins.length === 0) banner.show(`Branding manifest ${manifest.url.href} lists no plugins: add one to "plugins"`);
    sidePanel.drawButtons(manifest.hiddenFunctionality);
    plugins.start(sources);
  },
  (err: unknown) => {
    sidePanel.drawButtons([]);
    banner.show(err instanceof Error ? err.message : String(err));
    plugins.fail(err);
  },
);
