// Entry point of the Web App 3 simulator: loads the branding manifest, creates
// one sandboxed frame per plugin, answers their RPC calls and exposes window.__sim.
import type { RPCCallPayload } from '@pexip/plugin-api';
import { readConfig } from './config';
import { loadManifest } from './manifest';
import { Meeting } from './meeting';
import { createErrorBanner, drawBuiltinButtons, pageElements, renderCallState } from './page';
import { appendLogRow } from './panels';
import { renderParticipantList } from './participant-list';
import { Participants, type Broadcast } from './participants';
import { isRpcCallMessage, type PluginFrame } from './plugin-host';
import { PluginFrames } from './plugin-frames';
import { pluginSources } from './plugin-sources';
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
const participants = new Participants(broadcast, config.joinDelay);
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
    renderParticipantList(ui.participants, participants.list(), (uuid) => participants.disconnect(uuid));
    renderStage(ui.stage, meeting.inMeeting, participants.list());
  });
};
meeting.onChange(() => {
  if (!meeting.inMeeting) participants.clear();
  render();
});
participants.onChange(render);

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
const { api, notifyRpc } = createSimApi({ plugins, meeting, participants, toolbar, log, dialOuts, rejections, errors: banner.errors, rpcLogView: ui.rpcLog });

const route = createRouter<PluginFrame>({
  toolbar,
  participants,
  log,
  dialOuts,
  rejections,
  inMeeting: () => meeting.inMeeting,
  onRegistered: (frame) => plugins.registered(frame),
  onRejected: (frame, rejection) => plugins.rejected(frame, rejection.reason),
  onButtonAddAnswered: (frame) => plugins.settle(frame),
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
