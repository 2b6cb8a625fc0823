/**
 * Throughput of HTML link extraction on the 258 real news pages of npm htmlparser-benchmark, against
 * htmlparser2 itself, all in one run (same process, same pages, same warm-up):
 *   - tokenizer: htmlparser2's bare `Tokenizer` with no-op callbacks (the baseline: the cost of reading
 *     the markup at all);
 *   - parser: htmlparser2's `Parser` with no-op `onopentag` / `ontext` / `onclosetag` handlers (what a
 *     SAX extractor built on the Parser pays before doing any work);
 *   - extractor: our `createHtmlLinkExtractor`, the full thing: links, anchor text, rel, placement,
 *     page facts, and every link resolved to an absolute URL at `end()`.
 * Pages are read into memory first; text decoding is not timed. Each round times each contender over all
 * pages (rotating the order), and the median of the rounds is reported, as MB/s of UTF-8 input and as a
 * ratio to the tokenizer. Target: extractor >= 0.75 x tokenizer.
 *
 * Two clocks: wall time, and the process's CPU time (user + system, process.cpuUsage). The machines this
 * runs on are shared; when other jobs compete for the cores, wall time swings by tens of percent while CPU
 * time stays close to what an idle machine shows. CPU time also counts V8's helper threads (concurrent GC),
 * which only penalises the contenders that allocate more (ours). The load average before and after the
 * run is printed with the table.
 *
 *   node --import tsx bench/html-extract.ts [--rounds N] [--write]
 * `--write` stores the table in bench/results/html-extract.md.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Parser, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { createHtmlLinkExtractor } from '../src/adapters/html/index.ts';
import { HTML_CORPUS_DIR, REPO_ROOT } from '../test/support/paths.ts';

const args = process.argv.slice(2);
const roundsArg = args.indexOf('--rounds');
const ROUNDS = roundsArg === -1 ? 9 : Number(args[roundsArg + 1]);
const WRITE = args.includes('--write');

const files = readdirSync(HTML_CORPUS_DIR)
  .filter((f) => f.endsWith('.html'))
  .sort();
const pages = files.map((f) => readFileSync(join(HTML_CORPUS_DIR, f), 'utf8'));
const megabytes = pages.reduce((sum, page) => sum + Buffer.byteLength(page), 0) / 1e6;

const noop = (): void => {};
const noopCallbacks: TokenizerCallbacks = {
  onattribdata: noop,
  onattribentity: noop,
  onattribend: noop,
  onattribname: noop,
  oncdata: noop,
  onclosetag: noop,
  oncomment: noop,
  ondeclaration: noop,
  onend: noop,
  onopentagend: noop,
  onopentagname: noop,
  onprocessinginstruction: noop,
  onselfclosingtag: noop,
  ontext: noop,
  ontextentity: noop,
};

let sink = 0;

const contenders: Record<string, () => void> = {
  tokenizer() {
    for (const page of pages) {
      const tokenizer = new Tokenizer({}, noopCallbacks);
      tokenizer.write(page);
      tokenizer.end();
    }
  },
  parser() {
    for (const page of pages) {
      const parser = new Parser({ onopentag: noop, ontext: noop, onclosetag: noop });
      parser.write(page);
      parser.end();
    }
  },
  extractor() {
    for (let i = 0; i < pages.length; i++) {
      const extractor = createHtmlLinkExtractor({
        pageUrl: null,
        fallbackUrl: `http://corpus.invalid/${files[i]}`,
      });
      extractor.write(pages[i]!);
      sink += extractor.end().links.length;
    }
  },
};

const names = Object.keys(contenders);
const wall: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
const cpu: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
const loadBefore = loadavg()[0]!;
for (const name of names) contenders[name]!(); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (let k = 0; k < names.length; k++) {
    const name = names[(round + k) % names.length]!;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    contenders[name]!();
    wall[name]!.push(performance.now() - t0);
    const used = process.cpuUsage(cpu0);
    cpu[name]!.push((used.user + used.system) / 1000);
  }
}
const loadAfter = loadavg()[0]!;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const rate = (ms: number): number => megabytes / (ms / 1000);
const linksPerPass = sink / (ROUNDS + 1);

const rows = names.map((name) => {
  const w = median(wall[name]!);
  const c = median(cpu[name]!);
  const wr = median(wall.tokenizer!) / w;
  const cr = median(cpu.tokenizer!) / c;
  return `| ${name} | ${w.toFixed(1)} | ${rate(w).toFixed(1)} | ${wr.toFixed(2)} | ${c.toFixed(1)} | ${rate(c).toFixed(1)} | ${cr.toFixed(2)} |`;
});
const table = [
  '| contender | wall ms / pass | MB/s (wall) | ratio (wall) | CPU ms / pass | MB/s (CPU) | ratio (CPU) |',
  '|---|---|---|---|---|---|---|',
  ...rows,
].join('\n');

const date = new Date().toISOString().slice(0, 10);
const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`;
const report = `# HTML link extraction throughput

${date}; ${machine}; ${pages.length} pages, ${megabytes.toFixed(1)} MB (UTF-8), ${ROUNDS} rounds, medians;
load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after (the machine is shared).
${Math.round(linksPerPass)} links per pass over the corpus. Ratios are against the bare tokenizer.

${table}

Target: extractor >= 0.75 x tokenizer. Reproduce: \`node --import tsx bench/html-extract.ts --write\`.
`;
process.stdout.write(`${report}\n`);
if (WRITE) writeFileSync(join(REPO_ROOT, 'bench', 'results', 'html-extract.md'), report);
