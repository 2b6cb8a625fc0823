/**
 * The quality of one backlink, 0-100, with every factor shown (`linkledger explain`).
 *
 *     base    = sum_i w_i * v_i / sum_i w_i            v_i in [0, 1]: page authority / 100, domain authority
 *                                                        / 100, page relevance, anchor relevance, placement
 *                                                        value, dilution (below)
 *     quality = 100 * base * rel * kind * sitewide * language        (0 for a lost link)
 *
 *     dilution(n) = 1                                   for n <= free external outlinks
 *                 = max(floor, 1 - (1 - floor) * ln(n / free) / ln(saturated / free))   above
 *
 * An input that is not known (no `linkledger rank` yet, a vendor row without page text) takes the neutral
 * value `unknown` and is marked so: the score never pretends to know. Weights: weights.ts.
 */
import type { LedgerKind } from '../ledger/model.ts';
import type { Placement } from '../link/link.ts';
import type { QualityWeights } from './weights.ts';

export interface LinkQualityInput {
  kind: LedgerKind;
  image: boolean;
  nofollow: boolean;
  sponsored: boolean;
  ugc: boolean;
  placement: Placement;
  live: boolean;
  /** 0-100 (authority table), null before a rank run. */
  pageAuthority: number | null;
  domainAuthority: number | null;
  /** 0..1, null when either page has no text digest. */
  relevance: number | null;
  anchorRelevance: number | null;
  /** Links from the linking page to other registrable domains, null when the page was never captured. */
  externalOutlinks: number | null;
  /** Pages of the referring domain linking to the target. */
  domainLinkingPages: number;
  sourceLang: string | null;
  targetLang: string | null;
}

export interface QualityFactor {
  name: string;
  /** `base`: a share of the base score; `multiplier`: scales the whole score. */
  role: 'base' | 'multiplier';
  /** The input as a user reads it (`DA 41.2`, `footer`, `312 external links`). */
  input: string;
  /** Value in [0, 1] (base) or the multiplier. */
  value: number;
  /** Base factors: normalised weight; multipliers: 1. */
  weight: number;
  /** Points this factor adds (base) or removes (multiplier, negative), in the final 0-100 score. */
  points: number;
  known: boolean;
}

export interface LinkQuality {
  score: number;
  factors: QualityFactor[];
}

export function linkQuality(link: LinkQualityInput, w: QualityWeights): LinkQuality {
  const baseFactors = baseFactorsOf(link, w);
  const total = baseFactors.reduce((s, f) => s + f.weight, 0) || 1;
  let base = 0;
  for (const f of baseFactors) {
    f.weight /= total;
    base += f.weight * f.value;
  }
  const multipliers = multipliersOf(link, w);
  let score = 100 * base;
  for (const f of baseFactors) f.points = 100 * f.weight * f.value;
  for (const m of multipliers) {
    const before = score;
    score *= m.value;
    m.points = score - before;
  }
  return { score, factors: [...baseFactors, ...multipliers] };
}

function baseFactorsOf(l: LinkQualityInput, w: QualityWeights): QualityFactor[] {
  const unknown = w.unknown;
  const share = (name: string, weight: number, value: number | null, input: string): QualityFactor => ({
    name,
    role: 'base',
    input: value === null ? 'unknown' : input,
    value: value === null ? unknown : clamp01(value),
    weight,
    points: 0,
    known: value !== null,
  });
  return [
    share(
      'page authority',
      w.base.pageAuthority,
      l.pageAuthority === null ? null : l.pageAuthority / 100,
      `UR ${l.pageAuthority?.toFixed(1)}`,
    ),
    share(
      'domain authority',
      w.base.domainAuthority,
      l.domainAuthority === null ? null : l.domainAuthority / 100,
      `DA ${l.domainAuthority?.toFixed(1)}`,
    ),
    share('relevance', w.base.relevance, l.relevance, `${((l.relevance ?? 0) * 100).toFixed(0)}% similar`),
    share(
      'anchor relevance',
      w.base.anchorRelevance,
      l.anchorRelevance,
      `${((l.anchorRelevance ?? 0) * 100).toFixed(0)}% of the anchor matches`,
    ),
    share('placement', w.base.placement, w.placement[l.placement], l.placement),
    share(
      'dilution',
      w.base.dilution,
      l.externalOutlinks === null ? null : dilution(l.externalOutlinks, w),
      `${l.externalOutlinks} external links on the page`,
    ),
  ];
}

function multipliersOf(l: LinkQualityInput, w: QualityWeights): QualityFactor[] {
  const out: QualityFactor[] = [];
  const mult = (name: string, value: number, input: string) =>
    out.push({ name, role: 'multiplier', input, value, weight: 1, points: 0, known: true });
  if (!l.live) mult('lost', 0, 'the link is lost');
  const rels: [string, number][] = [];
  if (l.nofollow) rels.push(['nofollow', w.rel.nofollow]);
  if (l.sponsored) rels.push(['sponsored', w.rel.sponsored]);
  if (l.ugc) rels.push(['ugc', w.rel.ugc]);
  const rel = rels.length === 0 ? (['followed', w.rel.followed] as [string, number]) : minBy(rels);
  mult('rel', rel[1], rels.length === 0 ? 'followed' : rels.map((r) => r[0]).join('+'));
  mult('kind', w.kind[l.kind] ?? w.kind.other, l.kind);
  if (l.image) mult('image link', w.kind.image, 'an image link (alt text as anchor)');
  const pages = l.domainLinkingPages;
  if (pages > w.sitewide.manyPages)
    mult('sitewide', w.sitewide.manyMultiplier, `${pages} pages of the domain link to the target`);
  else if (pages > w.sitewide.fewPages)
    mult('sitewide', w.sitewide.fewMultiplier, `${pages} pages of the domain link to the target`);
  if (l.sourceLang && l.targetLang && primary(l.sourceLang) !== primary(l.targetLang))
    mult('language', w.languageMismatch, `page in ${l.sourceLang}, target in ${l.targetLang}`);
  return out;
}

export function dilution(externalOutlinks: number, w: QualityWeights): number {
  const { freeOutlinks: free, saturatedOutlinks: sat, floor } = w.dilution;
  if (externalOutlinks <= free) return 1;
  const t = Math.log(externalOutlinks / free) / Math.log(sat / free);
  return Math.max(floor, 1 - (1 - floor) * t);
}

const primary = (lang: string) => lang.toLowerCase().split(/[-_]/)[0];
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const minBy = (pairs: [string, number][]) => pairs.reduce((a, b) => (b[1] < a[1] ? b : a));
