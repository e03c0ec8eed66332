// @vitest-environment node
// host-bridge as a stranger gets it: `npm pack` of the built package, unpacked
// into a scratch project with nothing but the dependencies its manifest
// declares (linked from this workspace: no registry), then a strict consumer
// typechecked under each moduleResolution a project may use.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const PACKAGE = join(ROOT, 'host-bridge');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

let scratch: string;
let installed: string;
let packedFiles: string[];

beforeAll(async () => {
  if (!existsSync(join(PACKAGE, 'dist/index.d.ts')) || !existsSync(join(PACKAGE, 'dist/host-bridge.iife.d.ts'))) {
    throw new Error('host-bridge/dist is missing or stale: run `npm run build -w host-bridge` (or `make test`, which builds it) first.');
  }
  scratch = await mkdtemp(join(tmpdir(), 'host-bridge-consumer-'));
  // --ignore-scripts: packing must never build or fetch anything.
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { cwd: PACKAGE });
  const [pack] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
  packedFiles = pack.files.map((f) => f.path);
  installed = join(scratch, 'node_modules/@external-chat/host-bridge');
  await mkdir(installed, { recursive: true });
  await run('tar', ['-xzf', join(scratch, pack.filename), '-C', installed, '--strip-components=1']);
  // What `npm install <tarball>` would add: the declared dependencies, and nothing else.
  const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    await mkdir(dirname(join(scratch, 'node_modules', name)), { recursive: true });
    await symlink(join(ROOT, 'node_modules', name), join(scratch, 'node_modules', name), 'dir');
  }
  await writeFile(join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  for (const [name, source] of Object.entries(CONSUMER)) await writeFile(join(scratch, name), source);
  for (const [name, options] of Object.entries(MODES)) {
    const compilerOptions = { ...STRICT, ...options };
    await writeFile(join(scratch, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions, files: Object.keys(CONSUMER) }));
  }
}, 60_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const STRICT = {
  strict: true,
  noEmit: true,
  skipLibCheck: false,
  // TypeScript's own lib files only: the package's declarations are still checked.
  skipDefaultLibCheck: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  lib: ['ES2022', 'DOM'],
  target: 'ES2022',
  types: [],
};
const MODES = {
  nodenext: { module: 'NodeNext', moduleResolution: 'NodeNext' },
  node16: { module: 'Node16', moduleResolution: 'Node16' },
  bundler: { module: 'ESNext', moduleResolution: 'Bundler' },
};

