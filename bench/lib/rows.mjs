// The table's rows: every figure adds its own as it is measured; the runner prints them.

/** @typedef {{ figure: string, value: string, budget: string, ok: boolean | null }} Row */
/**
 * Adds a row: `ok` null for a figure reported only (no budget), else whether it met its budget.
 * @typedef {(figure: string, value: string, budget?: string, ok?: boolean | null) => void} AddRow
 */

/** An empty list of rows, and the function that adds to it. */
export function rowCollector() {
  /** @type {Row[]} */
  const rows = [];
  /** @type {AddRow} */
  const row = (figure, value, budget = 'report only', ok = null) => {
    rows.push({ figure, value, budget, ok });
  };
  return { rows, row };
}

/**
 * The rows in figure order (the number each row's text starts with), each figure's rows in the
 * order they were added: the parts run in another order than their numbers (sizes first).
 * @param {Row[]} rows
 */
export function byFigure(rows) {
  const order = (r) => Number.parseInt(r.figure, 10);
  return [...rows].sort((a, b) => order(a) - order(b));
}

/**
 * The rows as a Markdown table.
 * @param {Row[]} rows
 */
export function table(rows) {
  const mark = (ok) => (ok === null ? '–' : ok ? 'pass' : '**MISS**');
  return [
    '| figure | measured | budget | result |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.figure} | ${r.value} | ${r.budget} | ${mark(r.ok)} |`),
  ].join('\n');
}
