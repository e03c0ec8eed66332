// Build time: the fingerprint of relay.js's `init`, as the browser will print its source text. The
// plugin uses a relay only from an init that matches (relay.ts): code that defined `init` on the
// element before relay.js ran is not relay.js.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { fingerprint } from './src/fingerprint.ts';

export function relayInitFingerprint(file: string): string {
  // No fields: relay.js runs only on an element that has no `init` yet.
  class HTMLScriptElement {}
  const script = new HTMLScriptElement() as { init?: (prefix: string, targets: string[]) => unknown };
  const top = {};
  // Just enough of a Web App 3 document for relay.js to leave its init on the element.
  runInNewContext(readFileSync(file, 'utf8'), { document: { currentScript: script }, HTMLScriptElement, window: { top }, Object, Array });
  const init = script.init;
  if (typeof init !== 'function' || typeof init('fingerprint:', ['*']) !== 'function') throw new Error(`${file} did not leave an init that hands out a relay, as relay.ts expects`);
  return fingerprint(Function.prototype.toString.call(init));
}
