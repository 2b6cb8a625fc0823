/**
 * Benchmark: reading a Common Crawl style WARC (one gzip member per record) with `readWarc`, against
 * the floor it cannot beat, gunzipping the same file with Node's zlib.
 *
 *   node --import tsx bench/warc-read.ts [--mb 200] [--reps 2]
 *
 * Input: ../shared/data/resiliparse-warc/warcfile.warc.gz (50 real CC-MAIN-2020-34 records) repeated to
 * ~200 MB in a temp dir; concatenated gzip members are a valid multi-member file. Each measurement runs
 * in its own child process so that its peak RSS is its own. Phases:
 *   a   zlib.createGunzip() (default options) piped to a no-op sink: the named baseline
 *   a2  the same with the 512 KiB output chunks readWarc uses: shows how much of (b) is zlib tuning
 *   b   readWarc, every record consumed
 *   c   readWarc + parseHttpResponse (incl. content decoding) of every response record
 * Results (MB/s of compressed input, ratio to (a), peak RSS) go to bench/results/warc-read.md.
 */
import { execFileSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { parseHttpResponse, readWarc } from '../src/adapters/warc/index.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = join(ROOT, '..', 'shared', 'data', 'resiliparse-warc', 'warcfile.warc.gz');

type Phase = 'a' | 'a2' | 'b' | 'c';
const PHASES: readonly Phase[] = ['a', 'a2', 'b', 'c'];
const LABELS: Record<Phase, string> = {
  a: '(a) zlib.createGunzip() -> no-op sink',
  a2: '(a2) createGunzip({chunkSize: 512 KiB}) -> no-op sink',
  b: '(b) readWarc, all records',
  c: '(c) readWarc + parseHttpResponse of every response',
};

interface Measurement {
  phase: Phase;
  ms: number;
  records: number;
  responses: number;
  maxRssMb: number;
  /** User + system CPU of the whole process (zlib's thread included): steadier than wall time on a busy machine. */
  cpuMs: number;
}

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

async function measure(phase: Phase, file: string): Promise<Measurement> {
  const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });
  let records = 0;
  let responses = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  if (phase === 'a') await pipeline(createReadStream(file), createGunzip(), sink());
  else if (phase === 'a2')
    await pipeline(createReadStream(file), createGunzip({ chunkSize: 512 * 1024 }), sink());
  else {
    for await (const event of readWarc(createReadStream(file))) {
      if (event.kind !== 'record') continue;
      records++;
      if (phase === 'c' && event.type === 'response') {
        const http = parseHttpResponse(event.block);
        if (http.ok) responses++;
      }
    }
  }
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  return { phase, ms, records, responses, maxRssMb: process.resourceUsage().maxRSS / 1024, cpuMs };
}

function buildInput(dir: string, targetMb: number): Promise<{ file: string; copies: number }> {
  const sample = readFileSync(SAMPLE);
  const copies = Math.ceil((targetMb * 1e6) / sample.length);
  const file = join(dir, 'repeated.warc.gz');
  const out = createWriteStream(file);
  return new Promise((done, fail) => {
    out.on('error', fail);
    let written = 0;
    const more = () => {
      while (written < copies) {
        written++;
        if (!out.write(sample)) return void out.once('drain', more);
      }
      out.end(() => done({ file, copies }));
    };
    more();
  });
}

