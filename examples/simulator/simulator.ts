// Entry point of the Web App 3 simulator: loads the branding manifest, creates
// one sandboxed frame per plugin, answers their RPC calls and exposes window.__sim.
import type { EventMessage } from '@pexip/plugin-api';
import { EXTERNAL_CHAT_ID, RELAY_ID, readConfig } from './config';
import { builtinIcon } from './icons';
import { loadManifest, sandboxFor, type Manifest } from './manifest';
import { Meeting } from './meeting';
import { appendLogRow, renderPluginList } from './panels';
import { Participants, renderParticipantList } from './participants';
import { PluginFrame, isRpcCallMessage } from './plugin-host';
import { ReadyCycle } from './ready';
import { createRouter } from './rpc';
import type { RpcLogEntry, SimApi, SimEcho, SimRejection, SimReadySummary, SynRoundTrip, PluginTiming } from './sim-api';
import { renderStage } from './stage';
import { Toolbar } from './toolbar';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`simulator page is missing #${id}`);
  return el as T;
};

const ui = {
  errors: $('errors'),
  status: $('call-status'),
  join: $<HTMLButtonElement>('join'),
  drop: $<HTMLButtonElement>('drop'),
  reload: $<HTMLButtonElement>('reload'),
  leave: $<HTMLButtonElement>('leave'),
  stage: $('stage'),
  participants: $('participant-list'),
  plugins: $('plugin-list'),
  rpcLog: $('rpc-log'),
  toolbar: $('plugin-buttons'),
  builtins: $('builtin-buttons'),
  frames: $('plugin-frames'),
};

const { config, errors: configErrors } = readConfig(window.location);
const errors: string[] = [];
const log: RpcLogEntry[] = [];
const dialOuts: SimApi['dialOuts'][number][] = [];
const rejections: SimRejection[] = [];
const frames: PluginFrame[] = [];
const notes = new Map<string, string>();

function showError(message: string): void {
  errors.push(message);
  const p = document.createElement('p');
  p.textContent = message;
  ui.errors.append(p);
  ui.errors.hidden = false;
  console.error(`[simulator] ${message}`);
}
configErrors.forEach(showError);

// ---- events to plugins -----------------------------------------------------

function broadcast<K extends keyof EventMessage>(event: K, payload: EventMessage[K]['payload']): void {
  for (const frame of frames) frame.sendEvent(event, payload);
}

const meeting = new Meeting(broadcast);
const participants = new Participants(broadcast, config.joinDelay);
const toolbar = new Toolbar(ui.toolbar, (pluginId, buttonId) => {
  frames
    .find((f) => f.id === pluginId)
    ?.sendEvent('ui:button:click', { buttonId, input: { buttonId } });
});

// ---- readiness ---------------------------------------------------------------

let autoJoinPending = config.autoJoin;
const pluginFrames = (): PluginFrame[] => frames.filter((f) => f.kind === 'plugin');
const startCycle = (): ReadyCycle =>
  new ReadyCycle(pluginFrames(), () => {
    if (autoJoinPending && !meeting.inMeeting) meeting.join();
    autoJoinPending = false;
  });
let cycle: ReadyCycle | null = null;
let manifestReady!: (c: ReadyCycle) => void;
let manifestFailed!: (err: unknown) => void;
let ready: Promise<SimReadySummary> = new Promise<ReadyCycle>((resolve, reject) => {
  manifestReady = resolve;
  manifestFailed = reject;
}).then((c) => c.promise);
ready.catch(() => undefined); // reported on the page; avoid an unhandled rejection

const refreshPlugins = (): void => renderPluginList(ui.plugins, frames, notes);

// ---- RPC -----------------------------------------------------------------------

const route = createRouter({
  toolbar,
  participants,
  log,
  dialOuts,
  rejections,
  inMeeting: () => meeting.inMeeting,
  onRegistered: (frame) => {
    if (frame.kind === 'plugin') notes.delete(frame.id);
    cycle?.registered(frame);
    refreshPlugins();
  },
  onRejected: (frame, rejection) => {
    notes.set(frame.id, rejection.reason);
    showError(`Plugin rejected: ${rejection.reason}`);
    cycle?.settle(frame);
    refreshPlugins();
  },
  onButtonAddAnswered: (frame) => cycle?.settle(frame),
  onLogged: (entry) => appendLogRow(ui.rpcLog, entry),
});

const rpcListeners = new Set<(entry: RpcLogEntry) => void>();
const isSimEcho = (data: unknown): data is SimEcho => typeof data === 'object' && data !== null && 'simEcho' in data;

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  // Bench baseline (see SimEcho): answer the embedding page at once.
  if (window.top && window.top !== window && event.source === window.top && isSimEcho(event.data)) {
    window.top.postMessage({ simEcho: event.data.simEcho } satisfies SimEcho, '*');
    return;
  }
  // Only frames this page created may talk to it.
  const frame = frames.find((f) => f.window !== null && f.window === event.source);
  if (!frame || !isRpcCallMessage(event.data)) return;
  route(frame, event.data);
  const entry = log[log.length - 1];
  if (entry) for (const listener of rpcListeners) listener(entry);
});

// ---- frames ------------------------------------------------------------------

const onSilent = (frame: PluginFrame): void => {
  notes.set(frame.id, 'loaded but never sent syn');
  showError(`Plugin '${frame.id}' loaded but never sent syn within 5 s (is ${frame.src} built and served?)`);
  cycle?.settle(frame);
  refreshPlugins();
};

