/**
 * `linkledger graph rank` end to end: the real command line, real files, output compared with NetworkX.
 * Most runs go through `main()` in-process (fast); two spawn the real launcher (bin/linkledger.js) to
 * prove the worker threads start in a plain process too.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/main/cli.ts';
import { REPO_ROOT, sharedData } from '../support/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-graph-rank-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const reference = JSON.parse(
  readFileSync(sharedData('networkx-reference', 'networkx-reference.json'), 'utf8'),
);

async function run(...args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await main(['graph', 'rank', ...args]), stderr };
  } finally {
    spy.mockRestore();
  }
}

/** The output file as a map from node to its columns, checking the header. */
function readRanks(path: string, header: string): Map<string, number[]> {
  const [first, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  expect(first).toBe(header);
  return new Map(
    lines.map((line) => {
      const [node, ...values] = line.split('\t');
      return [node!, values.map(Number)];
    }),
  );
}

function l1(
  ranks: Map<string, number[]>,
  expected: Iterable<[string, number]>,
  column = 0,
  rename = (k: string) => k,
): number {
  let sum = 0;
  for (const [node, value] of expected) sum += Math.abs(ranks.get(rename(node))![column]! - value);
  return sum;
}

const polblogs = [
  '--threads',
  '1',
  '--edges',
  sharedData('polblogs', 'polblogs.edges.tsv'),
  '--vertices',
  sharedData('polblogs', 'polblogs.vertices.tsv'),
];
const blogName = new Map(
  readFileSync(sharedData('polblogs', 'polblogs.vertices.tsv'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split('\t').map((field) => field.trim()) as [string, string]), // names are trimmed
);

describe('linkledger graph rank', () => {
  it('PageRank on polblogs with its vertex file: NetworkX values, names in the output', async () => {
    const out = join(dir, 'polblogs-pr.tsv');
    const { code, stderr } = await run(...polblogs, '--tol', '1e-13', '--stats', '--out', out);
    expect(code).toBe(0);
    const ranks = readRanks(out, '#node\tscore');
    expect(ranks.size).toBe(1490); // isolated blogs included
    const distance = l1(ranks, Object.entries(reference.polblogs.pagerank), 0, (id) => blogName.get(id)!);
    expect(distance).toBeLessThan(1e-6);
    expect(stderr).toMatch(
      /graph +1490 nodes, 19015 edges \(19015 edge lines, 0 duplicates collapsed, 3 self-loops kept/,
    );
    expect(stderr).toMatch(/iterations +\d+/);
    expect(stderr).toMatch(/converged +yes/);
    for (const phase of ['read', 'build', 'rank', 'write', 'total'])
      expect(stderr).toMatch(new RegExp(`${phase} s +\\d+\\.\\d{3}`));
  });

  it('--extrapolate-every 0 is plain power iteration: more iterations, the same PageRank', async () => {
    const plainOut = join(dir, 'polblogs-plain.tsv');
    const fastOut = join(dir, 'polblogs-fast.tsv');
    const plain = await run(...polblogs, '--extrapolate-every', '0', '--stats', '--out', plainOut);
    const fast = await run(...polblogs, '--stats', '--out', fastOut);
    expect([plain.code, fast.code]).toEqual([0, 0]);
    expect(plain.stderr).toMatch(/pagerank \(power iteration\)/);
    expect(fast.stderr).toMatch(/pagerank \(power iteration with power extrapolation\)/);
    const iterations = (stderr: string) => Number(/iterations +(\d+)/.exec(stderr)![1]);
    expect(iterations(fast.stderr)).toBeLessThan(iterations(plain.stderr) * 0.7);
    const a = readRanks(plainOut, '#node\tscore');
    const b = readRanks(fastOut, '#node\tscore');
    let distance = 0;
    for (const [node, [score]] of a) distance += Math.abs(score! - b.get(node)![0]!);
    expect(distance).toBeLessThan((0.85 / 0.15) * 2e-10); // both within the residual rule's error bound
    expect((await run(...polblogs, '--extrapolate-every', '-1', '--out', fastOut)).code).toBe(2);
  });

  it('HITS and harmonic centrality on hollins (space-separated, header as a comment)', async () => {
    const edges = join(dir, 'hollins.tsv');
    writeFileSync(edges, `#${readFileSync(sharedData('hollins-webgraph', 'hollins.dat'), 'utf8')}`);
    const hitsOut = join(dir, 'hollins-hits.tsv');
    expect(
      (await run('--threads', '1', '--edges', edges, '--algo', 'hits', '--tol', '1e-14', '--out', hitsOut))
        .code,
    ).toBe(0);
    const hits = readRanks(hitsOut, '#node\tauthority\thub');
    expect(
      l1(
        hits,
        reference.hollins.authority_top20.map(([k, v]: [number, number]) => [String(k), v]),
        0,
      ),
    ).toBeLessThan(1e-6);
    expect(
      l1(
        hits,
        reference.hollins.hub_top20.map(([k, v]: [number, number]) => [String(k), v]),
        1,
      ),
    ).toBeLessThan(1e-6);
    const harmonicOut = join(dir, 'hollins-harmonic.tsv');
    expect(
      (await run('--threads', '2', '--edges', edges, '--algo', 'harmonic', '--out', harmonicOut)).code,
    ).toBe(0);
    expect(
      l1(readRanks(harmonicOut, '#node\tscore'), Object.entries(reference.hollins.harmonic_centrality_in)),
    ).toBeLessThan(1e-6);
  });

  it('HyperBall on request: approximate, says so, within a few rsd on average', async () => {
    const out = join(dir, 'polblogs-hb.tsv');
    const { code, stderr } = await run(
      ...polblogs,
      '--algo',
      'harmonic',
      '--harmonic',
      'hyperball',
      '--log2m',
      '10',
      '--out',
      out,
    );
    expect(code).toBe(0);
    expect(stderr).toMatch(/HyperBall: relative standard deviation 3\.3%/);
    const ranks = readRanks(out, '#node\tscore');
    let error = 0;
    for (const [id, exact] of Object.entries(reference.polblogs.harmonic_centrality_in) as Array<
      [string, number]
    >) {
      error += Math.abs(ranks.get(blogName.get(id)!)![0]! - exact) / (exact + 1);
    }
    expect(error / ranks.size).toBeLessThan(3 * 0.0325);
  });

  it('TrustRank from a seed file names the seeds it cannot find; spam mass lies in [0, 1]', async () => {
    const seeds = join(dir, 'seeds.txt');
    writeFileSync(seeds, '# trusted\natrios.blogspot.com\ndailykos.com\nno-such-blog.example\n');
    const out = join(dir, 'polblogs-tr.tsv');
    const { code, stderr } = await run(...polblogs, '--algo', 'trustrank', '--seeds', seeds, '--out', out);
    expect(code).toBe(0);
    expect(stderr).toMatch(/1 seed\(s\) of .*seeds\.txt are not in the graph: "no-such-blog\.example"/);
    const trust = readRanks(out, '#node\tscore');
    expect(trust.get('atrios.blogspot.com')![0]).toBeGreaterThan(0.05);
    const massOut = join(dir, 'polblogs-spam.tsv');
    expect((await run(...polblogs, '--algo', 'spam-mass', '--seeds', seeds, '--out', massOut)).code).toBe(0);
    for (const [, [mass]] of readRanks(massOut, '#node\tscore')) expect(mass! >= 0 && mass! <= 1).toBe(true);
  });

  it('reads the Common Crawl toy graph and string labels', async () => {
    const out = join(dir, 'cc.tsv');
    const cc = [
      '--threads',
      '1',
      '--edges',
      sharedData('cc-webgraph-example', 'edges.txt'),
      '--vertices',
      sharedData('cc-webgraph-example', 'vertices.txt'),
    ];
    expect((await run(...cc, '--tol', '1e-14', '--out', out)).code).toBe(0);
    const ranks = readRanks(out, '#node\tscore');
    expect(ranks.get('https://en.wikipedia.org/wiki/Webgraph')![0]).toBeCloseTo(
      reference['cc-webgraph-example'].pagerank['0'],
      12,
    );
    const strings = join(dir, 'hosts.tsv');
    writeFileSync(strings, 'com.example\torg.wikipedia\norg.wikipedia\tcom.example\nnet.spam\tcom.example\n');
    const stringOut = join(dir, 'hosts-pr.tsv');
    expect((await run('--threads', '1', '--edges', strings, '--out', stringOut)).code).toBe(0);
    expect([...readRanks(stringOut, '#node\tscore').keys()]).toEqual([
      'com.example',
      'org.wikipedia',
      'net.spam',
    ]);
  });

  it('bad input: line number (exit 3), --lenient counts, empty graph, missing seeds (exit 2)', async () => {
    const bad = join(dir, 'bad.tsv');
    writeFileSync(bad, '1\t2\n2\t3\n3 4 5\n4\t1\n');
    const out = join(dir, 'bad-out.tsv');
    const failed = await run('--threads', '1', '--edges', bad, '--out', out);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toMatch(/bad\.tsv: line 3: expected exactly two labels: "3 4 5"/);
    const lenient = await run('--threads', '1', '--edges', bad, '--lenient', '--out', out);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toMatch(/skipped 1 malformed line\(s\) of .*bad\.tsv \(first: line 3\)/);
    const empty = join(dir, 'empty.tsv');
    writeFileSync(empty, '# nothing here\n');
    const none = await run('--threads', '1', '--edges', empty, '--out', out);
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/the graph is empty: no edges in .*empty\.tsv/);
    const noSeeds = await run(
      '--threads',
      '1',
      '--edges',
      bad,
      '--lenient',
      '--algo',
      'trustrank',
      '--out',
      out,
    );
    expect(noSeeds.code).toBe(2);
    expect(noSeeds.stderr).toMatch(/--algo trustrank needs --seeds FILE/);
    expect((await run('--threads', '1', '--edges', bad, '--alpha', 'x', '--out', out)).code).toBe(2);
  });

  it('writes the same bytes on 1 and 2 threads, from the real launcher', async () => {
    const exec = promisify(execFile);
    const outputs: string[] = [];
    for (const threads of ['1', '2']) {
      const out = join(dir, `threads-${threads}.tsv`);
      await exec(
        process.execPath,
        [
          join(REPO_ROOT, 'bin', 'linkledger.js'),
          'graph',
          'rank',
          ...polblogs.slice(2),
          '--threads',
          threads,
          '--out',
          out,
        ],
        {
          cwd: REPO_ROOT,
        },
      );
      outputs.push(readFileSync(out, 'utf8'));
    }
    expect(outputs[0]!.split('\n').length).toBe(1492);
    expect(outputs[1]).toBe(outputs[0]);
  });
});
