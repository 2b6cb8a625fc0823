/**
 * How related two pages are, how well an anchor names its target, and what a page is about, from text
 * digests (digest.ts) and document frequencies (frequencies.ts).
 *
 * TF-IDF vector of a digest d (c = the term's weighted count in d, idf from frequencies.ts; idf = 1
 * without frequencies):
 *
 *   w(t, d) = (1 + ln c(t, d)) * idf(t)
 *
 * Page relevance: the cosine of the two vectors, 0 (no term in common) to 1 (same direction):
 *
 *   pageRelevance(s, t) = sum_x w(x, s) w(x, t) / (|w(s)| |w(t)|)
 *
 * Anchor relevance: the share of the anchor's information that the target is about, discounted for
 * anchors that carry little. Anchor terms A (analysed in the target's language, stop words out, each term
 * once); for each, how much the target is about it:
 *
 *   m(a) = 1 if a is a term of the target's title, else sqrt(w(a, t) / max_x w(x, t)) (0 if absent)
 *   coverage = sum_a idf(a) m(a) / sum_a idf(a)
 *   information = min(1, sum_a nidf(a)), nidf(a) = ln((1 + N) / (1 + df(a))) / ln(1 + N)
 *   anchorRelevance = coverage * information
 *
 * nidf is idf scaled to 0..1: 1 for a term no page holds, 0 for one every page holds, so one distinctive
 * word is full information and "click here", "read more" (stop words and words on most pages) are next to
 * none. Without frequencies (N = 0) information is 1. An anchor with no terms, or a target with neither
 * title nor digest, scores 0.
 *
 * Topic labels: the digest's terms by w(t, d), highest first, among those counted at least twice (a title
 * word counts 3) when there are enough; shown in their display form; numbers are not labels.
 */
import { analysisFor, analyzeText } from './analysis.ts';
import { asDigest, type DigestInput, type TextDigest } from './digest.ts';
import type { DocumentFrequencies } from './frequencies.ts';

export interface TermVector {
  readonly weights: ReadonlyMap<string, number>;
  /** Euclidean norm of the weights. */
  readonly norm: number;
}

/** w(t, d) for every term of the digest. */
export function termVector(digest: TextDigest, df: DocumentFrequencies | null): TermVector {
  const weights = new Map<string, number>();
  // A digest lists each term once; a hand-made one repeating a term gets the weights summed.
  for (const { term, count } of digest.terms)
    weights.set(term, (weights.get(term) ?? 0) + termWeight(count, term, df));
  let sum = 0;
  for (const w of weights.values()) sum += w * w;
  return { weights, norm: Math.sqrt(sum) };
}

function termWeight(count: number, term: string, df: DocumentFrequencies | null): number {
  return (1 + Math.log(count)) * (df === null ? 1 : df.idf(term));
}

/** Cosine of two term vectors (0 when either is empty). */
export function cosine(a: TermVector, b: TermVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, w] of small.weights) {
    const v = large.weights.get(term);
    if (v !== undefined) dot += w * v;
  }
  return Math.min(1, dot / (a.norm * b.norm));
}

/** How related a linking page is to the page it links to, 0..1 (0 when either digest is missing). */
export function pageRelevance(
  source: DigestInput,
  target: DigestInput,
  df: DocumentFrequencies | null,
): number {
  const s = asDigest(source);
  const t = asDigest(target);
  if (s === null || t === null) return 0;
  return cosine(termVector(s, df), termVector(t, df));
}

/** How well an anchor text names its target page, 0..1 (see the header comment). */
export function anchorRelevance(
  anchor: string,
  targetTitle: string | null,
  target: DigestInput,
  df: DocumentFrequencies | null,
): number {
  const digest = asDigest(target);
  const analysis = analysisFor(digest?.lang ?? 'und');
  const terms = [...new Set(analyzeText(anchor, analysis))];
  if (terms.length === 0) return 0;
  const title = new Set(targetTitle ? analyzeText(targetTitle, analysis) : []);
  const vector = digest === null ? null : termVector(digest, df);
  let top = 0;
  if (vector !== null) for (const w of vector.weights.values()) if (w > top) top = w;
  if (title.size === 0 && top === 0) return 0;

  let covered = 0;
  let total = 0;
  let information = 0;
  const lnN = df === null ? 0 : Math.log(1 + df.docs);
  for (const term of terms) {
    const idf = df === null ? 1 : df.idf(term);
    let match = 0;
    if (title.has(term)) match = 1;
    else if (top > 0) match = Math.sqrt((vector!.weights.get(term) ?? 0) / top);
    covered += idf * match;
    total += idf;
    information += lnN === 0 ? 1 : (idf - 1) / lnN;
  }
  return (covered / total) * Math.min(1, information);
}

/** The `n` terms that best say what the page is about, in their display form. */
export function topicLabels(input: DigestInput, df: DocumentFrequencies | null, n = 5): string[] {
  const digest = asDigest(input);
  if (digest === null || n <= 0) return [];
  const ranked = digest.terms
    .filter(({ form }) => !/^\p{N}+$/u.test(form))
    .map((t) => ({ ...t, w: termWeight(t.count, t.term, df) }))
    .sort((a, b) => b.w - a.w || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  const repeated = ranked.filter((t) => t.count >= 2);
  const chosen = repeated.length >= n ? repeated : [...repeated, ...ranked.filter((t) => t.count < 2)];
  const labels: string[] = [];
  for (const { form } of chosen) {
    if (labels.length === n) break;
    if (!labels.includes(form)) labels.push(form);
  }
  return labels;
}
