// @vitest-environment node
// The benchmark's pure helpers (bench/lib/): the median, the table's rows, the CPU
// profile's shares, and `--record`'s rewrite of bench/RESULTS.md between its markers.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { median } from '../../bench/lib/stats.mjs';
import { byFigure, rowCollector, table } from '../../bench/lib/rows.mjs';
import { profileShares } from '../../bench/lib/profile.mjs';
import { BEGIN, END, RECORDED_IN, withRecord } from '../../bench/lib/record.mjs';

const repo = resolve('.');

describe('bench: median', () => {
  it('takes the middle value, or the mean of the middle two, without sorting its argument', () => {
    const xs = [3, 1, 2];
    expect(median(xs)).toBe(2);
    expect(xs).toEqual([3, 1, 2]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 9])).toBe(9.5);
  });
});

describe('bench: rows and the table', () => {
  it('sorts rows by figure number, keeping each figure in the order added, and marks budgets', () => {
    const { rows, row } = rowCollector();
    row('5. size', '1 KB', '≤ 2 KB', true);
    row('1. click', '0.9 ms', '≤ +1 ms over the floor', false);
    row('5. other size', '3 KB');
    row('10. tenth', 'x', 'y', true);
    expect(byFigure(rows).map((r) => r.figure)).toEqual(['1. click', '5. size', '5. other size', '10. tenth']);
    expect(table(byFigure(rows)).split('\n')).toEqual([
      '| figure | measured | budget | result |',
      '|---|---|---|---|',
      '| 1. click | 0.9 ms | ≤ +1 ms over the floor | **MISS** |',
      '| 5. size | 1 KB | ≤ 2 KB | pass |',
      '| 5. other size | 3 KB | report only | – |',
      '| 10. tenth | x | y | pass |',
    ]);
  });
});

describe('bench: profile shares', () => {
  it('gives each sample to the nearest owner on its stack, idle apart, the rest to other', () => {
    const frame = (functionName: string, url = '') => ({ functionName, url });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 3, 5] },
        { id: 2, callFrame: frame('(idle)') },
        { id: 3, callFrame: frame('onMessage', 'https://w/webapp3/branding/plugins/external-chat/a.js'), children: [4] },
        { id: 4, callFrame: frame('postMessage') },
        { id: 5, callFrame: frame('(garbage collector)') },
      ],
      startTime: 0,
      endTime: 10_000,
      samples: [2, 4, 3, 5],
      timeDeltas: [0, 1_000, 3_000, 2_000],
    };
    const { ms, wallMs } = profileShares(profile, { chat: '/plugins/external-chat/' });
    expect(ms).toEqual({ idle: 1, other: 4, chat: 5 });
    expect(wallMs).toBe(10);
  });
});

describe('bench: --record', () => {
  it('replaces what is between the markers, keeping them and the rest', () => {
    const before = `# Title\n\n${BEGIN}\nold table\n${END}\n\nAfter.\n`;
    expect(withRecord(before, 'new table')).toBe(`# Title\n\n${BEGIN}\nnew table\n${END}\n\nAfter.\n`);
    expect(() => withRecord('# no markers', 'x')).toThrow(/bench\/RESULTS\.md has no/);
    expect(() => withRecord(`${END}\n${BEGIN}`, 'x')).toThrow(/markers/);
  });

  it('writes into bench/RESULTS.md, which has the markers once each', () => {
    expect(RECORDED_IN).toBe('bench/RESULTS.md');
    const readme = readFileSync(join(repo, RECORDED_IN), 'utf8');
    expect(readme.split(BEGIN)).toHaveLength(2);
    expect(readme.split(END)).toHaveLength(2);
    expect(readme.indexOf(BEGIN)).toBeLessThan(readme.indexOf(END));
  });
});
