import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertManifestRegisters } from '../manifest-check';
import { PLUGIN_ID } from './plugin-id';

// Vitest runs from the repository root.
const manifest = resolve('webapp3/branding/manifest.json');

describe('plugin id and branding manifest', () => {
  it('agree', () => {
    expect(PLUGIN_ID).toBe('external-chat');
    expect(() => assertManifestRegisters(manifest, PLUGIN_ID)).not.toThrow();
  });

  it('a mismatch fails, naming both ids', () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    const path = join(dir, 'manifest.json');
    writeFileSync(path, JSON.stringify({ plugins: [{ id: 'externalchat', src: 'plugins/external-chat/index.html' }] }));
    expect(() => assertManifestRegisters(path, PLUGIN_ID)).toThrow(/\["externalchat"\].*registerPlugin\(\{ id: 'external-chat' \}\)/);
  });
});
