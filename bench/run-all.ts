/**
 * Runs the benchmarks one after another, each in a process of its own (they measure peak memory and must
 * not share a heap), with the arguments bench/RESULTS.md's numbers come from.
 *
 *   npm run bench                      every benchmark (tens of minutes; graph-rank-scale needs ~8 GB)
 *   npm run bench -- ledger-ingest     only the named ones
 *
 * Each prints its own report; this exits non-zero when one of them failed.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Bench {
  name: string;
  args: string[];
  nodeFlags?: string[];
}

const BENCHES: Bench[] = [
  { name: 'html-extract', args: [] },
  { name: 'warc-read', args: [] },
  { name: 'extract-memory', args: [] },
  { name: 'graph-rank', args: [] },
  { name: 'graph-rank-scale', args: [], nodeFlags: ['--expose-gc'] },
  { name: 'ledger-ingest', args: [] },
  { name: 'ledger-query', args: [] },
  { name: 'http-backlinks', args: [] },
  { name: 'toxicity', args: [] },
];

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !BENCHES.some((b) => b.name === w));
if (unknown.length > 0) {
  console.error(`unknown benchmark: ${unknown.join(', ')} (known: ${BENCHES.map((b) => b.name).join(', ')})`);
  process.exit(2);
}
const failed: string[] = [];
for (const b of BENCHES.filter((b) => wanted.length === 0 || wanted.includes(b.name))) {
  console.log(`\n=== ${b.name}`);
  const script = join(here, `${b.name}.ts`);
  const run = spawnSync(process.execPath, [...(b.nodeFlags ?? []), '--import', 'tsx', script, ...b.args], {
    stdio: 'inherit',
  });
  if (run.status !== 0) failed.push(b.name);
}
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exit(1);
}
