// `--record` (make bench-record): the run's table, written into bench/RESULTS.md between its markers.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './root.mjs';

export const BEGIN = '<!-- bench:begin (make bench-record rewrites everything up to bench:end) -->';
export const END = '<!-- bench:end -->';
/** The file whose table `--record` rewrites, from the repository's root. */
export const RECORDED_IN = 'bench/RESULTS.md';

/**
 * `markdown` with everything between the markers replaced by `text` (the markers stay).
 * @param {string} markdown
 * @param {string} text
 * @param {string} name the file's name, for the error
 */
export function withRecord(markdown, text, name = RECORDED_IN) {
  const begin = markdown.indexOf(BEGIN);
  const end = markdown.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`${name} has no "${BEGIN}" … "${END}" markers`);
  return `${markdown.slice(0, begin + BEGIN.length)}\n${text}\n${markdown.slice(end)}`;
}

/** Rewrites bench/RESULTS.md between the bench markers. */
export function record(text) {
  const file = join(root, RECORDED_IN);
  writeFileSync(file, withRecord(readFileSync(file, 'utf8'), text));
}
