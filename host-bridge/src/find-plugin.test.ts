import { describe, expect, it } from 'vitest';
import { isInsideFrame, pingTargets } from './find-plugin.js';
import { FakeWindow } from './testing/fake-window.js';

const asWindow = (fake: FakeWindow | null): Window | null => fake as unknown as Window | null;

describe('isInsideFrame', () => {
  const top = new FakeWindow();
  const webapp = new FakeWindow(top);
  const plugin = new FakeWindow(webapp);
  const nested = new FakeWindow(plugin);
  const sibling = new FakeWindow(top);
  const insideSibling = new FakeWindow(sibling);

  it("accepts Web App 3's window itself: a plugin posting through relay.js", () => {
    expect(isInsideFrame(asWindow(webapp), asWindow(webapp))).toBe(true);
  });

  it('accepts windows nested at any depth inside Web App 3', () => {
    expect(isInsideFrame(asWindow(plugin), asWindow(webapp))).toBe(true);
    expect(isInsideFrame(asWindow(nested), asWindow(webapp))).toBe(true);
  });

  it('refuses the top window, other frames and what they hold, detached windows and no window', () => {
    expect(isInsideFrame(asWindow(top), asWindow(webapp))).toBe(false);
    expect(isInsideFrame(asWindow(sibling), asWindow(webapp))).toBe(false);
    expect(isInsideFrame(asWindow(insideSibling), asWindow(webapp))).toBe(false);
    expect(isInsideFrame({ parent: null } as unknown as Window, asWindow(webapp))).toBe(false);
    expect(isInsideFrame(null, asWindow(webapp))).toBe(false);
    // No iframe window (not loaded yet, or removed): nothing is inside it, not even a null source.
    expect(isInsideFrame(asWindow(webapp), null)).toBe(false);
  });
});

describe('pingTargets', () => {
  it("pings Web App 3's window and each of its frames", () => {
    const webapp = new FakeWindow(new FakeWindow());
    const a = new FakeWindow(webapp);
    const b = new FakeWindow(webapp);
    expect(pingTargets(asWindow(webapp))).toEqual([webapp, a, b]);
    expect(pingTargets(null)).toEqual([]);
  });
});
