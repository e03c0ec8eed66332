// @vitest-environment node
// The release chain, run for real in a scratch copy of the repository.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'external-chat-make-'));
const skip = (path: string): boolean => !/(^|\/)(node_modules|dist)(\/|$)|\.zip$|branding\/plugins/.test(path);
for (const item of ['Makefile', 'package.json', 'package-lock.json', 'tsconfig.base.json', 'external-chat', 'host-bridge', 'webapp3', 'examples']) {
  cpSync(join(repo, item), join(work, item), { recursive: true, filter: (src) => skip(src.slice(repo.length)) });
}
symlinkSync(join(repo, 'node_modules'), join(work, 'node_modules'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const make = (...args: string[]): string =>
  execFileSync('make', ['--no-print-directory', ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, MAKEFLAGS: '' } });
const version = (): string => (JSON.parse(readFileSync(join(work, 'external-chat/package.json'), 'utf8')) as { version: string }).version;

describe('Makefile', () => {
  it('make (= package) bumps the minor version, builds, deploys and zips webapp3/ under the new version', () => {
    const [major, minor] = version().split('.').map(Number) as [number, number];
    make();
    const bumped = `${major}.${minor + 1}.0`;
    expect(version()).toBe(bumped);
    const zip = join(work, `external-chat-v${bumped}.zip`);
    expect(existsSync(zip)).toBe(true);
    const entries = execFileSync('python3', ['-m', 'zipfile', '-l', zip], { encoding: 'utf8' });
    expect(entries).toContain('webapp3/branding/manifest.json');
    expect(entries).toContain('webapp3/branding/plugins/external-chat/index.html');
    expect(entries).toMatch(/webapp3\/branding\/plugins\/external-chat\/assets\/index-[\w-]+\.js/);
    const built = readFileSync(join(work, 'webapp3/branding/plugins/external-chat/assets', execFileSync('ls', [join(work, 'external-chat/dist/assets')], { encoding: 'utf8' }).trim()), 'utf8');
    expect(built).toContain(`loaded v`);
    expect(built).toContain(bumped);
  }, 120_000);

  it('clean removes the build and the deployed plugin', () => {
    make('clean');
    expect(existsSync(join(work, 'external-chat/dist'))).toBe(false);
    expect(existsSync(join(work, 'webapp3/branding/plugins/external-chat'))).toBe(false);
    expect(existsSync(join(work, 'webapp3/branding/manifest.json'))).toBe(true);
  });

  it('test, demo and bench never bump the version', () => {
    for (const target of ['test', 'demo', 'bench']) {
      const plan = make('-n', target);
      expect(plan).not.toContain('npm version');
      expect(plan).toContain('npm run build -w external-chat');
    }
  });
});
