/**
 * Toxicity benchmark: precision and recall of every detector on the real polblogs graph with planted link
 * schemes, and the share of the real blogs' links the audit flags.
 *
 *   node --import tsx bench/toxicity.ts [--write]
 *
 * Data: ../shared/data/polblogs (Adamic & Glance 2005: 1,490 political blogs, 19,015 distinct links;
 * research/test use only, see its SOURCE.txt). Nodes are read as referring domains, dailykos.com (337
 * in-links, the most linked blog) is the target, and its 337 real in-neighbours get deterministic,
 * realistic link attributes; four schemes are planted (test/core/toxicity/polblogs-plant.ts documents
 * the generator: one mulberry32 PRNG, seed 20041102):
 *   (a) a 30-domain link farm (mutual links at p = 0.9, footer/nav links, exact-match anchors),
 *   (b) a 20-domain paid network (two /24s, one Analytics account, one page template, commercial anchors),
 *   (c) 10 directory pages (300-900 external links; keyword anchors on half, the brand on the others),
 *   (d) 10 foreign-language spam pages (keyword anchors).
 * Ground truth: each planted group's expected reasons (EXPECTED in the plant); real links expect none.
 * Baseline (same run): the rule many simple audits use, "flag every followed link with an exact- or
 * partial-match keyword anchor" (core/ledger/anchor-class.ts).
 * Robustness runs: five more PRNG seeds; the domain graph cut to the referring domains and the target
 * (what a ledger knows); a vendor-CSV view (anchors and rel only); spam-mass seed sets of other sizes.
 * `--write` writes bench/results/toxicity.md. Deterministic: the same numbers on every machine (times vary).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { anchorClassifier } from '../src/core/ledger/anchor-class.ts';
import { assessToxicity } from '../src/core/toxicity/assess.ts';
import { DEFAULT_TOXICITY_CONFIG } from '../src/core/toxicity/config.ts';
import { denseGroupAround } from '../src/core/toxicity/detectors/link-farm.ts';
import type { ToxicityInput, ToxicityReport } from '../src/core/toxicity/model.ts';
import { hammingDistance, simhash } from '../src/core/toxicity/simhash.ts';
import {
  BRAND,
  type Evaluation,
  EXPECTED,
  evaluate,
  FULL_PLANT,
  KEYWORDS,
  type LinkGroup,
  type PlantedProfile,
  type PlantOptions,
  plantPolblogs,
  type Score,
} from '../test/core/toxicity/polblogs-plant.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const lines: string[] = [];
const out = (line = ''): void => {
  lines.push(line);
  console.log(line);
};
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const f3 = (x: number): string => x.toFixed(3);

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

function scoreOf(tp: number, fp: number, fn: number): Score {
  return {
    tp,
    fp,
    fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
  };
}

/** The baseline: flag every followed link whose anchor is an exact or partial keyword match. */
function keywordAnchorBaseline(planted: PlantedProfile): Score {
  const classify = anchorClassifier({ brandTerms: BRAND, keywords: KEYWORDS });
  let tp = 0;
  let fp = 0;
  let fn = 0;
  planted.input.backlinks.forEach((link, i) => {
    const cls = classify(link.anchor ?? '', false);
    const hit = !link.nofollow && !link.sponsored && !link.ugc && (cls === 'exact' || cls === 'partial');
    const isPlanted = planted.groups[i] !== 'real';
    if (hit && isPlanted) tp++;
    else if (hit) fp++;
    else if (isPlanted) fn++;
  });
  return scoreOf(tp, fp, fn);
}

function run(options: PlantOptions, shape: (input: ToxicityInput) => ToxicityInput = (x) => x) {
  const plant = timed(() => plantPolblogs(options));
  const input = shape(plant.value.input);
  const assess = timed(() => assessToxicity(input));
  return {
    planted: plant.value,
    report: assess.value,
    evaluation: evaluate(assess.value, plant.value),
    plantMs: plant.ms,
    assessMs: assess.ms,
  };
}

function realRate(e: Evaluation): string {
  return `${e.realFlagged} of ${e.realLinks} (${pct(e.realFlagged / e.realLinks)})`;
}

// ------------------------------------------------------------------------------------------ main run

const main = run(FULL_PLANT);
const times = [main.assessMs, run(FULL_PLANT).assessMs, run(FULL_PLANT).assessMs].sort((a, b) => a - b);
const { planted, report, evaluation } = main;
const counts = new Map<LinkGroup, number>();
for (const g of planted.groups) counts.set(g, (counts.get(g) ?? 0) + 1);
const domainsOf = (group: LinkGroup) =>
  new Set(planted.input.backlinks.filter((_, i) => planted.groups[i] === group).map((b) => b.sourceDomain))
    .size;

