// @vitest-environment node
// The documentation as a reader meets it: the README a front door, docs/ by audience with no page too
// long and nothing said twice, every link landing, and the generated parts equal to what generates them.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLUGIN_EVENTS, SERVICE_METHODS } from '../../host-bridge/src/contract/internal';
import { renderRocketChatTables, renderWireTables } from './wire-tables';

const DOCS = readdirSync('docs').filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`);
const PAGES = ['README.md', ...DOCS, 'host-bridge/README.md', 'simulator/README.md', 'simulator/BEHAVIOUR.md', 'simulator/LEDGER.md', 'bench/README.md', 'bench/RESULTS.md'];
const read = (path: string): string => readFileSync(path, 'utf8');

/** The text outside fenced code blocks, line by line (`null` for a line inside one). */
const prose = (text: string): (string | null)[] => {
  let fenced = false;
  return text.split('\n').map((line) => {
    if (line.startsWith('```')) {
      fenced = !fenced;
      return null;
    }
    return fenced ? null : line;
  });
};

/** GitHub's anchor for a heading: lower case, punctuation but hyphens dropped, spaces as hyphens. */
const slug = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

const anchorsOf = (text: string): Set<string> => {
  const anchors = new Set<string>();
  for (const line of prose(text)) {
    const heading = line?.match(/^#{1,6} (.*)$/)?.[1];
    if (heading !== undefined) anchors.add(slug(heading));
    for (const [, id] of line?.matchAll(/<a id="([^"]+)"/g) ?? []) anchors.add(id!);
  }
  return anchors;
};

/** Between `<!-- name:start …-->` and `<!-- name:end -->`. */
function block(text: string, name: string): string {
  const start = text.indexOf(`<!-- ${name}:start`);
  const end = text.indexOf(`<!-- ${name}:end -->`);
  expect(start, `a <!-- ${name}:start --> marker`).toBeGreaterThanOrEqual(0);
  expect(end, `a <!-- ${name}:end --> marker after it`).toBeGreaterThan(start);
  return text.slice(start, end);
}

describe('the README is the front door', () => {
  const readme = read('README.md');

  it('fits in 250 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(250);
  });

  it('says in its first 100 lines what it is, how to run it, the code for a page and where deployment is described', () => {
    const first = readme.split('\n').slice(0, 100).join('\n');
    expect(first).toContain('hidden iframe: the external-chat plugin');
    expect(first).toMatch(/make demo\s+#/);
    expect(first).toMatch(/make test\s+#/);
    expect(first).toContain('connectExternalChat(');
    expect(first).toContain('(docs/deploying.md)');
  });

  it('holds one complete first page, with the iframe, its src and its allow attribute', () => {
    const page = block(readme, 'first-page');
    expect(page).toContain('<!doctype html>');
    expect(page).toMatch(/<iframe[^>]*\ssrc="https:\/\/[^"]+"[^>]*\sallow="camera; microphone; display-capture/s);
    expect(page).toContain('<script src="host-bridge.iife.js"></script>');
  });
});

describe('docs/', () => {
  it.each(PAGES.filter((path) => path !== 'README.md'))('%s stays short enough to read at once (≤ 400 lines)', (path) => {
    expect(read(path).split('\n').length).toBeLessThanOrEqual(400);
  });

  it.each(PAGES)('every relative link in %s lands on a file, and on a heading there', (path) => {
    const broken: string[] = [];
    for (const line of prose(read(path))) {
      for (const [, target] of line?.matchAll(/\]\(([^)\s]+)\)/g) ?? []) {
        if (/^[a-z]+:/.test(target!)) continue;
        const [file, anchor] = target!.split('#') as [string, string | undefined];
        const resolved = file === '' ? path : normalize(join(dirname(path), file));
        if (!existsSync(resolved)) broken.push(`${target} (no ${resolved})`);
        else if (anchor !== undefined && resolved.endsWith('.md') && !anchorsOf(read(resolved)).has(anchor)) broken.push(`${target} (no heading #${anchor} in ${resolved})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('says nothing twice: no paragraph of prose appears on two pages', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const path of PAGES) {
      const paragraphs = prose(read(path))
        .map((line) => line ?? '')
        .join('\n')
        .split(/\n\s*\n/)
        .map((p) => p.replace(/\s+/g, ' ').trim())
        .filter((p) => p.length >= 160 && !p.startsWith('|') && !p.startsWith('<!--'));
      for (const paragraph of new Set(paragraphs)) {
        const other = seen.get(paragraph);
        if (other !== undefined && other !== path) twice.push(`${other} and ${path}: ${paragraph.slice(0, 80)}…`);
        seen.set(paragraph, path);
      }
    }
    expect(twice).toEqual([]);
  });

  it('defines the words the project uses', () => {
    const glossary = read('docs/glossary.md');
    for (const word of ['envelope', 'state', 'request', 'control', 'topic', 'feature', 'dialect', 'relay', 'self', 'roster']) {
      expect(glossary, `a definition of '${word}'`).toMatch(new RegExp(`^\\*\\*${word}\\*\\*`, 'im'));
    }
  });
});

describe('what the docs show is what runs', () => {
  it('shows the raw-envelope host code exactly as examples/legacy-host/bridge.js runs it', () => {
    expect(read('docs/other-hosts.md')).toContain('```js\n' + read('examples/legacy-host/bridge.js') + '```');
  });

  it('shows the original host snippet and the roster keeper exactly as the browser tests run them', () => {
    expect(read('docs/other-hosts.md')).toContain('```js\n' + read('tests/browser/fixtures/original-host/original-snippet.js') + '```');
    expect(read('docs/other-hosts.md')).toContain('```js\n' + read('tests/browser/fixtures/raw-roster/keep-roster.js') + '```');
  });

  it.each([
    ['wire-tables', renderWireTables],
    ['rocketchat-tables', renderRocketChatTables],
  ])("shows the %s block in docs/wire.md as the contract's tables define it (UPDATE_DOCS=1 rewrites it)", (name, render) => {
    const START = `<!-- ${name}:start -->`;
    const END = `<!-- ${name}:end -->`;
    const text = read('docs/wire.md');
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const expected = `${START}\n${render()}\n${END}`;
    if (process.env.UPDATE_DOCS === '1') {
      writeFileSync('docs/wire.md', text.slice(0, start) + expected + text.slice(end + END.length));
      return expect(read('docs/wire.md')).toContain(expected);
    }
    expect(text.slice(start, end + END.length)).toBe(expected);
  });

  it("keeps the API reference in one place, host-bridge's README, with a row for every method and every event", () => {
    for (const path of PAGES.filter((p) => p !== 'host-bridge/README.md')) expect(read(path), path).not.toContain('<!-- api:start');
    const api = block(read('host-bridge/README.md'), 'api');
    for (const method of SERVICE_METHODS) expect(api, `a row for ${method}()`).toContain(`| \`${method}(`);
    const on = api.split('\n').find((line) => line.startsWith('| `on(event, handler)`')) ?? '';
    for (const event of ['ready', ...PLUGIN_EVENTS]) expect(on, `the on() row naming '${event}'`).toContain(`\`${event}\``);
  });
});
