// @vitest-environment node
// The Makefile's helpers: is node_modules complete, are Chromium and mkcert
// there, and does the packaged config.json gate origins.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEATURES as CONTRACT_FEATURES, LEGACY_FEATURES } from '@external-chat/host-bridge/contract';
import { configReport, FEATURES, OPEN_FEATURES } from '../../scripts/config-warning.mjs';
import { currentPlatform, missingPackages, type LockEntry } from '../../scripts/installed.mjs';
import { missingMessage, missingPrerequisites, PREREQUISITES } from '../../scripts/prerequisites.mjs';

describe('installed: node_modules against package-lock.json', () => {
  const linuxX64 = { os: 'linux', cpu: 'x64', libc: 'glibc' };
  const lock: { packages: Record<string, LockEntry> } = {
    packages: {
      '': {},
      'external-chat': { version: '1.0.0' },
      'node_modules/external-chat': { link: true },
      'node_modules/vite': { version: '8.3.8' },
      'node_modules/vite/node_modules/picomatch': { version: '4.0.3' },
      'node_modules/@rolldown/binding-linux-x64-gnu': { version: '1.2.19', optional: true, os: ['linux'], cpu: ['x64'], libc: ['glibc'] },
      'node_modules/@rolldown/binding-linux-x64-musl': { version: '1.2.19', optional: true, os: ['linux'], cpu: ['x64'], libc: ['musl'] },
      'node_modules/@rolldown/binding-darwin-arm64': { version: '1.2.19', optional: true, os: ['darwin'], cpu: ['arm64'] },
      // A dependency of the wasm fallback only: npm skips it on a machine with a native binding.
      'node_modules/@tybys/wasm-util': { version: '0.10.5', optional: true },
    },
  };
  const complete: Record<string, { version?: string }> = {
    'node_modules/external-chat': { version: '1.1.0' },
    'node_modules/vite': { version: '8.3.8' },
    'node_modules/vite/node_modules/picomatch': { version: '4.0.3' },
    'node_modules/@rolldown/binding-linux-x64-gnu': { version: '1.2.19' },
  };
  const reader = (installed: Record<string, { version?: string }>) => (path: string) => installed[path];

  it('accepts everything locked for this machine, at its version (workspace links by presence)', () => {
    expect(missingPackages(lock, reader(complete), linuxX64)).toEqual([]);
  });

  it('names what a partial install left out, including nested packages and this machine\'s native binding', () => {
    const { 'node_modules/vite': _vite, 'node_modules/vite/node_modules/picomatch': _pm, 'node_modules/@rolldown/binding-linux-x64-gnu': _b, ...partial } = complete;
    expect(missingPackages(lock, reader(partial), linuxX64)).toEqual([
      'vite@8.3.8 (not installed)',
      'picomatch@4.0.3 (not installed)',
      '@rolldown/binding-linux-x64-gnu@1.2.19 (not installed)',
    ]);
  });

  it('names a package installed at another version than the lock, and a missing workspace link', () => {
    const stale = { ...complete, 'node_modules/vite': { version: '8.0.0' } };
    const { 'node_modules/external-chat': _link, ...unlinked } = complete;
    expect(missingPackages(lock, reader(stale), linuxX64)).toEqual(['vite@8.3.8 (found 8.0.0)']);
    expect(missingPackages(lock, reader(unlinked), linuxX64)).toEqual(['external-chat (not installed)']);
  });

  it('expects the binding of the machine it runs on', () => {
    const musl = { os: 'linux', cpu: 'x64', libc: 'musl' };
    expect(missingPackages(lock, reader(complete), musl)).toEqual(['@rolldown/binding-linux-x64-musl@1.2.19 (not installed)']);
    expect(currentPlatform()).toMatchObject({ os: process.platform, cpu: process.arch });
  });

  it('finds this repository installed (what `make` sees after npm ci)', () => {
    const root = process.cwd();
    const repoLock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
    const read = (path: string) => {
      try {
        return JSON.parse(readFileSync(join(root, path, 'package.json'), 'utf8')) as { version?: string };
      } catch {
        return undefined;
      }
    };
    expect(missingPackages(repoLock, read)).toEqual([]);
  });
});