out('# Toxicity: planted link schemes on the real polblogs graph');
out();
out(
  `Run: ${new Date().toISOString().slice(0, 10)}, \`node --import tsx bench/toxicity.ts\`, Node ${process.version}, ` +
    `${cpus().length} cores. Deterministic (PRNG seed ${FULL_PLANT.seed}): only the times vary between runs.`,
);
out();
out(
  `Profile of dailykos.com: ${planted.input.backlinks.length} backlinks from ${planted.realDomains + domainsOf('farm') + domainsOf('network') + domainsOf('directory') + domainsOf('foreign')} ` +
    `referring domains; domain graph of ${planted.nodeCount} nodes and ${planted.edgeCount} links (polblogs + planted).`,
);
out();
out('| group | referring domains | links | expected reasons |');
out('|---|---:|---:|---|');
for (const group of ['real', 'farm', 'network', 'directory', 'foreign'] as const) {
  out(
    `| ${group} | ${group === 'real' ? planted.realDomains : domainsOf(group)} | ${counts.get(group) ?? 0} | ${EXPECTED[group].join(', ') || '(none)'} |`,
  );
}
out();
out('## Precision and recall per reason (links)');
out();
out('| reason | Google link-scheme example | TP | FP | FN | precision | recall |');
out('|---|---|---:|---:|---:|---:|---:|');
const schemeOf = new Map(report.links.flatMap((l) => l.reasons.map((r) => [r.code, r.scheme] as const)));
for (const r of evaluation.perReason) {
  out(
    `| ${r.code} | ${schemeOf.get(r.code) ?? ''} | ${r.tp} | ${r.fp} | ${r.fn} | ${f3(r.precision)} | ${f3(r.recall)} |`,
  );
}
const baseline = keywordAnchorBaseline(planted);
out();
out('## Overall (planted links vs real links)');
out();
out('| rule | TP | FP | FN | precision | recall |');
out('|---|---:|---:|---:|---:|---:|');
const row = (name: string, s: Score) =>
  out(`| ${name} | ${s.tp} | ${s.fp} | ${s.fn} | **${f3(s.precision)}** | **${f3(s.recall)}** |`);
row('flagged (score >= 50)', evaluation.flagged);
row('any reason (score > 0)', evaluation.anyReason);
row('baseline: every followed exact/partial keyword anchor', baseline);
out();
out(
  `Real blogs' links flagged: **${realRate(evaluation)}**, from ${evaluation.realDomainsFlagged} of ${planted.realDomains} real referring domains; ` +
    `real links with at least one (unflagged) reason: ${evaluation.realWithReason} (${pct(evaluation.realWithReason / evaluation.realLinks)}).`,
);
out(
  `Time: plant (incl. spam mass on the graph) ${main.plantMs.toFixed(0)} ms; audit of ${planted.input.backlinks.length} links, ` +
    `median of 3: ${times[1]!.toFixed(0)} ms (${((times[1]! * 1000) / planted.input.backlinks.length).toFixed(0)} µs/link, ` +
    'about half of it the simhash of the page texts).',
);

// Real links carrying a reason: which reasons.
const realReasons = new Map<string, number>();
for (const link of report.links) {
  if (planted.groups[link.index] !== 'real') continue;
  for (const r of link.reasons) realReasons.set(r.code, (realReasons.get(r.code) ?? 0) + 1);
}
out(`Reasons on real links: ${[...realReasons].map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}.`);

// ------------------------------------------------------------------------------------------ robustness

