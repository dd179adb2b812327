// How the benchmark's browser half reports a figure, shared by its steps (browser.mjs and the
// modules beside it): once for people, and once as a tab-separated `BENCH` line that
// `cargo xtask bench` reads for its summary table:
//   BENCH <tab> key <tab> value <tab> unit <tab> budget (or -) <tab> description

export const figures = [];

/** Records one figure and prints it both ways. */
export function report(key, value, unit, budget, description) {
  const shown = Number.isFinite(value) ? Number(value.toPrecision(4)) : value;
  figures.push({ key, value: shown, unit, budget, description });
  const budgetText = budget === null ? '' : `  (budget ${budget} ${unit})`;
  console.log(`${description}: ${shown} ${unit}${budgetText}`);
  console.log(['BENCH', key, shown, unit, budget === null ? '-' : budget, description].join('\t'));
}

/** The `fraction` quantile of `values` by the nearest-rank rule: the smallest value with at least
 * `fraction` of the values at or below it. */
export function quantile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1];
}

export function median(values) {
  return quantile(values, 0.5);
}

/** The pages a run measures: all of `pages`, or those named in DOWNHILL_BENCH_PAGES (a comma-separated
 * list of file names, such as `gradient-descent.html,parameter-updates.html`), for a short run. */
export function pagesToMeasure(pages) {
  const named = (process.env.DOWNHILL_BENCH_PAGES || '').split(',').map((name) => name.trim()).filter(Boolean);
  return named.length ? pages.filter((page) => named.includes(page)) : pages;
}

/** The sites a side-by-side step measures: this build, and the one DOWNHILL_BEFORE_DIST names
 * (`cargo xtask bench --before-dist DIR`), as `{ label, dist }`. */
export function sitesToCompare(dist) {
  const before = process.env.DOWNHILL_BEFORE_DIST;
  return before ? [{ label: 'before', dist: before }, { label: 'after', dist }] : [{ label: 'after', dist }];
}

/** A figure as a table cell: `-` when missing, else rounded to one decimal. */
export function cell(value) {
  return value === undefined || value === null || !Number.isFinite(value) ? '-' : value.toFixed(1);
}

/** Prints a Markdown table (for BENCHMARKS.md) of `rows`, arrays of cells under `header`. */
export function printTable(header, rows) {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}
