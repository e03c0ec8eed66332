import { describe, expect, it } from 'vitest';
import { accepts, isFromWebApp, type WindowLike } from './source';

/** A top window and a chain of frames under it. */
function frames() {
  const top: { parent: WindowLike | null } = { parent: null };
  top.parent = top;
  const webapp = { parent: top };
  const plugin = { parent: webapp };
  const nested = { parent: plugin };
  const sibling = { parent: top };
  return { top, webapp, plugin, nested, sibling };
}

describe('isFromWebApp', () => {
  it("accepts Web App 3's window and any window nested in it", () => {
    const w = frames();
    expect(isFromWebApp(w.webapp, w.webapp)).toBe(true);
    expect(isFromWebApp(w.plugin, w.webapp)).toBe(true);
    expect(isFromWebApp(w.nested, w.webapp)).toBe(true);
  });

  it('refuses the top window, another frame, nothing, and a frame before the iframe has a window', () => {
    const w = frames();
    expect(isFromWebApp(w.top, w.webapp)).toBe(false);
    expect(isFromWebApp(w.sibling, w.webapp)).toBe(false);
    expect(isFromWebApp(null, w.webapp)).toBe(false);
    expect(isFromWebApp(w.plugin, null)).toBe(false);
  });

  it('gives up on a chain deeper than frames nest', () => {
    const w = frames();
    let deep: WindowLike = w.webapp;
    for (let i = 0; i < 20; i++) deep = { parent: deep };
    expect(isFromWebApp(deep, w.webapp)).toBe(false);
  });
});

describe('accepts', () => {
  it('needs both an allowed origin and a window inside the iframe', () => {
    const w = frames();
    const origins = ['http://127.0.0.1:5181'];
    expect(accepts({ origin: 'http://127.0.0.1:5181', source: w.plugin }, origins, w.webapp)).toBe(true);
    expect(accepts({ origin: 'http://evil.example', source: w.plugin }, origins, w.webapp)).toBe(false);
    expect(accepts({ origin: 'http://127.0.0.1:5181', source: w.sibling }, origins, w.webapp)).toBe(false);
    // A plugin without allow-same-origin speaks from 'null': not an origin this page was told about.
    expect(accepts({ origin: 'null', source: w.plugin }, origins, w.webapp)).toBe(false);
  });
});
