// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('README', () => {
  const readme = readFileSync('README.md', 'utf8');

  it('shows the raw-envelope host code exactly as examples/legacy-host/bridge.js runs it', () => {
    const bridge = readFileSync('examples/legacy-host/bridge.js', 'utf8');
    expect(readme).toContain('```js\n' + bridge + '```');
  });

  it('names the two commands of the quick start', () => {
    expect(readme).toMatch(/make demo\s+#/);
    expect(readme).toMatch(/make test\s+#/);
  });
});
