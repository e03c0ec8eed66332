// Entry point of the Web App 3 simulator: loads the branding manifest, creates
// one sandboxed frame per plugin, answers their RPC calls and exposes window.__sim.
import type { RPCCallPayload } from '@pexip/plugin-api';
import { readConfig } from './config';
import { loadManifest } from './manifest';
import { Meeting } from './meeting';
import { createErrorBanner, drawBuiltinButtons, pageElements, renderCallState } from './page';
import { Churn } from './churn';
import { Controls } from './controls';
import { appendLogRow } from './panels';
import { renderParticipantList } from './participant-list';
import { Participants } from './participants';
import { isRpcCallMessage, type PluginFrame } from './plugin-host';
import { PluginFrames } from './plugin-frames';
import { FIRST_BUTTON_GRACE_MS } from './ready';
import { pluginSources } from './plugin-sources';
import { Roster, type Broadcast } from './roster';
import { createRouter } from './rpc';
import { createSimApi } from './sim-hooks';
import type { RpcLogEntry, SimRejection } from './sim-api';
import { renderStage } from './stage';
import { Toolbar } from './toolbar';

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
const roster = new Roster(broadcast);
const participants = new Participants(roster, config.joinDelay);
const controls = new Controls(roster, participants);
const churn = new Churn(roster, config.seed);
churn.setRate(config.churn);
const toolbar = new Toolbar(ui.toolbar, (pluginId, buttonId) =>
  plugins.byId(pluginId)?.sendEvent('ui:button:click', { buttonId, input: { buttonId } }),
);

// Drawn at most once a frame, never inside a plugin's call: a burst of changes
// costs one drawing, and no RPC reply waits for the page to redraw (as in Web
// App 3, whose UI renders after the state changes, not before it answers).
let frame = 0;
const render = (): void => {
  if (frame !== 0) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    renderCallState(ui, meeting.inMeeting);
    const dialled = participants.list();
    renderParticipantList(
      ui.participants,
      { me: roster.me, others: { [Symbol.iterator]: () => roster.othersView() }, othersCount: roster.size, dialled: new Map(dialled.map((d) => [d.uuid, d])) },
      (uuid) => participants.disconnect(uuid),
    );
    renderStage(ui.stage, { inMeeting: meeting.inMeeting, others: { [Symbol.iterator]: () => roster.othersView() }, dialled });
  });
};
// The meeting starts when the user joins (the people there arrive with the
// snapshot events) and ends, for this user, on leave or drop: churn stops,
// calls and roster are cleared without events.
meeting.onChange(() => {
  if (meeting.inMeeting) {
    roster.start({ role: config.role, participants: config.participants, lobby: config.lobby });
  } else {
    participants.clear();
    roster.end();
  }
  churn.sync();
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
const { api, notifyRpc } = createSimApi({ plugins, meeting, participants, roster, controls, churn, toolbar, log, dialOuts, rejections, errors: banner.errors, rpcLogView: ui.rpcLog });

// A plugin (re)loaded mid-meeting learns who is there (event:me, then
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

const route = createRouter<PluginFrame>({
  toolbar,
  participants,
  controls,
  log,
  dialOuts,
  rejections,
  inMeeting: () => meeting.inMeeting,
  onRegistered: (frame) => {
    plugins.registered(frame);
    if (roster.active) {
      window.clearTimeout(snapshotsOwed.get(frame));
      snapshotsOwed.set(frame, window.setTimeout(() => sendSnapshot(frame), FIRST_BUTTON_GRACE_MS));
    }
  },
  onRejected: (frame, rejection) => plugins.rejected(frame, rejection.reason),
  onButtonAddAnswered: (frame) => {
    plugins.settle(frame);
    sendSnapshot(frame);
  },
  onLogged: (entry) => appendLogRow(ui.rpcLog, entry),
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const frame = plugins.find(event.source);
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
    if (manifest.plugins.length === 0) banner.show(`Branding manifest ${manifest.url.href} lists no plugins: add one to "plugins"`);
    plugins.start(sources);
  },
  (err: unknown) => {
    banner.show(err instanceof Error ? err.message : String(err));
    plugins.fail(err);
  },
);
