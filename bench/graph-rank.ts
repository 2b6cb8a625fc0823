/**
 * Benchmark: the whole `linkledger graph rank` process on cnr-2000 (3.2M arcs, from the .gz edge file)
 * against igraph 0.10 (Debian python3-igraph, PRPACK) loading the same file and ranking it.
 *
 *   node --import tsx bench/graph-rank.ts [--runs 1] [--write]
 *
 * Each tool runs as its own process, timed from outside (wall clock, peak RSS through /usr/bin/time);
 * linkledger's phases come from its --stats. The two PageRank vectors are compared (L1) to make sure both
 * computed the same thing. Results are ratios against the named baseline; `--write` also writes
 * bench/results/graph-rank.md. Needs /usr/bin/python3 with python3-igraph (apt-get install python3-igraph).
 * Not a test: run it by hand, once, on a quiet machine.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EDGES = join(ROOT, '..', 'shared', 'data', 'law-cnr-2000', 'cnr-2000.arcs.tsv.gz');
const OUT = join(ROOT, 'bench', 'out');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 1) || 1;

interface Timed {
  wall: number;
  maxRssMb: number;
  stdout: string;
  stderr: string;
}

/** Runs a command under /usr/bin/time and returns wall seconds and peak RSS. */
function timed(command: string, commandArgs: string[]): Timed {
  const marker = '@@time';
  const result = spawnSync('/usr/bin/time', ['-f', `${marker} %e %M`, command, ...commandArgs], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  const line = result.stderr.split('\n').find((l) => l.startsWith(marker))!;
  const [, wall, rss] = line.split(' ');
  return { wall: Number(wall), maxRssMb: Number(rss) / 1024, stdout: result.stdout, stderr: result.stderr };
}

function readScores(path: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    map.set(line.slice(0, tab), Number(line.slice(tab + 1)));
  }
  return map;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

mkdirSync(OUT, { recursive: true });
// Measure the compiled build (what `npm ci` installs): the launcher would run stale sources through tsx.
execFileSync(
  process.execPath,
  [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
  {
    cwd: ROOT,
    stdio: 'inherit',
  },
);
const ours: Array<Timed & { phases: Record<string, number>; iterations: number; edges: number }> = [];
const igraph: Array<Timed & { phases: Record<string, number> }> = [];
const igraphLoop: Array<Timed & { phases: Record<string, number> }> = [];
for (let run = 0; run < runs; run++) {
  const t = timed(process.execPath, [
    join(ROOT, 'bin', 'linkledger.js'),
    'graph',
    'rank',
    '--edges',
    EDGES,
    '--algo',
    'pagerank',
    '--stats',
    '--out',
    join(OUT, 'cnr-linkledger.tsv'),
  ]);
  const phases: Record<string, number> = {};
  for (const m of t.stderr.matchAll(/^(\w+) s +([\d.]+)$/gm)) phases[m[1]!] = Number(m[2]);
  const iterations = Number(/^iterations +(\d+)/m.exec(t.stderr)![1]);
  const edges = Number(/ (\d+) edges/.exec(t.stderr)![1]);
  ours.push({ ...t, phases, iterations, edges });
  for (const [variant, list] of [
    ['c-reader', igraph],
    ['python-loop', igraphLoop],
  ] as const) {
    const i = timed('/usr/bin/python3', [
      join(ROOT, 'bench', 'graph-rank.igraph.py'),
      EDGES,
      join(OUT, `cnr-igraph-${variant}.tsv`),
      variant,
    ]);
    list.push({ ...i, phases: JSON.parse(i.stdout.trim().split('\n').at(-1)!) });
  }
}

const mine = readScores(join(OUT, 'cnr-linkledger.tsv'));
const theirs = readScores(join(OUT, 'cnr-igraph-c-reader.tsv'));
let l1 = 0;
for (const [node, score] of theirs) l1 += Math.abs(score - (mine.get(node) ?? Number.NaN));

const oursWall = median(ours.map((r) => r.wall));
const igraphWall = median(igraph.map((r) => r.wall));
const igraphLoopWall = median(igraphLoop.map((r) => r.wall));
const last = ours.at(-1)!;
const visits = (last.iterations * last.edges) / last.phases.rank!;
const igraphVersion = igraph[0]!.phases.igraph;
const node = process.version;
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const report = `# graph rank: cnr-2000 PageRank, linkledger vs igraph

Run: ${new Date().toISOString().slice(0, 10)}, ${runs} run(s) each (median shown), \`node --import tsx bench/graph-rank.ts\`.
Machine: ${cpus().length} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load average before the last run ${load} (the machine is shared).
Node ${node}; igraph ${igraphVersion} (Debian python3-igraph, PRPACK), Python ${execFileSync('/usr/bin/python3', ['--version'], { encoding: 'utf8' }).trim().split(' ')[1]}.
Input: \`../shared/data/law-cnr-2000/cnr-2000.arcs.tsv.gz\` (325,557 nodes, 3,216,152 arcs, 8.0 MB gzipped).
Both compute PageRank (alpha 0.85) on the same graph (duplicates collapsed, self-loops kept); L1 distance
between the two output vectors: ${l1.toExponential(2)}.

| process (whole, from the .gz file) | wall s | peak RSS MiB | ratio igraph / linkledger |
|---|---:|---:|---:|
| linkledger graph rank (2 threads, --tol 1e-10) | ${oursWall.toFixed(2)} | ${median(ours.map((r) => r.maxRssMb)).toFixed(0)} | 1 |
| igraph, C reader (gunzip to a temp file, Read_Edgelist, simplify, pagerank) | ${igraphWall.toFixed(2)} | ${median(igraph.map((r) => r.maxRssMb)).toFixed(0)} | **${(igraphWall / oursWall).toFixed(2)}x** |
| igraph, Python line loop (gzip.open, split, Graph(edges), simplify, pagerank) | ${igraphLoopWall.toFixed(2)} | ${median(igraphLoop.map((r) => r.maxRssMb)).toFixed(0)} | **${(igraphLoopWall / oursWall).toFixed(2)}x** |

linkledger phases (last run, from --stats): ${Object.entries(last.phases)
  .map(([k, v]) => `${k} ${v.toFixed(3)} s`)
  .join(', ')};
process start-up (node, module loading) and exit are the rest of the wall time, ${(last.wall - (last.phases.total ?? 0)).toFixed(2)} s.
Every run's wall time: linkledger ${ours.map((r) => r.wall.toFixed(2)).join(', ')}; igraph C reader ${igraph.map((r) => r.wall.toFixed(2)).join(', ')}; Python loop ${igraphLoop.map((r) => r.wall.toFixed(2)).join(', ')}.
PageRank phase: ${last.iterations} iterations x ${last.edges} edges in ${last.phases.rank!.toFixed(3)} s = **${(visits / 1e6).toFixed(0)} million edge visits per second** on 2 threads.

igraph phases (last run): C reader: ${JSON.stringify(igraph.at(-1)!.phases)}; Python loop: ${JSON.stringify(igraphLoop.at(-1)!.phases)}.
`;
process.stdout.write(report);
if (args.includes('--write')) {
  const path = join(ROOT, 'bench', 'results', 'graph-rank.md');
  mkdirSync(dirname(path), { recursive: true });
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : '';
  writeFileSync(
    path,
    previous.includes('# graph rank: cnr-2000')
      ? `${report}\n${previous.slice(keptFrom(previous))}`.replace(/\n\n\n+/g, '\n\n')
      : report,
  );
  process.stdout.write(`wrote ${path}\n`);
}

/** The hand-written part of the results file survives a rewrite: from "### Notes", else the next "## ". */
function keptFrom(text: string): number {
  const notes = text.indexOf('\n### Notes');
  return notes >= 0 ? notes : text.indexOf('\n## ');
}