describe('prerequisites', () => {
  it('lists every missing program in one line with the one command that installs them', () => {
    const missing = missingPrerequisites(['chromium', 'mkcert'], () => false);
    expect(missing).toEqual(['chromium', 'mkcert']);
    const message = missingMessage(missing);
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toBe(
      `missing: chromium (${PREREQUISITES.chromium.path}), mkcert (${PREREQUISITES.mkcert.path}) — ` +
        'install with: sudo apt-get install -y chromium mkcert (or set CHROMIUM_PATH / MKCERT_PATH)',
    );
  });

  it('lists only what is missing', () => {
    const missing = missingPrerequisites(['chromium', 'mkcert'], (path) => path === PREREQUISITES.chromium.path);
    expect(missing).toEqual(['mkcert']);
    expect(missingMessage(missing)).toContain('sudo apt-get install -y mkcert (or set MKCERT_PATH)');
  });
});

describe('config-warning: the packaged config.json', () => {
  const deployed = 'webapp3/branding/plugins/external-chat/config.json';
  const source = 'external-chat/public/config.json';
  const line = '"allowedOrigins": ["https://portal.example.com"]';
  const meeting = CONTRACT_FEATURES.filter((feature) => !LEGACY_FEATURES.includes(feature as never)).join(', ');

  it("knows the contract's features, and which any page gets", () => {
    expect(FEATURES).toEqual(CONTRACT_FEATURES);
    expect(OPEN_FEATURES).toEqual(LEGACY_FEATURES);
  });

  it('warns about {} as shipped, a missing file and an object without allowedOrigins: what is on, what is off, the line to add', () => {
    for (const text of ['{}', undefined, '{ "debug": true }']) {
      const report = configReport(deployed, source, text);
      expect(report).toMatch(/^warning: /);
      expect(report).toContain(`on for any page that frames Web App 3: chat, dial-out; off: ${meeting}.`);
      expect(report).toContain(`add ${line} to ${source}`);
      expect(report.split('\n')).toHaveLength(1);
    }
  });

  it('warns loudly about openMeetingToAnyPage', () => {
    expect(configReport(deployed, source, '{ "openMeetingToAnyPage": true, "features": ["chat", "roster"] }')).toMatch(
      /^warning: .* sets "openMeetingToAnyPage": on for ANY page that frames Web App 3: chat, roster; off: dial-out, .* can read the roster and the private meeting chat/,
    );
  });

  it('says when the plugin will refuse the file: meeting features without allowedOrigins, or both keys', () => {
    expect(configReport(deployed, source, '{ "features": ["chat", "roster"] }')).toBe(
      `warning: the plugin will refuse ${deployed} and keep the chat bridge off: "features" lists 'roster' but no "allowedOrigins" names the page it would go to; add ${line}. Fix ${source} and run make again.`,
    );
    expect(configReport(deployed, source, `{ "openMeetingToAnyPage": true, ${line} }`)).toMatch(/^warning: the plugin will refuse .* it sets both "openMeetingToAnyPage" and "allowedOrigins"; keep one\./);
    expect(configReport(deployed, source, '{ "features": ["dial-out"] }')).toMatch(/^warning: .* names no allowedOrigins: on for any page that frames Web App 3: dial-out; off: chat, /);
  });

  it('says that a malformed file keeps the bridge off', () => {
    expect(configReport(deployed, source, '{ allowedOrigins: }')).toMatch(/^warning: .*is not valid JSON .*keep the chat bridge off/);
  });

  it('says what is on for the pages allowedOrigins names, without a warning', () => {
    expect(configReport(deployed, source, `{ ${line}, "features": ["chat", "roster"] }`)).toBe(
      `${deployed}: on for https://portal.example.com: chat, roster; off: ${CONTRACT_FEATURES.filter((f) => f !== 'chat' && f !== 'roster').join(', ')}.`,
    );
  });
});
