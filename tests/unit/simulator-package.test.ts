// @vitest-environment node
// The simulator as a stranger gets it: `npm pack` of the built package, unpacked into a scratch project
// with its peers linked from this workspace (no registry), then served from there, and its fixture's
// types read by a strict consumer.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const PACKAGE = join(ROOT, 'simulator');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

let scratch: string;
let packedFiles: string[];

beforeAll(async () => {
  if (!existsSync(join(PACKAGE, 'dist/index.html')) || !existsSync(join(PACKAGE, 'dist/types/harness/sim-api.d.ts'))) {
    throw new Error('simulator/dist is missing: run `npm run build -w @external-chat/webapp3-simulator` (or `make test`, which builds it) first.');
  }
  scratch = await mkdtemp(join(tmpdir(), 'simulator-consumer-'));
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { cwd: PACKAGE });
  const [pack] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
  packedFiles = pack.files.map((f) => f.path);
  const installed = join(scratch, 'node_modules/@external-chat/webapp3-simulator');
  await mkdir(installed, { recursive: true });
  await run('tar', ['-xzf', join(scratch, pack.filename), '-C', installed, '--strip-components=1']);
  // Its (optional) peers, as the consumer's project has them.
  for (const name of ['playwright-core', '@pexip/plugin-api', '@types/node']) {
    await mkdir(join(scratch, 'node_modules', name, '..'), { recursive: true });
    await symlink(join(ROOT, 'node_modules', name), join(scratch, 'node_modules', name), 'dir');
  }
  await writeFile(join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
}, 60_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('the packed simulator', () => {
  it('holds the built page, its server, its fixture, their types and its documents, and no sources', () => {
    for (const file of ['dist/index.html', 'server.mjs', 'server.d.mts', 'fixture.mjs', 'fixture.d.mts', 'dist/types/harness/sim-api.d.ts', 'README.md', 'BEHAVIOUR.md', 'LEDGER.md']) {
      expect(packedFiles).toContain(file);
    }
    expect(packedFiles.filter((f) => f.startsWith('src/') || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
  });

  it('serves the simulator and a branding folder from where it was installed', async () => {
    const probe = join(scratch, 'serve.mjs');
    await writeFile(
      probe,
      `import { serveSimulator } from '@external-chat/webapp3-simulator/server';
const sim = await serveSimulator({ branding: ${JSON.stringify(join(ROOT, 'webapp3/branding'))} });
const page = await fetch(sim.url);
const manifest = await fetch(sim.origin + '/webapp3/branding/manifest.json');
console.log(JSON.stringify({ page: page.status, html: (await page.text()).includes('<script'), manifest: manifest.status, url: sim.url.endsWith('/webapp3/') }));
await sim.close();`,
    );
    const { stdout } = await run(process.execPath, [probe], { cwd: scratch });
    expect(JSON.parse(stdout)).toEqual({ page: 200, html: true, manifest: 200, url: true });
  });

  it("types the fixture's hooks for a strict consumer (moduleResolution bundler), without the workspace's sources", async () => {
    await writeFile(
      join(scratch, 'test.ts'),
      `import type { Page } from 'playwright-core';
import { openSimulator } from '@external-chat/webapp3-simulator/fixture';
import { serveSimulator } from '@external-chat/webapp3-simulator/server';

export async function check(page: Page): Promise<string | undefined> {
  const server = await serveSimulator({ branding: 'my-branding' });
  const { hooks } = await openSimulator(page, { url: server.url, params: { participants: 4 } });
  const roster = await hooks.roster();
  const first: string | undefined = roster[0]?.uuid;
  // @ts-expect-error: a listener cannot cross into the page
  void hooks.onRpc;
  // @ts-expect-error: say takes a uuid and a text
  void hooks.say(1);
  return first;
}
`,
    );
    // Bundler resolution: @pexip/plugin-api's own declarations use extensionless imports, which NodeNext cannot follow.
    const compilerOptions = { strict: true, noEmit: true, module: 'ESNext', moduleResolution: 'Bundler', target: 'ES2022', lib: ['ES2022', 'DOM'], types: ['node'], skipLibCheck: false, skipDefaultLibCheck: true };
    await writeFile(join(scratch, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['test.ts'] }));
    const result = await run(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: scratch }).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string; message: string }) => error.stdout || error.message,
    );
    expect(result).toBe('');
    expect(await readFile(join(scratch, 'node_modules/@external-chat/webapp3-simulator/fixture.d.mts'), 'utf8')).toContain('@external-chat/webapp3-simulator/hooks');
  }, 60_000);
});