async function main(): Promise<void> {
  const child = process.argv.indexOf('--phase');
  if (child !== -1) {
    const result = await measure(process.argv[child + 1] as Phase, process.argv[child + 2]!);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const targetMb = arg('mb', 200);
  const reps = arg('reps', 2);
  const dir = mkdtempSync(join(tmpdir(), 'warc-bench-'));
  try {
    const { file, copies } = await buildInput(dir, targetMb);
    const size = statSync(file).size;
    const mb = size / 1e6;
    process.stdout.write(`input: ${copies} x warcfile.warc.gz = ${mb.toFixed(1)} MB compressed\n`);
    // Warm the page cache so that no phase pays for the first read from disk.
    await measure('a2', file);
    const runs: Measurement[] = [];
    for (let rep = 0; rep < reps; rep++) {
      for (const phase of PHASES) {
        const output = execFileSync(
          process.execPath,
          ['--import', 'tsx', fileURLToPath(import.meta.url), '--phase', phase, file],
          {
            cwd: ROOT,
            encoding: 'utf8',
          },
        );
        const result = JSON.parse(output.trim().split('\n').pop()!) as Measurement;
        runs.push(result);
        process.stdout.write(
          `${phase.padEnd(3)} ${(mb / (result.ms / 1000)).toFixed(1).padStart(6)} MB/s  cpu ${(result.cpuMs / 1000).toFixed(2)} s  rss ${result.maxRssMb.toFixed(0)} MB  records ${result.records}\n`,
        );
      }
    }
    const of = (phase: Phase) => runs.filter((r) => r.phase === phase);
    const best = (phase: Phase) => of(phase).reduce((a, b) => (b.ms < a.ms ? b : a));
    // Peak RSS: the highest of the runs, not the fastest run's, so the memory figure is not flattered.
    const peak = (phase: Phase) => Math.max(...of(phase).map((r) => r.maxRssMb));
    const rate = (r: Measurement) => mb / (r.ms / 1000);
    const baseline = best('a');
    const rows = PHASES.map((phase) => {
      const r = best(phase);
      const counted =
        phase === 'a' || phase === 'a2' ? '' : `${r.records}${phase === 'c' ? ` (${r.responses} HTTP)` : ''}`;
      const all = of(phase)
        .map((run) => rate(run).toFixed(1))
        .join(', ');
      const cpuS = Math.min(...of(phase).map((run) => run.cpuMs)) / 1000;
      return `| ${LABELS[phase]} | ${rate(r).toFixed(1)} | ${(baseline.ms / r.ms).toFixed(2)} | ${all} | ${cpuS.toFixed(2)} | ${peak(phase).toFixed(0)} | ${counted} |`;
    });
    const cpu = cpus();
    const report = [
      '# readWarc throughput',
      '',
      `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`node --import tsx bench/warc-read.ts\``,
      `(best of ${reps} per phase, runs interleaved, each in its own process). Machine: ${cpu.length} cores`,
      `(${cpu[0]?.model.trim() ?? 'unknown CPU'}), 24 GiB, shared with other engineers' work (load average`,
      `${loadavg()[0]!.toFixed(1)} at the end of the run, so single runs vary by +-25%); Node ${process.version}.`,
      '',
      'Input: ../shared/data/resiliparse-warc/warcfile.warc.gz (50 real Common Crawl records, one gzip member each)',
      `repeated ${copies} times: ${mb.toFixed(1)} MB compressed, ${copies * 50} records.`,
      '',
      '| phase | MB/s (compressed), best | ratio to (a) | every run, MB/s | CPU s, least | peak RSS MB | records |',
      '|---|---|---|---|---|---|---|',
      ...rows,
      '',
      'Target: (b) >= 0.90 x (a). Peak RSS includes ~100 MB for Node + tsx (phase a has nothing else).',
      'CPU s is user + system time of the measurement (zlib thread included), the least over the runs: on a',
      'shared machine it varies far less than wall time; (b) - (a2) is what parsing the records costs.',
      '(a2) is zlib alone with the 512 KiB output chunks readWarc uses: the per-call overhead of the default',
      '16 KiB chunks is most of what separates (a) from (a2), and readWarc also writes its compressed input to',
      'zlib in 512 KiB batches. inflate runs on the thread pool while records are parsed on the main thread.',
      '',
    ].join('\n');
    writeFileSync(join(ROOT, 'bench', 'results', 'warc-read.md'), report);
    process.stdout.write(`\n${report}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
