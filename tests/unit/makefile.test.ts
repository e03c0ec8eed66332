// @vitest-environment node
// The release chain, run for real in a scratch copy of the repository, with npm
// cut off from any registry: after `npm ci` nothing may need the network.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'external-chat-make-'));
const skip = (path: string): boolean => !/(^|\/)(node_modules|dist)(\/|$)|\.zip$|branding\/plugins/.test(path);
for (const item of ['Makefile', 'package.json', 'package-lock.json', 'tsconfig.base.json', 'scripts', 'external-chat', 'host-bridge', 'simulator', 'webapp3', 'examples']) {
  cpSync(join(repo, item), join(work, item), { recursive: true, filter: (src) => skip(src.slice(repo.length)) });
}
symlinkSync(join(repo, 'node_modules'), join(work, 'node_modules'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// An empty cache, offline, and a registry nobody answers: any npm step that wants a package fails.
const npmCache = join(work, '.npm-cache-empty');
const offline = { npm_config_offline: 'true', npm_config_cache: npmCache, npm_config_registry: 'http://127.0.0.1:9/', npm_config_audit: 'false' };

/** `npm` replaced by a recorder, for the steps that must decide whether to run `npm ci` (without running it). */
const fakeBin = join(work, '.fake-bin');
const npmCalls = join(work, '.npm-calls');
mkdirSync(fakeBin);
writeFileSync(join(fakeBin, 'npm'), `#!/bin/sh\necho "npm $*" >> ${JSON.stringify(npmCalls)}\n`);
chmodSync(join(fakeBin, 'npm'), 0o755);
const recordedNpm = (): string[] => (existsSync(npmCalls) ? readFileSync(npmCalls, 'utf8').trim().split('\n') : []);

function run(args: string[], env: Record<string, string> = {}, cwd = work) {
  const result = spawnSync('make', ['--no-print-directory', ...args], { cwd, encoding: 'utf8', env: { ...process.env, MAKEFLAGS: '', ...offline, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
function make(...args: string[]): { stdout: string; stderr: string } {
  const result = run(args);
  if (result.status !== 0) throw new Error(`make ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result;
}
const version = (): string => (JSON.parse(readFileSync(join(work, 'external-chat/package.json'), 'utf8')) as { version: string }).version;
const lockedVersion = (): string =>
  (JSON.parse(readFileSync(join(work, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> }).packages['external-chat']!.version!;
const CONFIG_SOURCE = join(work, 'external-chat/public/config.json');

describe('Makefile', () => {
  it('make (= package) bumps the minor version offline, builds, deploys and zips webapp3/ under the new version', () => {
    const [major, minor] = version().split('.').map(Number) as [number, number];
    make();
    const bumped = `${major}.${minor + 1}.0`;
    expect(version()).toBe(bumped);
    // The lock file's copy of the version follows, so a later `npm install` changes nothing.
    expect(lockedVersion()).toBe(bumped);
    const zip = join(work, `external-chat-v${bumped}.zip`);
    expect(existsSync(zip)).toBe(true);
    const entries = spawnSync('python3', ['-m', 'zipfile', '-l', zip], { encoding: 'utf8' }).stdout;
    expect(entries).toContain('webapp3/branding/manifest.json');
    expect(entries).toContain('webapp3/branding/plugins/external-chat/index.html');
    expect(entries).toContain('webapp3/branding/plugins/external-chat/config.json');
    const deployed = join(work, 'webapp3/branding/plugins/external-chat');
    const jsFiles = readdirSync(deployed, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    expect(jsFiles.length).toBeGreaterThan(0);
    for (const file of jsFiles) expect(entries).toContain(`webapp3/branding/plugins/external-chat/${file}`);
    const built = jsFiles.map((f) => readFileSync(join(deployed, f), 'utf8')).join('\n');
    expect(built).toContain(`loaded v`);
    expect(built).toContain(bumped);
  }, 120_000);

  it('package warns when the packaged config.json has no allowedOrigins: what is on and off, the line to add and where', () => {
    expect(JSON.parse(readFileSync(CONFIG_SOURCE, 'utf8'))).toEqual({});
    const { stderr } = make('package');
    const warnings = stderr.split('\n').filter((line) => line.startsWith('warning:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('webapp3/branding/plugins/external-chat/config.json names no allowedOrigins: on for any page that frames Web App 3: chat, dial-out; off: mute,');
    expect(warnings[0]).toContain('add "allowedOrigins": ["https://portal.example.com"] to external-chat/public/config.json');
  }, 120_000);

  it('package says what is on, for the pages config.json names, without a warning', () => {
    const shipped = readFileSync(CONFIG_SOURCE, 'utf8');
    writeFileSync(CONFIG_SOURCE, '{ "allowedOrigins": ["https://portal.example.com"] }\n');
    try {
      const { stdout, stderr } = make('package');
      expect(stdout).toContain('Packaged external-chat-v');
      expect(stdout).toContain('webapp3/branding/plugins/external-chat/config.json: on for https://portal.example.com: chat, dial-out, mute,');
      expect(stderr).not.toContain('allowedOrigins');
      expect(readFileSync(join(work, 'webapp3/branding/plugins/external-chat/config.json'), 'utf8')).toContain('https://portal.example.com');
    } finally {
      writeFileSync(CONFIG_SOURCE, shipped);
    }
  }, 120_000);

  it('package-same-version zips the current version again without a bump', () => {
    const before = version();
    const { stdout } = make('package-same-version');
    expect(version()).toBe(before);
    expect(lockedVersion()).toBe(before);
    expect(existsSync(join(work, `external-chat-v${before}.zip`))).toBe(true);
    expect(stdout).toContain(`Packaged external-chat-v${before}.zip`);
  }, 120_000);

  it("pack writes host-bridge's and the simulator's tarballs to packs/, leaving nothing new in their folders", () => {
    const before = ['host-bridge', 'simulator'].map((dir) => readdirSync(join(work, dir)).filter((name) => name !== 'dist'));
    make('pack');
    expect(readdirSync(join(work, 'packs')).sort()).toEqual([
      expect.stringMatching(/^external-chat-host-bridge-\d+\.\d+\.\d+\.tgz$/),
      expect.stringMatching(/^external-chat-webapp3-simulator-\d+\.\d+\.\d+\.tgz$/),
    ]);
    expect(['host-bridge', 'simulator'].map((dir) => readdirSync(join(work, dir)).filter((name) => name !== 'dist'))).toEqual(before);
    expect(readFileSync(join(repo, '.gitignore'), 'utf8').split('\n')).toContain('packs/');
  }, 120_000);

  it('clean removes the build and the deployed plugin', () => {
    make('clean');
    expect(existsSync(join(work, 'external-chat/dist'))).toBe(false);
    expect(existsSync(join(work, 'webapp3/branding/plugins/external-chat'))).toBe(false);
    expect(existsSync(join(work, 'webapp3/branding/manifest.json'))).toBe(true);
  });

  it('test, demo and bench never bump the version', () => {
    for (const target of ['test', 'demo', 'bench']) {
      const plan = make('-n', target).stdout;
      expect(plan).not.toContain('npm version');
      expect(plan).toContain('npm run build -w external-chat');
    }
  });

  it('test checks Chromium and mkcert before npm ci and the builds, and names every missing one in one line', () => {
    rmSync(npmCalls, { force: true });
    const result = run(['test'], { PATH: `${fakeBin}:${process.env.PATH}`, CHROMIUM_PATH: join(work, 'no-chromium'), MKCERT_PATH: join(work, 'no-mkcert') });
    expect(result.status).not.toBe(0);
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('missing:'));
    expect(lines).toEqual([
      `missing: chromium (${join(work, 'no-chromium')}), mkcert (${join(work, 'no-mkcert')}) — install with: sudo apt-get install -y chromium mkcert (or set CHROMIUM_PATH / MKCERT_PATH)`,
    ]);
    expect(recordedNpm()).toEqual([]);
  });

  it('install leaves a complete node_modules alone, and runs npm ci after a partial install', () => {
    rmSync(npmCalls, { force: true });
    make('install');
    expect(recordedNpm()).toEqual([]);
    // What `cd external-chat && npm install` leaves: npm's own marker, and one member's packages only.
    const partial = mkdtempSync(join(tmpdir(), 'external-chat-partial-'));
    try {
      for (const item of ['Makefile', 'package.json', 'package-lock.json', 'scripts']) cpSync(join(work, item), join(partial, item), { recursive: true });
      mkdirSync(join(partial, 'node_modules/@pexip/plugin-api'), { recursive: true });
      writeFileSync(join(partial, 'node_modules/.package-lock.json'), '{}');
      cpSync(join(repo, 'node_modules/@pexip/plugin-api/package.json'), join(partial, 'node_modules/@pexip/plugin-api/package.json'));
      const result = run(['install'], { PATH: `${fakeBin}:${process.env.PATH}` }, partial);
      expect(result.status).toBe(0);
      expect(result.stderr).toContain('node_modules does not match package-lock.json');
      expect(recordedNpm()).toEqual(['npm ci']);
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
  });
});