out();
out('## Robustness');
out();
out('| variant | flagged precision | flagged recall | real links flagged | notes |');
out('|---|---:|---:|---:|---|');
out(
  `| main (seed ${FULL_PLANT.seed}) | ${f3(evaluation.flagged.precision)} | ${f3(evaluation.flagged.recall)} | ${realRate(evaluation)} | |`,
);
for (const seed of [1, 2, 3, 4, 5]) {
  const r = run({ ...FULL_PLANT, seed });
  const weakest = [...r.evaluation.perReason].sort((a, b) => a.precision - b.precision)[0]!;
  out(
    `| PRNG seed ${seed} | ${f3(r.evaluation.flagged.precision)} | ${f3(r.evaluation.flagged.recall)} | ${realRate(r.evaluation)} | lowest per-reason precision: ${weakest.code} ${f3(weakest.precision)}; lowest recall ${f3(Math.min(...r.evaluation.perReason.map((p) => p.recall)))} |`,
  );
}
{
  const r = run(FULL_PLANT, (input) => {
    const keep = new Set([...input.backlinks.map((b) => b.sourceDomain), input.target.domain]);
    return { ...input, domainLinks: input.domainLinks!.filter((e) => keep.has(e.from) && keep.has(e.to)) };
  });
  const farm = r.evaluation.perReason.find((p) => p.code === 'link-farm')!;
  out(
    `| domain graph cut to referring domains + target | ${f3(r.evaluation.flagged.precision)} | ${f3(r.evaluation.flagged.recall)} | ${realRate(r.evaluation)} | link-farm P ${f3(farm.precision)} R ${f3(farm.recall)} |`,
  );
}
{
  const r = run(FULL_PLANT, (input) => ({
    target: input.target,
    backlinks: input.backlinks.map((b) => ({ ...b, placement: null })),
  }));
  out(
    `| vendor CSV (anchors, rel; no pages, domains, graph, placements) | ${f3(r.evaluation.flagged.precision)} | ${f3(r.evaluation.flagged.recall)} | ${realRate(r.evaluation)} | unavailable: ${r.report.unavailable.length} of 10 detectors; any-reason recall ${f3(r.evaluation.anyReason.recall)} |`,
  );
}
out();
out('### Spam mass and the size of the trusted seed set');
out();
out(
  'Relative spam mass (core/rank/spam-mass.ts) of a domain no trusted page reaches is `1 - (|S|/N) * floor / p`: ' +
    'it depends on how much of the graph the seeds cover. Seeds = real blogs with at least k in-links.',
);
out();
out(
  '| k | seeds | farm mass | real referring domains with PageRank x N >= 0.5: max mass, # >= 0.9 | high-spam-mass P / R |',
);
out('|---:|---:|---:|---|---|');
for (const k of [5, 10, 20, 40]) {
  const r = run({ ...FULL_PLANT, seedMinInLinks: k });
  const byDomain = new Map(r.planted.input.domains!.map((d) => [d.domain, d]));
  const farmDomains = new Set(
    r.planted.input.backlinks.filter((_, i) => r.planted.groups[i] === 'farm').map((b) => b.sourceDomain),
  );
  const realDomains = new Set(
    r.planted.input.backlinks.filter((_, i) => r.planted.groups[i] === 'real').map((b) => b.sourceDomain),
  );
  const farmMass = [...farmDomains].map((d) => byDomain.get(d)!.spamMass!);
  const realRanked = [...realDomains].map((d) => byDomain.get(d)!).filter((d) => d.pagerank! >= 0.5);
  const sm = r.evaluation.perReason.find((p) => p.code === 'high-spam-mass')!;
  out(
    `| ${k} | ${r.planted.seedCount} | ${f3(Math.min(...farmMass))}-${f3(Math.max(...farmMass))} | ${f3(Math.max(...realRanked.map((d) => d.spamMass!)))}, ${realRanked.filter((d) => d.spamMass! >= 0.9).length} of ${realRanked.length} | ${f3(sm.precision)} / ${f3(sm.recall)} |`,
  );
}

out();
out('### Link-farm groups: real communities vs the planted farm');
out();
out(
  'The dense group around each referring domain (detectors/link-farm.ts) that passes the size (6) and ' +
    "mutual-pair (60%) tests, and the share of its members' links to other domains that stay inside it " +
    '(the third test, flagged from 50%).',
);
out();
out('| domain graph | group of | groups | size | mutual pairs | inside share |');
out('|---|---|---:|---|---|---|');
for (const cut of [false, true]) {
  const p = main.planted;
  const referring = new Set(p.input.backlinks.map((b) => b.sourceDomain));
  const edges = cut
    ? p.input.domainLinks!.filter(
        (e) =>
          (referring.has(e.from) || e.from === p.input.target.domain) &&
          (referring.has(e.to) || e.to === p.input.target.domain),
      )
    : p.input.domainLinks!;
  const outLinks = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    if (from === to || to === p.input.target.domain) continue;
    if (!outLinks.has(from)) outLinks.set(from, new Set());
    outLinks.get(from)!.add(to);
  }
  const mutual = new Map<string, Set<string>>();
  for (const [from, tos] of outLinks) {
    if (!referring.has(from)) continue;
    for (const to of tos) {
      if (!referring.has(to) || !outLinks.get(to)?.has(from)) continue;
      if (!mutual.has(from)) mutual.set(from, new Set());
      mutual.get(from)!.add(to);
    }
  }
  const farmDomains = new Set(
    p.input.backlinks.filter((_, i) => p.groups[i] === 'farm').map((b) => b.sourceDomain),
  );
  const { minClusterSize, minDensity } = DEFAULT_TOXICITY_CONFIG.linkFarm;
  for (const isFarm of [false, true]) {
    const stats: Array<{ size: number; density: number; inside: number }> = [];
    for (const domain of mutual.keys()) {
      if (farmDomains.has(domain) !== isFarm) continue;
      const group = denseGroupAround(domain, mutual, minDensity);
      if (group.members.length < minClusterSize || group.density < minDensity) continue;
      const members = new Set(group.members);
      let inside = 0;
      let all = 0;
      for (const m of group.members) {
        for (const to of outLinks.get(m) ?? []) {
          all++;
          if (members.has(to)) inside++;
        }
      }
      stats.push({ size: members.size, density: group.density, inside: all === 0 ? 0 : inside / all });
    }
    const range = (xs: number[], f: (x: number) => string) =>
      xs.length === 0 ? '-' : `${f(Math.min(...xs))}-${f(Math.max(...xs))}`;
    out(
      `| ${cut ? 'referring domains + target only' : 'whole polblogs + planted'} | ${isFarm ? 'a farm domain' : 'a real blog'} | ${stats.length} | ${range(
        stats.map((x) => x.size),
        String,
      )} | ${range(
        stats.map((x) => x.density),
        pct,
      )} | ${range(
        stats.map((x) => x.inside),
        pct,
      )} |`,
    );
  }
}

