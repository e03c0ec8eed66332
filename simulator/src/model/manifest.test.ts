import { describe, expect, it } from 'vitest';
import { ManifestError, parseManifest, sandboxFor } from './manifest';

const url = new URL('https://pexip.example.com/webapp3/branding/manifest.json');

describe('parseManifest', () => {
  it('resolves each src against the manifest URL and keeps id and sandboxValues', () => {
    const manifest = parseManifest(
      {
        version: 1,
        brandName: 'x',
        plugins: [
          { id: 'a', src: 'plugins/a/index.html', sandboxValues: ['allow-same-origin'] },
          { id: 'b', src: 'https://cdn.example.com/b.html' },
        ],
      },
      url,
    );
    expect(manifest.url).toBe(url);
    expect(manifest.plugins).toEqual([
      { id: 'a', src: 'https://pexip.example.com/webapp3/branding/plugins/a/index.html', sandboxValues: ['allow-same-origin'] },
      { id: 'b', src: 'https://cdn.example.com/b.html', sandboxValues: [] },
    ]);
  });

  it('treats a manifest without "plugins" as one with none', () => {
    expect(parseManifest({ brandName: 'x' }, url).plugins).toEqual([]);
  });

  it.each([
    ['a non-object', [], 'expected a JSON object'],
    ['plugins that is not an array', { plugins: {} }, '"plugins" must be an array'],
    ['an entry that is not an object', { plugins: ['a'] }, 'plugins[0] must be an object'],
    ['an empty id', { plugins: [{ id: ' ', src: 'a.html' }] }, 'plugins[0].id must be a non-empty string'],
    ['a duplicate id', { plugins: [{ id: 'a', src: 'a.html' }, { id: 'a', src: 'b.html' }] }, 'plugins[1].id "a" is used twice'],
    ['a missing src', { plugins: [{ id: 'a' }] }, 'plugins[0].src must be a non-empty string (plugin "a")'],
    ['sandboxValues as a string', { plugins: [{ id: 'a', src: 'a.html', sandboxValues: 'allow-same-origin' }] }, 'sandboxValues must be an array of strings'],
  ])('rejects %s, naming the manifest and the field', (_what, json, message) => {
    expect(() => parseManifest(json, url)).toThrow(ManifestError);
    expect(() => parseManifest(json, url)).toThrow(`Branding manifest ${url.href}`);
    expect(() => parseManifest(json, url)).toThrow(message);
  });
});

describe('sandbox values', () => {
  it('keeps the allowlisted values and drops the others with a warning naming the plugin, as Web App 3 does', () => {
    const m = parseManifest({ plugins: [{ id: 'a', src: 'a.html', sandboxValues: ['allow-same-origin', 'allow-modals', 'allow-top-navigation', 3, 'allow-popups'] }] }, url);
    expect(m.plugins[0]?.sandboxValues).toEqual(['allow-same-origin', 'allow-popups']);
    expect(m.warnings.map((w) => [w.pluginId, w.message.split(':')[0]])).toEqual([
      ['a', '"allow-modals" is not a valid sandbox value for plugins'],
      ['a', '"allow-top-navigation" is not a valid sandbox value for plugins'],
      ['a', '3 is not a valid sandbox value for plugins'],
    ]);
    expect(sandboxFor(m.plugins[0]!)).toEqual(['allow-scripts', 'allow-same-origin', 'allow-popups']);
  });
});

describe('sandboxFor', () => {
  it('adds the manifest values to allow-scripts, once each', () => {
    expect(sandboxFor({ sandboxValues: [] })).toEqual(['allow-scripts']);
    expect(sandboxFor({ sandboxValues: ['allow-same-origin', 'allow-scripts', 'allow-popups'] })).toEqual([
      'allow-scripts',
      'allow-same-origin',
      'allow-popups',
    ]);
  });

  it('reads applicationConfig.hiddenFunctionality; unknown names are kept (the page ignores them); none without it', () => {
    expect(parseManifest({ applicationConfig: { hiddenFunctionality: ['button-chat', 'not-a-thing'] } }, url).hiddenFunctionality).toEqual(['button-chat', 'not-a-thing']);
    expect(parseManifest({ applicationConfig: {} }, url).hiddenFunctionality).toEqual([]);
    expect(parseManifest({ plugins: [] }, url).hiddenFunctionality).toEqual([]);
  });

  it.each([
    [{ applicationConfig: 'x' }, '"applicationConfig" must be an object'],
    [{ applicationConfig: { hiddenFunctionality: 'button-chat' } }, '"applicationConfig.hiddenFunctionality" must be an array of strings (e.g. ["button-chat"]), got "button-chat"'],
    [{ applicationConfig: { hiddenFunctionality: ['button-chat', 3] } }, 'applicationConfig.hiddenFunctionality[1] must be a string, got 3'],
  ])('reports a malformed applicationConfig as a manifest error: %j', (json, message) => {
    expect(() => parseManifest(json, url)).toThrow(ManifestError);
    expect(() => parseManifest(json, url)).toThrow(`Branding manifest ${url.href}: ${message}`);
  });
});