/** A consumer that fails to typecheck if a type is missing, `any`, or too loose. */
const CONSUMER = {
  'exact.ts': `
export type Exactly<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export const assert = <T extends true>(): T | undefined => undefined;
`,
  'consumer.ts': `
import {
  CallInterruptedError,
  connectExternalChat,
  ControlError,
  DialOutError,
  FeatureUnavailableError,
  InvalidParamsError,
  TimeoutError,
  type BridgeErrorCode,
  type DialOutBody,
  type DialOutResult,
  type ErrorCode,
  type ExternalChat,
  type MeetingMessage,
  type RosterChange,
  type RosterEntry,
} from '@external-chat/host-bridge';
import { action, ERROR_CODES, validateDialBody } from '@external-chat/host-bridge/contract';
// @ts-expect-error: the plugin's machinery is not published
import { pluginCodec } from '@external-chat/host-bridge/internal';
import { assert, type Exactly } from './exact.js';
void pluginCodec;

const iframe = document.createElement('iframe');
const chat: ExternalChat = connectExternalChat(iframe, { webappOrigin: 'https://pexip.example.com', connectTimeoutMs: 10_000 });

chat.on('toggle-chat', (payload) => {
  assert<Exactly<typeof payload, { active: boolean }>>();
  void chat.setButtonActive(payload.active, { timeoutMs: 1000 });
});
chat.on('disconnected', ({ userInitiated, error }) => {
  assert<Exactly<typeof userInitiated, boolean>>();
  assert<Exactly<typeof error, string | undefined>>();
});
// @ts-expect-error: not an event
chat.on('nope', () => undefined);

chat.on('roster', ({ participants, change }) => {
  // The whole list, frozen (as it always was at run time); the change it was built from, when it came as one.
  assert<Exactly<typeof participants, readonly RosterEntry[]>>();
  assert<Exactly<typeof change, RosterChange | undefined>>();
  if (change && !change.snapshot) assert<Exactly<typeof change.removed, string[]>>();
  const [first] = participants;
  if (first) assert<Exactly<typeof first.can.mute, boolean>>();
});
chat.on('self', (self) => assert<Exactly<typeof self.participantUuid, string>>());
assert<Exactly<typeof chat.features, readonly string[]>>();
assert<Exactly<typeof chat.connected, boolean>>();
export async function panel(uuid: string): Promise<string> {
  try {
    await chat.mute(uuid, true, { timeoutMs: 5000 });
    await chat.transfer(uuid, { alias: 'room@example.com', role: 'guest' });
    return 'ok';
  } catch (error: unknown) {
    if (error instanceof ControlError) {
      assert<Exactly<typeof error.code, ErrorCode>>();
      return error.code === 'unknown-participant' ? 'gone' : error.action;
    }
    if (error instanceof FeatureUnavailableError) return error.feature;
    throw error;
  }
}
// @ts-expect-error: Infinity's 'chair' is 'host' on this wire
void chat.setRole('p', 'chair');
// @ts-expect-error: mute takes the participant and the state
void chat.mute(true);
chat.on('meeting-message', (message) => {
  assert<Exactly<typeof message, MeetingMessage>>();
  assert<Exactly<typeof message.direct, boolean>>();
  void chat.sendMeetingMessage('Re: ' + message.text, { participantUuid: message.participantUuid, timeoutMs: 5000 });
});
void chat.setBadge(3);
void chat.notify('Jane Doe: are you there?');
// @ts-expect-error: the participant goes in the options
void chat.sendMeetingMessage('hi', 'p1');

const body: DialOutBody = { role: 'GUEST', destination: 'alice@example.com', protocol: 'sip' };
// @ts-expect-error: not a protocol Infinity dials
const pigeon: DialOutBody = { role: 'GUEST', destination: 'alice@example.com', protocol: 'carrier-pigeon' };
void pigeon;
assert<Exactly<DialOutBody['protocol'], 'sip' | 'h323' | 'rtmp' | 'mssip' | 'auto'>>();
// @ts-expect-error: the signal must be an AbortSignal
void chat.dialOut(body, { signal: 'x' });

export async function dial(): Promise<string> {
  try {
    const result = await chat.dialOut(body, { signal: new AbortController().signal });
    assert<Exactly<typeof result, DialOutResult>>();
    assert<Exactly<typeof result.uuid, string>>();
    return result.uuid;
  } catch (error: unknown) {
    if (error instanceof CallInterruptedError) {
      assert<Exactly<typeof error.reason, 'closed' | 'plugin-restarted'>>();
      return error.reason;
    }
    if (error instanceof DialOutError || error instanceof TimeoutError || error instanceof InvalidParamsError) {
      assert<Exactly<typeof error.message, string>>();
      const code: BridgeErrorCode = error.code;
      return code;
    }
    throw error;
  }
}

assert<Exactly<ReturnType<typeof action<'dial-out'>>, 'pexip:plugin:external-chat/dial-out'>>();
assert<Exactly<(typeof ERROR_CODES)[number], ErrorCode>>();
const checked = validateDialBody({});
if (checked.ok) assert<Exactly<typeof checked.value, DialOutBody>>();
`,
  'global.ts': `
/// <reference types="@external-chat/host-bridge/browser" />
import { assert, type Exactly } from './exact.js';
import type { connectExternalChat } from '@external-chat/host-bridge';

assert<Exactly<typeof ExternalChatBridge.connectExternalChat, typeof connectExternalChat>>();
const chat = ExternalChatBridge.connectExternalChat(document.createElement('iframe'), { webappOrigin: 'https://pexip.example.com' });
chat.on('toggle-chat', ({ active }) => assert<Exactly<typeof active, boolean>>());
export const isDialOutError = (error: unknown): boolean => error instanceof ExternalChatBridge.DialOutError;
`,
};

describe('the packed host-bridge', () => {
  it('holds the README, the LICENSE, the built entries and their types, and no sources', () => {
    for (const file of ['README.md', 'LICENSE', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/contract/index.js', 'dist/contract/index.d.ts', 'dist/host-bridge.iife.js', 'dist/host-bridge.iife.d.ts']) {
      expect(packedFiles).toContain(file);
    }
    expect(packedFiles.filter((f) => f.startsWith('src/') || f.endsWith('.test.js') || f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('imports, in its JavaScript and its declarations, only the packages its manifest declares', async () => {
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    const declared = new Set(Object.keys(manifest.dependencies ?? {}));
    const imported = new Map<string, string>();
    for (const file of packedFiles.filter((f) => /\.(m?js|d\.ts)$/.test(f))) {
      const text = await readFile(join(installed, file), 'utf8');
      for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const specifier = match[1]!;
        if (specifier.startsWith('.')) continue;
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
        if (name !== '@external-chat/host-bridge') imported.set(name, file);
      }
    }
    expect([...imported].filter(([name]) => !declared.has(name))).toEqual([]);
    // Pexip's API package only checks the dial body at build time: it must not reach the bundle.
    expect([...imported.keys()]).not.toContain('@pexip/infinity-api');
  });

  it("exports the contract, and not the plugin's machinery, to Node", async () => {
    const probe = join(scratch, 'probe.mjs');
    await writeFile(
      probe,
      `const contract = await import('@external-chat/host-bridge/contract');
const internal = await import('@external-chat/host-bridge/internal').then(() => 'imported', (error) => error.code);
console.log(JSON.stringify({ codes: contract.ERROR_CODES, pluginCodec: typeof contract.pluginCodec, internal }));`,
    );
    const { stdout } = await run(process.execPath, [probe], { cwd: scratch });
    expect(JSON.parse(stdout)).toEqual({
      codes: ['invalid-params', 'feature-off', 'rate-limited', 'unknown-participant', 'refused', 'timeout', 'failed'],
      pluginCodec: 'undefined',
      internal: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    });
  });

  it.concurrent.each(Object.keys(MODES))('typechecks a strict consumer under moduleResolution %s', async (mode) => {
    const result = await run(process.execPath, [TSC, '-p', `tsconfig.${mode}.json`], { cwd: scratch }).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string; message: string }) => error.stdout || error.message,
    );
    expect(result).toBe('');
  }, 60_000);
});
