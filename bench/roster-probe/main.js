// `make bench`'s roster probe: the code both ends run for one `roster` message, bundled
// from the sources like the plugin (es2022) and run in the bench page by bench/run.mjs
// (figure 7). The plugin's side: its meeting state's roster, then eventOf (validation
// and encoding). The page's side: host-bridge's decodePluginMessage (validation). The
// posting between them (a structured clone) is measured apart.
import { decodePluginMessage, eventOf } from '@external-chat/host-bridge/contract';
import { createMeetingState } from '../../external-chat/src/roster.ts';

/** Mean ms per message over `n` messages, per round, for a meeting of `participants` (InfinityParticipants). */
window.__rosterProbe = (participants, n, rounds) => {
  const meeting = createMeetingState();
  meeting.apply([{ type: 'all', participants }]);
  const build = () => {
    const envelope = eventOf('roster', { participants: meeting.roster() });
    if (!envelope.ok) throw new Error(`the probe's roster does not validate: ${envelope.error}`);
    return envelope.value;
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
