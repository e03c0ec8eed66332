// How the table writes its figures.

export const KB = 1024;
export const ms = (x) => `${x.toFixed(3)} ms`;
export const plusMs = (x) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)} ms`;
export const kb = (n) => `${(n / KB).toFixed(1)} KB`;
export const bytes = (n) => `${n} B (${(n / KB).toFixed(2)} KB)`;