function createFrames(manifest: Manifest): void {
  let overridden = false;
  for (const plugin of manifest.plugins) {
    let src = plugin.src;
    if (plugin.id === EXTERNAL_CHAT_ID && config.pluginOverride) {
      src = config.pluginOverride.href;
      overridden = true;
    }
    frames.push(new PluginFrame(plugin.id, src, sandboxFor(plugin), 'plugin', onSilent));
  }
  if (config.pluginOverride && !overridden) {
    showError(`?plugin=${config.pluginOverride.href} ignored: the manifest has no plugin with id '${EXTERNAL_CHAT_ID}'`);
  }
  if (config.relay) {
    const chat = manifest.plugins.find((p) => p.id === EXTERNAL_CHAT_ID);
    // Without an external-chat entry, use the sandbox of the branding deployment.
    if (!chat) notes.set(RELAY_ID, `no '${EXTERNAL_CHAT_ID}' in the manifest: sandbox allow-scripts allow-same-origin`);
    const sandbox = sandboxFor(chat ?? { sandboxValues: ['allow-same-origin'] });
    const src = new URL('relay.html', window.location.href).href;
    frames.push(new PluginFrame(RELAY_ID, src, sandbox, 'relay', onSilent));
  }
}

function insertFrames(): void {
  cycle = startCycle();
  manifestReady(cycle);
  for (const frame of frames) frame.insert(ui.frames);
  refreshPlugins();
}

function reloadPlugins(): Promise<SimReadySummary> {
  const next = startCycle();
  cycle?.supersede(next);
  cycle = next;
  ready = next.promise;
  for (const frame of pluginFrames()) frame.reload();
  refreshPlugins();
  return next.promise;
}

// ---- page --------------------------------------------------------------------

function refreshMeeting(): void {
  const joined = meeting.inMeeting;
  ui.status.textContent = joined ? 'In meeting' : 'Not joined';
  ui.status.classList.toggle('live', joined);
  ui.join.disabled = joined;
  ui.drop.disabled = !joined;
  ui.leave.disabled = !joined;
  renderStage(ui.stage, joined, participants.list());
}

function refreshParticipants(): void {
  renderParticipantList(ui.participants, participants.list(), (uuid) => participants.disconnect(uuid));
  renderStage(ui.stage, meeting.inMeeting, participants.list());
}

function builtinButton(label: string, icon: 'MicOn' | 'VideoOn'): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'tb-button builtin';
  b.title = label;
  b.setAttribute('aria-label', label);
  b.setAttribute('aria-pressed', 'false');
  b.append(builtinIcon(icon));
  // Cosmetic only: toggles a muted look.
  b.addEventListener('click', () => {
    const muted = b.classList.toggle('muted');
    b.setAttribute('aria-pressed', String(muted));
  });
  return b;
}

ui.builtins.append(builtinButton('Mute microphone', 'MicOn'), builtinButton('Turn off camera', 'VideoOn'));
ui.leave.prepend(builtinIcon('HangUp'));
ui.join.addEventListener('click', () => meeting.join());
ui.leave.addEventListener('click', () => meeting.leave());
ui.drop.addEventListener('click', () => meeting.drop());
ui.reload.addEventListener('click', () => void reloadPlugins());
meeting.onChange(() => {
  if (!meeting.inMeeting) participants.clear();
  refreshMeeting();
});
participants.onChange(refreshParticipants);
refreshMeeting();
refreshParticipants();

// ---- window.__sim ----------------------------------------------------------

const perFrame = <T>(pick: (f: PluginFrame) => T | undefined): Record<string, T> =>
  Object.fromEntries(
    frames.flatMap((f) => {
      const v = pick(f);
      return v === undefined ? [] : [[f.id, v] as const];
    }),
  );

const sim: SimApi = {
  log,
  counts: () => {
    const counts: Record<string, number> = {};
    for (const { rpc } of log) counts[rpc] = (counts[rpc] ?? 0) + 1;
    return counts;
  },
  buttons: () => toolbar.list(),
  dialOuts,
  rejections,
  errors,
  participants: () => participants.list(),
  emit: (event, payload) => {
    broadcast(event, payload);
    meeting.observe(event);
  },
  reloadPlugins,
  setJoinDelay: (ms) => {
    participants.joinDelay = ms;
  },
  resetLog: () => {
    log.length = 0;
    ui.rpcLog.replaceChildren();
  },
  inMeeting: () => meeting.inMeeting,
  get ready() {
    return ready;
  },
  get synRoundTrip(): Record<string, SynRoundTrip> {
    return perFrame(({ timing: { inserted, syn, ack } }) =>
      syn === undefined || ack === undefined ? undefined : { toSyn: syn - inserted, toAck: ack - inserted },
    );
  },
  get timings(): Record<string, PluginTiming> {
    return perFrame((f) => ({ ...f.timing }));
  },
  onRpc: (listener) => {
    rpcListeners.add(listener);
    return () => rpcListeners.delete(listener);
  },
};
window.__sim = sim;

// ---- start -------------------------------------------------------------------

loadManifest(config.manifestUrl).then(
  (manifest) => {
    createFrames(manifest);
    if (manifest.plugins.length === 0) showError(`Branding manifest ${manifest.url.href} lists no plugins`);
    insertFrames();
  },
  (err: unknown) => {
    showError(err instanceof Error ? err.message : String(err));
    manifestFailed(err);
  },
);