out();
out('### Template fingerprints');
out();
templateDistances(main.planted, main.report);

function templateDistances(p: PlantedProfile, _report: ToxicityReport): void {
  const pageOf = new Map(p.input.pages!.map((page) => [page.url, page]));
  const hashes = (group: LinkGroup) =>
    p.input.backlinks
      .filter((_, i) => p.groups[i] === group)
      .map((b) => simhash(pageOf.get(b.sourceUrl)!.text!));
  const network = hashes('network');
  const pairs: number[] = [];
  for (let a = 0; a < network.length; a++) {
    for (let b = a + 1; b < network.length; b++) pairs.push(hammingDistance(network[a]!, network[b]!));
  }
  pairs.sort((a, b) => a - b);
  const real = hashes('real');
  let nearest = 64;
  const realPairs: number[] = [];
  for (let a = 0; a < real.length; a++) {
    for (let b = a + 1; b < real.length; b++) {
      const d = hammingDistance(real[a]!, real[b]!);
      realPairs.push(d);
      if (d < nearest) nearest = d;
    }
  }
  const mean = realPairs.reduce((s, d) => s + d, 0) / realPairs.length;
  out(
    `Planted network pages (${network.length}, one 800-word template, site name in two places): pairwise Hamming ` +
      `distance min ${pairs[0]}, median ${pairs[Math.floor(pairs.length / 2)]}, max ${pairs.at(-1)} (threshold 6, groups joined transitively). ` +
      `Real linking pages (${real.length}, ${realPairs.length} pairs): mean ${mean.toFixed(1)}, nearest pair ${nearest}.`,
  );
}

out();
out('### Reading these numbers');
out();
for (const note of [
  'The schemes are planted to the textbook patterns the detectors encode, on a real graph with real ' +
    'in-links: per-reason recall of 1 is expected, not an achievement. The informative numbers are the ' +
    'false positives on the 337 real blogs and the robustness rows.',
  'Where the real false positives come from: anchor-over-optimisation is a profile-level rule, so once ' +
    "the planted campaigns push the keyword share over 10% it also lists the real blogs' natural " +
    'partial-match anchors (6% of their anchors by construction); outbound-link-overload fires on real ' +
    'pages whose blogroll gives them 200+ external links; high-spam-mass fires on real blogs that no ' +
    'trusted seed links to. Each weighs under 0.5 here (0.38-0.49), so none flags a real link alone; the ' +
    'few real links flagged in other seeds carry two of them (spam mass and a partial-match anchor).',
  'Not flagged by design: the brand-anchored directory links (one reason, outbound-link-overload, score ' +
    '< 50) are listed for review; with a vendor CSV (anchors and rel only) only the paid anchors flag, ' +
    'and the keyword anchors are listed with a reason but no flag.',
  'Spam mass: the farm sits exactly at the mass of a node no seed reaches, which moves with the seed ' +
    'coverage (0.89 to 0.97 above); a fixed 0.9 threshold works only for a good core of about a quarter ' +
    'of the graph. See the caution in detectors/high-spam-mass.ts.',
  'Not modelled, so not measured: shared hosting of real sites on one /24 (real blogs get their own ' +
    'address unless on a listed platform), boilerplate shared by real pages of one CMS theme (real page ' +
    'texts are generated words; polblogs has no texts), multilingual audiences (real pages are English).',
]) {
  out(`- ${note}`);
}

if (process.argv.includes('--write')) {
  const path = join(ROOT, 'bench', 'results', 'toxicity.md');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${lines.join('\n')}\n`);
  console.log(`\nwrote ${path}`);
}
