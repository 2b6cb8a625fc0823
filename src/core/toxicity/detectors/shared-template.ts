/**
 * Shared template: linking pages on different referring domains whose texts are near-duplicates (one
 * template, spun or lightly edited text), the footprint of sites produced by one operator.
 *
 * Rule. Fingerprint each linking page with a 64-bit simhash (simhash.ts: given as `pages[].simhash`, or
 * computed from `pages[].text` when it has at least `minWords` words). Pages within `maxHammingDistance`
 * bits are joined, transitively (union-find), into groups. A group whose pages lie on at least
 * `minDomains` distinct referring domains flags the links on those pages.
 * Finding the pairs: split the 64 bits into `maxHammingDistance + 1` bands; two fingerprints within the
 * distance agree exactly on at least one band (pigeonhole), so only pages sharing a band value are
 * compared (Manku et al. 2007). Identical fingerprints are merged first, so a thousand copies of one page
 * cost one comparison.
 * Thresholds (config.template): maxHammingDistance 6, minDomains 3, minWords 20; severity 0.75 at 3 domains
 * rising to 1 at 12. Why 6 bits and not Manku et al.'s 3: simhash bits differ with probability angle/pi
 * between the two shingle vectors, so two 800-word pages that differ in 5 words (15 of 800 shingles) are
 * 4 bits apart on average and up to 13 (200 random pairs measured): 3 bits would miss about half of
 * them. Manku's 3 bits keeps precision among 8 billion pages; a
 * target has at most ~10^5 linking pages, where two unrelated fingerprints fall within 6 bits with
 * probability sum_{k<=6} C(64,k) / 2^64 = 4.6e-12 per pair (2e-2 false pairs among 10^5 pages), and a
 * group also needs 3 domains.
 * Needs: `pages[].simhash` or `pages[].text`.
 */
import type { ToxicityConfig } from '../config.ts';
import {
  type Detector,
  type DetectorOutcome,
  type Finding,
  rampSeverity,
  type ToxicityView,
} from '../detector.ts';
import { othersText } from '../shared-groups.ts';
import {
  hammingDistance,
  parseSimhash,
  type Simhash,
  simhash,
  simhashBits,
  simhashToHex,
} from '../simhash.ts';

export const sharedTemplateDetector: Detector = {
  code: 'shared-template',
  detect(view: ToxicityView, config: ToxicityConfig): DetectorOutcome {
    const { maxHammingDistance, minDomains, minWords } = config.template;
    // Distinct fingerprints, with the pages (URLs) and link indexes behind each.
    const byHash = new Map<string, { hash: Simhash; links: number[] }>();
    let known = 0;
    const fingerprintOf = new Map<string, Simhash | null>();
    for (const i of view.external) {
      const url = view.link(i).sourceUrl;
      let hash = fingerprintOf.get(url);
      if (hash === undefined) {
        hash = fingerprint(view, url, minWords);
        fingerprintOf.set(url, hash);
        if (hash !== null) known++;
      }
      if (hash === null) continue;
      const key = simhashToHex(hash);
      let entry = byHash.get(key);
      if (!entry) {
        entry = { hash, links: [] };
        byHash.set(key, entry);
      }
      entry.links.push(i);
    }
    if (known === 0) return { unavailable: 'no page texts or simhashes known for the linking pages' };

    const entries = [...byHash.values()];
    const parent = entries.map((_, k) => k);
    const find = (k: number): number => {
      while (parent[k] !== k) {
        parent[k] = parent[parent[k]!]!;
        k = parent[k]!;
      }
      return k;
    };
    const bands = maxHammingDistance + 1;
    const width = Math.floor(64 / bands);
    for (let band = 0; band < bands; band++) {
      const from = band * width;
      const bits = Math.min(32, band === bands - 1 ? 64 - from : width);
      const buckets = new Map<number, number[]>();
      for (let k = 0; k < entries.length; k++) {
        const value = simhashBits(entries[k]!.hash, from, bits);
        const bucket = buckets.get(value);
        if (bucket) bucket.push(k);
        else buckets.set(value, [k]);
      }
      for (const bucket of buckets.values()) {
        for (let a = 0; a < bucket.length; a++) {
          for (let b = a + 1; b < bucket.length; b++) {
            const x = bucket[a]!;
            const y = bucket[b]!;
            if (find(x) === find(y)) continue;
            if (hammingDistance(entries[x]!.hash, entries[y]!.hash) <= maxHammingDistance)
              parent[find(x)] = find(y);
          }
        }
      }
    }

    const groups = new Map<number, number[]>();
    for (let k = 0; k < entries.length; k++) {
      const root = find(k);
      const group = groups.get(root);
      if (group) group.push(...entries[k]!.links);
      else groups.set(root, [...entries[k]!.links]);
    }
    const findings: Finding[] = [];
    for (const links of groups.values()) {
      const domains = new Set(links.map((i) => view.domainOf(i)));
      if (domains.size < minDomains) continue;
      const severity = rampSeverity(domains.size, minDomains, 4 * minDomains, config.severityAtThreshold);
      for (const i of links) {
        const domain = view.domainOf(i);
        const others = [...domains].filter((d) => d !== domain);
        const evidence =
          `the linking page's text is within ${maxHammingDistance} bits (64-bit simhash) of linking pages ` +
          `${othersText(others)} (flagged from ${minDomains} domains)`;
        findings.push({ link: i, severity, evidence });
      }
    }
    return { findings };
  },
};

function fingerprint(view: ToxicityView, url: string, minWords: number): Simhash | null {
  const page = view.pages.get(url);
  if (!page) return null;
  if (page.simhash) return parseSimhash(page.simhash);
  if (!page.text) return null;
  const words = page.text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  return words >= minWords ? simhash(page.text) : null;
}
