/**
 * Document frequencies over a set of digests: in how many digests each term appears (among their top
 * terms, since a digest keeps no others), and how many digests there are. They turn counts into TF-IDF
 * weights (relevance.ts):
 *
 *   idf(t) = ln((1 + N) / (1 + df(t))) + 1
 *
 * (the smoothed form: as if one more document held every term, so no division by zero and idf >= 1; a
 * term in every digest weighs 1, an unseen one 1 + ln(1 + N)). With no digests (N = 0) every idf is 1:
 * plain term-frequency cosine.
 *
 * Serialisable as JSON (`toJSON` / `DocumentFrequencies.fromJSON`) so a ledger can keep the frequencies
 * of its pages and score new ones against them. A digest added twice counts twice: callers add each page
 * once (its latest digest).
 */
import { asDigest, type DigestInput } from './digest.ts';

export interface DocumentFrequenciesJson {
  /** Format version (1). */
  v: 1;
  docs: number;
  /** term -> number of digests that hold it. */
  df: Record<string, number>;
}

export class DocumentFrequencies {
  private docCount = 0;
  private readonly counts = new Map<string, number>();

  /** Frequencies over the given digests (unreadable ones are skipped). */
  static of(digests: Iterable<DigestInput>): DocumentFrequencies {
    const out = new DocumentFrequencies();
    for (const digest of digests) out.add(digest);
    return out;
  }

  static fromJSON(json: DocumentFrequenciesJson): DocumentFrequencies {
    if (json.v !== 1) throw new Error(`document frequencies: unknown version ${String(json.v)}`);
    const out = new DocumentFrequencies();
    out.docCount = json.docs;
    for (const [term, df] of Object.entries(json.df)) out.counts.set(term, df);
    return out;
  }

  /** Adds one document; returns false (and adds nothing) when the digest is missing or unreadable. */
  add(input: DigestInput): boolean {
    const digest = asDigest(input);
    if (digest === null) return false;
    this.docCount += 1;
    for (const { term } of digest.terms) this.counts.set(term, (this.counts.get(term) ?? 0) + 1);
    return true;
  }

  /** Number of documents. */
  get docs(): number {
    return this.docCount;
  }

  /** Number of distinct terms. */
  get terms(): number {
    return this.counts.size;
  }

  df(term: string): number {
    return this.counts.get(term) ?? 0;
  }

  /** ln((1 + N) / (1 + df)) + 1. */
  idf(term: string): number {
    return Math.log((1 + this.docCount) / (1 + this.df(term))) + 1;
  }

  /** The highest idf (of a term no document holds): 1 + ln(1 + N). */
  maxIdf(): number {
    return Math.log(1 + this.docCount) + 1;
  }

  /** Terms sorted, so that the same frequencies always serialise the same way. */
  toJSON(): DocumentFrequenciesJson {
    const terms = [...this.counts.keys()].sort();
    const df: Record<string, number> = {};
    for (const term of terms) df[term] = this.counts.get(term)!;
    return { v: 1, docs: this.docCount, df };
  }
}
