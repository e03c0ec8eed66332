// @vitest-environment node
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLUGIN_EVENTS, SERVICE_METHODS } from '../../host-bridge/src/contract/internal';
import { renderRocketChatTables, renderWireTables } from './wire-tables';

/** The API reference block, which both READMEs carry word for word. */
function apiBlock(text: string): string {
  const start = text.indexOf('<!-- api:start');
  const end = text.indexOf('<!-- api:end -->');
  expect(start, 'an <!-- api:start --> marker').toBeGreaterThanOrEqual(0);
  expect(end, 'an <!-- api:end --> marker after it').toBeGreaterThan(start);
  return text.slice(start, end);
}

describe('README', () => {
  const readme = readFileSync('README.md', 'utf8');

  it('shows the raw-envelope host code exactly as examples/legacy-host/bridge.js runs it', () => {
    const bridge = readFileSync('examples/legacy-host/bridge.js', 'utf8');
    expect(readme).toContain('```js\n' + bridge + '```');
  });

  it('shows the original host snippet exactly as the browser test runs it', () => {
    const snippet = readFileSync('tests/browser/fixtures/original-host/original-snippet.js', 'utf8');
    expect(readme).toContain('```js\n' + snippet + '```');
  });

  it('names the two commands of the quick start', () => {
    expect(readme).toMatch(/make demo\s+#/);
    expect(readme).toMatch(/make test\s+#/);
  });

  it.each([
    ['wire-tables', renderWireTables],
    ['rocketchat-tables', renderRocketChatTables],
  ])("shows the %s block as the contract's tables define it (UPDATE_README=1 rewrites it)", (name, render) => {
    const START = `<!-- ${name}:start -->`;
    const END = `<!-- ${name}:end -->`;
    const text = readFileSync('README.md', 'utf8');
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const expected = `${START}\n${render()}\n${END}`;
    if (process.env.UPDATE_README === '1') {
      writeFileSync('README.md', text.slice(0, start) + expected + text.slice(end + END.length));
      return expect(readFileSync('README.md', 'utf8')).toContain(expected);
    }
    expect(text.slice(start, end + END.length)).toBe(expected);
  });

  it("holds the same API reference as host-bridge's own README", () => {
    expect(apiBlock(readme)).toBe(apiBlock(readFileSync('host-bridge/README.md', 'utf8')));
  });

  it('documents every method and every event of the tables in the API reference', () => {
    const api = apiBlock(readme);
    for (const method of SERVICE_METHODS) expect(api, `a row for ${method}()`).toContain(`| \`${method}(`);
    const on = api.split('\n').find((line) => line.startsWith('| `on(event, handler)`')) ?? '';
    for (const event of ['ready', ...PLUGIN_EVENTS]) expect(on, `the on() row naming '${event}'`).toContain(`\`${event}\``);
  });
});
