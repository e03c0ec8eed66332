// `make bench`'s roster probe: the code both ends run for one `roster` message, bundled
// from the sources like the plugin (es2022) and run in the bench page by figure 7
// (bench/figures/7-roster.mjs). The plugin's side: its service's roster snapshot sent
// by its topics module, as on a subscribe (the entries were checked when they changed, so this is
// the list and the envelope). The page's side: host-bridge's decodePluginMessage
// (validation). The posting between them (a structured clone) is measured apart.
// The plugin's codec and dialect are the contract's internals (./internal, this workspace only).
import { decodePluginMessage, EXTERNAL_CHAT, pluginCodec } from '@external-chat/host-bridge/internal';
import { createService } from '../../external-chat/src/service.ts';
import { createTopics } from '../../external-chat/src/topics.ts';

const nothing = () => undefined;

/** Mean ms per message over `n` messages, per round, for a meeting of `participants` (InfinityParticipants). */
window.__rosterProbe = (participants, n, rounds) => {
  let onParticipants = nothing;
  const webapp = {
    updateButton: async () => undefined,
    dialOut: async () => ({ uuid: 'none' }),
    control: async () => undefined,
    onButtonClick: nothing,
    onConnected: nothing,
    onDisconnected: nothing,
    onParticipants: (handler) => void (onParticipants = handler),
    onMe: nothing,
    onMessage: nothing,
    onLanguage: nothing,
    participantsNow: async () => undefined,
  };
  const service = createService(webapp, nothing);
  onParticipants([{ type: 'all', participants }]);
  let sent;
  const clock = { now: () => 0, setTimeout: () => 0, clearTimeout: nothing };
  const topics = createTopics({ service, codec: pluginCodec(EXTERNAL_CHAT), post: (envelope) => void (sent = envelope), warn: nothing, isOn: () => true, whyOff: String, clock });
  // A subscribe sends the whole list at once: the path every whole roster message takes. (Subscribing again
  // would be coalesced: the page unsubscribes first.)
  const build = () => {
    topics.subscribe(['roster'], true);
    topics.subscribe(['roster'], false);
    return sent;
  };
  // What the page receives: a copy, as postMessage makes one.
  const received = structuredClone(build());
  const decode = () => {
    const inbound = decodePluginMessage(received);
    if (inbound.kind !== 'message') throw new Error(`the page refuses the probe's roster: ${JSON.stringify(inbound).slice(0, 200)}`);
  };
  const block = (run) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) run();
    return (performance.now() - t0) / n;
  };
  block(build);
  block(decode);
  const out = { build: [], decode: [], entries: received.participants.length };
  for (let round = 0; round < rounds; round++) {
    out.build.push(block(build));
    out.decode.push(block(decode));
  }
  return out;
};
