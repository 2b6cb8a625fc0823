/**
 * One line on what a finished job produced, per kind (the result object differs: import runs with their
 * stats, the rank run, the crawl's ledger effect). Unknown shapes fall back to their first numbers.
 */
import type { Job } from '../../api/types.ts';
import { formatCount } from '../../format.ts';

type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** `1 file`, `2 files`. */
const counted = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** The stats the ledger reports for an import or a crawl (`ImportStats`). */
function ledgerEffect(stats: Loose): string[] {
  return [
    counted(num(stats.newLinks), 'new link'),
    `${formatCount(num(stats.updatedLinks))} updated`,
    `${formatCount(num(stats.lostLinks))} lost`,
  ];
}

export function describeResult(job: Job): string {
  const result = job.result;
  if (!isObject(result)) return '';
  if (job.kind === 'import' && Array.isArray(result.runs)) {
    const runs = result.runs.filter(isObject);
    const stats = runs.map((r) => (isObject(r.stats) ? r.stats : {}));
    const sum = (key: string) => stats.reduce((s, x) => s + num(x[key]), 0);
    return [
      counted(runs.length, 'file'),
      counted(sum('records'), 'record'),
      ...ledgerEffect({
        newLinks: sum('newLinks'),
        updatedLinks: sum('updatedLinks'),
        lostLinks: sum('lostLinks'),
      }),
    ].join(' · ');
  }
  if (job.kind === 'rank' && isObject(result.run)) {
    const run = result.run;
    const levels = isObject(run.levels) ? run.levels : {};
    const nodes = (level: string) => (isObject(levels[level]) ? num((levels[level] as Loose).nodes) : 0);
    return [
      `${formatCount(num(run.linksUsed))} links used`,
      `${formatCount(nodes('page'))} pages`,
      `${formatCount(nodes('host'))} hosts`,
      `${formatCount(nodes('domain'))} domains`,
    ].join(' · ');
  }
  if (job.kind === 'crawl' && isObject(result.ledger)) {
    return [...(result.interrupted ? ['interrupted'] : []), ...ledgerEffect(result.ledger)].join(' · ');
  }
  return firstNumbers(result);
}

/** The hints of a finished import's runs (the CLI prints them after its summary), each once. */
export function resultHints(job: Job): string[] {
  const result = job.result;
  if (job.kind !== 'import' || !isObject(result) || !Array.isArray(result.runs)) return [];
  const hints = result.runs.filter(isObject).map((r) => r.hint);
  return [...new Set(hints.filter((h): h is string => typeof h === 'string' && h !== ''))];
}

function firstNumbers(result: Loose): string {
  const parts: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (parts.length >= 4) return;
    if (typeof value === 'number') parts.push(`${path} ${formatCount(value)}`);
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) walk(v, path ? `${path} ${k}` : k);
  };
  walk(result, '');
  return parts.join(' · ');
}
