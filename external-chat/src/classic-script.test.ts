import { describe, expect, it } from 'vitest';
import { toClassicScripts } from '../classic-script';

describe('toClassicScripts', () => {
  it('turns the module script Vite writes into a deferred classic one, without CORS mode', () => {
    const html = '<head>\n<link rel="preload" href="./config.json" as="fetch" crossorigin="anonymous" />\n<script type="module" crossorigin src="./assets/index-Ab1_c.js"></script>\n</head>';
    expect(toClassicScripts(html)).toBe(
      '<head>\n<link rel="preload" href="./config.json" as="fetch" crossorigin="anonymous" />\n<script defer src="./assets/index-Ab1_c.js"></script>\n</head>',
    );
  });

  it('refuses an inline module script rather than changing what it means', () => {
    expect(() => toClassicScripts('<script type="module">import "./x.js"</script>')).toThrow(
      'an inline module script cannot become a classic one: <script type="module">',
    );
  });
});
