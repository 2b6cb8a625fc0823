/**
 * `linkledger graph rank`: rank the nodes of an edge-list file (PageRank, TrustRank, spam mass, HITS,
 * harmonic centrality) and write one TSV line per node. A thin shell over app/graph-rank.ts; the
 * statistics and warnings go to stderr.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  GRAPH_ALGORITHMS,
  type GraphAlgorithm,
  type GraphRankPorts,
  type GraphRankReport,
  graphRank,
  HARMONIC_METHODS,
  type HarmonicMethod,
  type VertexTableInfo,
} from '../../../app/graph-rank.ts';

interface GraphRankFlags {
  edges: string;
  vertices?: string;
  algo: GraphAlgorithm;
  alpha: number;
  tol: number;
  maxIter: number;
  seeds?: string;
  threads: number;
  stats?: boolean;
  out: string;
  lenient?: boolean;
  dangling?: 'teleport' | 'uniform';
  harmonic: HarmonicMethod;
  log2m: number;
  hashSeed: number;
  extrapolateEvery: number;
}

/** `ports`: the file and thread adapters, chosen by the composition root (main/graph-rank-ports.ts). */
export function registerGraphRank<V extends VertexTableInfo>(
  program: Command,
  ports: GraphRankPorts<V>,
  defaultThreads: number,
): void {
  const graph =
    program.commands.find((command) => command.name() === 'graph') ??
    program.command('graph').description('work on link graphs given as edge-list files');
  graph
    .command('rank')
    .description(
      'rank the nodes of an edge list: one "src<TAB>dst" pair per line (plain or .gz, # comments, integer or ' +
        'string labels), duplicate edges collapsed, self-loops kept (the same graph as NetworkX DiGraph)',
    )
    .requiredOption('--edges <file>', 'edge list: "src<TAB>dst" per line, plain or gzipped')
    .option(
      '--vertices <file>',
      'Common Crawl vertex file ("id<TAB>name"): fixes the node set; output uses the names',
    )
    .addOption(
      new Option(
        '--algo <algorithm>',
        'ranking algorithm (spam-mass writes the share of each PageRank not explained by the seeds, 0..1)',
      )
        .choices(GRAPH_ALGORITHMS)
        .default('pagerank'),
    )
    .option('--alpha <number>', 'damping factor (PageRank family)', parseNumber, 0.85)
    .option('--tol <number>', 'stop when the L1 change of an iteration is below this', parseNumber, 1e-10)
    .option(
      '--max-iter <n>',
      'iteration budget (a result that did not converge is still written, with a warning)',
      parseInteger,
      1000,
    )
    .option(
      '--seeds <file>',
      'trusted seeds for trustrank and spam-mass: one node label (or vertex name) per line',
    )
    .option(
      '--extrapolate-every <n>',
      'PageRank family: power extrapolation every n iterations (0 or up to 6: plain power iteration; same result)',
      parseInteger,
      25,
    )
    .option('--threads <n>', 'threads to rank on (the default is every core)', parseInteger, defaultThreads)
    .addOption(
      new Option(
        '--dangling <policy>',
        'where dangling nodes send their rank (default: the teleport vector, as NetworkX)',
      ).choices(['teleport', 'uniform']),
    )
    .addOption(
      new Option('--harmonic <method>', 'harmonic centrality: exact BFS, HyperBall, or auto by graph size')
        .choices(HARMONIC_METHODS)
        .default('auto'),
    )
    .option(
      '--log2m <n>',
      'HyperBall: log2 of the HyperLogLog registers per node (rsd 1.04/sqrt(2^n))',
      parseInteger,
      8,
    )
    .option('--hash-seed <n>', 'HyperBall: hash seed (same seed, same estimates)', parseInteger, 0)
    .option('--lenient', 'skip malformed edge lines and count them instead of failing')
    .option('--stats', 'print iterations, residual and seconds per phase to stderr')
    .requiredOption(
      '--out <file>',
      'output TSV ("#node<TAB>score"; HITS: "#node<TAB>authority<TAB>hub"); .gz to gzip',
    )
    .action(async (flags: GraphRankFlags) => {
      const report = await graphRank(
        {
          edges: flags.edges,
          vertices: flags.vertices,
          algorithm: flags.algo,
          out: flags.out,
          alpha: flags.alpha,
          tolerance: flags.tol,
          maxIterations: flags.maxIter,
          seeds: flags.seeds,
          threads: flags.threads,
          lenient: flags.lenient ?? false,
          dangling: flags.dangling,
          harmonic: flags.harmonic,
          log2m: flags.log2m,
          hashSeed: flags.hashSeed,
          extrapolateEvery: flags.extrapolateEvery,
        },
        ports,
      );
      for (const warning of report.warnings) process.stderr.write(`linkledger: warning: ${warning}\n`);
      if (flags.stats) process.stderr.write(formatStats(report));
    });
}

export function formatStats(report: GraphRankReport): string {
  const lines = [
    `algorithm   ${report.algorithm} (${report.method}), ${report.threads} thread(s)`,
    `graph       ${report.nodes} nodes, ${report.edges} edges (${report.edgeLines} edge lines, ${report.duplicateEdges} duplicates collapsed, ${report.selfLoops} self-loops kept${report.skippedLines > 0 ? `, ${report.skippedLines} malformed lines skipped` : ''})`,
    ...(report.seeds > 0 ? [`seeds       ${report.seeds}`] : []),
    `iterations  ${report.iterations}`,
    `residual    ${report.residual}`,
    `converged   ${report.converged ? 'yes' : 'no'} (${report.stopReason})`,
    ...(report.relativeStandardDeviation === undefined
      ? []
      : [`rsd         ${report.relativeStandardDeviation}`]),
    ...report.phases.map((p) => `${`${p.phase} s`.padEnd(12)}${p.seconds.toFixed(3)}`),
    `${'total s'.padEnd(12)}${report.phases.reduce((sum, p) => sum + p.seconds, 0).toFixed(3)}`,
  ];
  return `${lines.join('\n')}\n`;
}

function parseNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) throw new InvalidArgumentError('not a number.');
  return number;
}

function parseInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number))
    throw new InvalidArgumentError('not a whole number.');
  return number;
}
