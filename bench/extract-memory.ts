/**
 * Peak memory of `linkledger extract` over a multi-GB WARC: the real Common Crawl excerpt
 * (data/commoncrawl, 50 records, one gzip member each) repeated until the file reaches the target size,
 * then the real CLI run on it with its output discarded. Reports the child's peak RSS (from
 * /usr/bin/time when present, else getrusage) and throughput. Target: under 300 MB RSS.
 *
 *   node --import tsx bench/extract-memory.ts [sizeGB=2]
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const sizeGb = Number(process.argv[2] ?? '2');
const excerpt = readFileSync(join(ROOT, 'data', 'commoncrawl', 'CC-MAIN-2020-34-excerpt.warc.gz'));
const dir = mkdtempSync(join(tmpdir(), 'linkledger-bench-'));
const file = join(dir, 'repeated.warc.gz');

try {
  const copies = Math.ceil((sizeGb * 1024 ** 3) / excerpt.length);
  const fd = openSync(file, 'w');
  for (let i = 0; i < copies; i++) writeSync(fd, excerpt);
  closeSync(fd);
  const bytes = statSync(file).size;
  const hasTime = existsSync('/usr/bin/time');
  const command = [
    process.execPath,
    join(ROOT, 'bin', 'linkledger.js'),
    'extract',
    '--out',
    '/dev/null',
    file,
  ];
  const started = performance.now();
  const run = hasTime
    ? spawnSync('/usr/bin/time', ['-f', 'MAXRSS_KB=%M', ...command], { encoding: 'utf8' })
    : spawnSync(command[0]!, command.slice(1), { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`extract failed (${run.status}): ${run.stderr}`);
  const rssKb = hasTime ? Number(/MAXRSS_KB=(\d+)/.exec(run.stderr)?.[1]) : Number.NaN;
  const summary = run.stderr.split('\n').find((l) => l.startsWith('inputs')) ?? '';
  console.log(`file: ${(bytes / 1024 ** 3).toFixed(2)} GiB gzip (${copies} copies of the excerpt)`);
  console.log(`extract: ${summary}`);
  console.log(`wall ${seconds.toFixed(1)} s, ${(bytes / 1024 ** 2 / seconds).toFixed(1)} MB/s compressed`);
  console.log(
    `peak RSS: ${Number.isNaN(rssKb) ? 'unknown (install GNU time)' : `${(rssKb / 1024).toFixed(0)} MB`}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
