// The bench's top window (host origin). bench/run.mjs drives it through window.__bench.
// ?webapp=<simulator URL>. Every measured variant runs with the same listeners
// present: this page's own `message` listener and (after connect()) the bridge's.
'use strict';
(() => {
  const PREFIX = 'pexip:plugin:external-chat/';
  const BODY = { role: 'GUEST', destination: 'bench@example.com', protocol: 'sip' };
  const webappUrl = new URL(new URLSearchParams(location.search).get('webapp'));
  const webappOrigin = webappUrl.origin;
  const iframe = document.getElementById('webapp3');

  let pluginWindow = null;
  let relayWindow = null;
  /** key → resolve; one entry per call in flight */
  const waiters = new Map();
  const waitFor = (key) => new Promise((resolve) => waiters.set(key, resolve));
  const settle = (key, data) => {
    const resolve = waiters.get(key);
    if (resolve) {
      waiters.delete(key);
      resolve(data);
    }
  };
  /** ui:button:update RPCs the simulator reports back (see installSimHook in run.mjs) */
  let onSimRpc = null;

  window.addEventListener('message', (event) => {
    if (event.origin !== webappOrigin) return;
    const d = event.data;
    if (typeof d !== 'object' || d === null) return;
    if (d.action === PREFIX + 'dial-out-success' || d.action === PREFIX + 'dial-out-error') settle('dial:' + d.requestId, d);
    else if (d.simRpc !== undefined) onSimRpc?.(d);
    else if (d.relay === 'dialed' || d.relay === 'dial-failed') settle('relay:' + d.n, d);
    else if (d.relay === 'echo') settle('relayEcho:' + d.n, d);
    else if (d.simEcho !== undefined) settle('simEcho:' + d.simEcho, d);
    else if (d.action === PREFIX + 'ready') pluginWindow = event.source;
    else if (d.relay === 'ready') relayWindow = event.source;
  });
  iframe.src = webappUrl.href;

  let chat = null;
  let seq = 0;

  // ---- one call of each variant (sequential use only) -------------------------

  const dialRaw = async () => {
    const requestId = `bench-${++seq}`;
    const reply = waitFor('dial:' + requestId);
    pluginWindow.postMessage({ action: PREFIX + 'dial-out', ...BODY, requestId }, webappOrigin);
    const d = await reply;
    if (d.action !== PREFIX + 'dial-out-success') throw new Error(`raw dial-out failed: ${JSON.stringify(d)}`);
  };
  const dialBridge = () => chat.dialOut(BODY);
  const dialRelay = async () => {
    const n = ++seq;
    const reply = waitFor('relay:' + n);
    relayWindow.postMessage({ relay: 'dial', body: BODY, n }, webappOrigin);
    const d = await reply;
    if (d.relay !== 'dialed') throw new Error(`relay dial failed: ${JSON.stringify(d)}`);
  };
  const echoSim = () => {
    const n = ++seq;
    const reply = waitFor('simEcho:' + n);
    iframe.contentWindow.postMessage({ simEcho: n }, webappOrigin);
    return reply;
  };
  const echoRelay = () => {
    const n = ++seq;
    const reply = waitFor('relayEcho:' + n);
    relayWindow.postMessage({ relay: 'echo', n }, webappOrigin);
    return reply;
  };

  // Button commands: the state the simulator shows last, and a wait for its next update.
  const shown = { badge: false, active: false };
  let nextUpdate = null;
  const expectUpdate = () =>
    new Promise((resolve) => {
      nextUpdate = resolve;
    });
  const trackUpdates = (d) => {
    const p = d.payload ?? {};
    shown.badge = p.badge?.isVisible === true;
    shown.active = p.isActive === true;
    const resolve = nextUpdate;
    nextUpdate = null;
    resolve?.(d);
  };
  const RAW_ACTION = { badge: 'toggle-chat-badge', active: 'toggle-chat-button-state' };
  const RAW_FIELD = { badge: 'visible', active: 'active' };
  /** Flip `what` (badge | active) and wait until the simulator rendered it. */
  const command = (what, via) => async () => {
    const value = !shown[what];
    const update = expectUpdate();
    if (via === 'raw') {
      pluginWindow.postMessage({ action: PREFIX + RAW_ACTION[what], [RAW_FIELD[what]]: value }, webappOrigin);
    } else {
      await (what === 'badge' ? chat.setBadge(value) : chat.setButtonActive(value));
    }
    await update;
    if (shown[what] !== value) throw new Error(`${what} ${via}: simulator shows ${shown[what]}, expected ${value}`);
  };

  const VARIANTS = {
    dialRaw,
    dialBridge,
    dialRelay,
    echoSim,
    echoRelay,
    badgeRaw: command('badge', 'raw'),
    badgeBridge: command('badge', 'bridge'),
    activeRaw: command('active', 'raw'),
    activeBridge: command('active', 'bridge'),
  };

  window.__bench = {
    webappOrigin,
    /** Connected: this page knows the plugin's and the relay's windows. */
    found: () => pluginWindow !== null && (relayWindow !== null || !webappUrl.searchParams.has('relay')),
    connect(options = {}) {
      chat = ExternalChatBridge.connectExternalChat(iframe, { webappOrigin, ...options });
      return chat.ready;
    },
    close: () => chat.close(),
    /** Start listening for the simulator's reports of ui:button:update. */
    watchButton() {
      onSimRpc = trackUpdates;
    },
    /** Mean ms per call over `n` sequential calls of `variant`. */
    async time(variant, n) {
      const once = VARIANTS[variant];
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await once();
      return (performance.now() - t0) / n;
    },

    /**
     * `n` (even) alternating badge commands as raw envelopes in one task: the first
     * one flips the badge, the last one flips it back. The plugin must show the flip
     * and then the final state, so at least two updates: the hard case for coalescing.
     * Settled when a dial-out probe posted after them has been answered (the plugin
     * has handled every command), the final state is shown, and `quietMs` passed
     * without another update.
     */
    async burst(n, quietMs) {
      const final = shown.badge;
      const updates = [];
      let lastUpdate = 0;
      onSimRpc = (d) => {
        trackUpdates(d);
        lastUpdate = performance.now();
        updates.push({ t: lastUpdate, badge: shown.badge });
      };
      for (let i = 0; i < n; i++) {
        const visible = i % 2 === 0 ? !final : final;
        pluginWindow.postMessage({ action: PREFIX + 'toggle-chat-badge', visible }, webappOrigin);
      }
      // Handled in order after the burst; refused at once by the simulator (fail…), no side effects.
      const requestId = `burst-probe-${++seq}`;
      const probe = waitFor('dial:' + requestId);
      pluginWindow.postMessage({ action: PREFIX + 'dial-out', ...BODY, destination: 'fail-probe@example.com', requestId }, webappOrigin);
      await probe;
      const deadline = performance.now() + 5000;
      while ((updates.length < 2 || performance.now() - lastUpdate < quietMs) && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, quietMs / 4));
      }
      onSimRpc = trackUpdates;
      return { updates: updates.length, finalShown: shown.badge === final && updates.length >= 2 };
    },

    /** Baseline for the burst: `n` messages the relay ignores, then an echo; last posted → echo back. */
    async relayDrain(n) {
      for (let i = 0; i < n; i++) relayWindow.postMessage({ relay: 'noop', visible: i % 2 === 0 }, webappOrigin);
      const last = performance.now();
      await echoRelay();
      return performance.now() - last;
    },

    /** Absolute time (ms since the epoch, sub-ms) of the next `ready` at the bridge. */
    nextReady() {
      return new Promise((resolve) => {
        const off = chat.on('ready', () => {
          off();
          resolve(performance.timeOrigin + performance.now());
        });
      });
    },

    /**
     * `total` settled calls through the bridge, `concurrency` at a time: dial-outs the
     * simulator refuses at once (destination fail…) alternating with setBadge.
     */
    async churn(total, concurrency) {
      let issued = 0;
      let settled = 0;
      let dialErrors = 0;
      let other = 0;
      let badge = false;
      for (let i = 0; i < total; i += concurrency) {
        const batch = [];
        for (let j = i; j < Math.min(total, i + concurrency); j++) {
          issued++;
          if (j % 2 === 0) {
            batch.push(
              chat.dialOut({ ...BODY, destination: `fail-${j}@example.com` }).then(
                () => {
                  other++;
                },
                (error) => {
                  if (error?.name === 'DialOutError') dialErrors++;
                  else other++;
                },
              ),
            );
          } else {
            badge = !badge;
            batch.push(chat.setBadge(badge).catch(() => other++));
          }
        }
        await Promise.all(batch.map((p) => p.then(() => settled++)));
      }
      return { issued, settled, dialErrors, other };
    },
  };
})();
