// @vitest-environment node
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderWireTables } from './wire-tables';

const START = '<!-- wire-tables:start -->';
const END = '<!-- wire-tables:end -->';

describe('README', () => {
  const readme = readFileSync('README.md', 'utf8');

  it('shows the raw-envelope host code exactly as examples/legacy-host/bridge.js runs it', () => {
    const bridge = readFileSync('examples/legacy-host/bridge.js', 'utf8');
    expect(readme).toContain('```js\n' + bridge + '```');
  });

  it('names the two commands of the quick start', () => {
    expect(readme).toMatch(/make demo\s+#/);
    expect(readme).toMatch(/make test\s+#/);
  });

  it("shows the wire as the contract's tables define it (UPDATE_README=1 rewrites them)", () => {
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const expected = `${START}\n${renderWireTables()}\n${END}`;
    if (process.env.UPDATE_README === '1') {
      writeFileSync('README.md', readme.slice(0, start) + expected + readme.slice(end + END.length));
      return expect(readFileSync('README.md', 'utf8')).toContain(expected);
    }
    expect(readme.slice(start, end + END.length)).toBe(expected);
  });
});
