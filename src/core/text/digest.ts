/**
 * A page's text digest: its top terms with counts, small enough to keep for every page of a ledger
 * (`pages.text_digest`), built while the page streams by.
 *
 * Format (version 1), one line of ASCII spaces between fields:
 *
 *   v1 <lang> <term>[/<form>]:<count> <term>[/<form>]:<count> ...
 *
 *   lang   the ISO 639-3 code the text was analysed as (analysis.ts): `eng`, `deu`, `zho`..., or `und`;
 *   term   the term compared between digests: a token (tokenize.ts) that is not a stop word, Porter-stemmed
 *          for English and undetermined text;
 *   form   the token (lower case) the term was most often written as, when it differs from the term
 *          (`elect/election:5`): the display form of topic labels;
 *   count  the term's weighted occurrences (every token of the term counts its text's weight: the title
 *          3, an `<h1>` 2, other text 1; the HTML extractor decides the weights).
 * Terms and forms are runs of letters, digits and marks, so they never contain a space, `:` or `/`.
 * Terms are sorted by count (highest first), then in the order the page first used them (the title is
 * added last); at most MAX_DIGEST_TERMS (128) terms, and the whole line at most MAX_DIGEST_BYTES (2,048)
 * bytes of UTF-8: a term that would not fit is left out (a shorter one further down may still fit). A page
 * without words has the digest `v1 <lang>`. The same text always gives the same digest, however it is cut
 * into pieces (unless a cut parts a letter from its combining mark: pieces are normalised one by one).
 *
 * Memory while reading: one counter per distinct token, at most MAX_DISTINCT_TOKENS (16,384); past that
 * the counters of the rarest tokens are dropped (those with count 1, then 2, ... until half the room is
 * free), so a huge page keeps its frequent words exactly and only loses words that were rare when the room
 * ran out. Text arriving in pieces (`add`) is joined across pieces unless a `wordBreak()` separates them,
 * as inline elements do not separate words in HTML. The first LANGUAGE_SAMPLE characters are kept to guess
 * the language (analysis.ts) when the page declares none.
 */
import { type Analysis, analysisFor, isStopWord, resolveLanguage, termOf } from './analysis.ts';
import { isAscii, normalizeText, wordPattern, wordTokens } from './tokenize.ts';

export const DIGEST_VERSION = 'v1';
export const MAX_DIGEST_TERMS = 128;
export const MAX_DIGEST_BYTES = 2048;
export const MAX_DISTINCT_TOKENS = 16_384;
/** Characters of text kept to guess the language when the page declares none. */
export const LANGUAGE_SAMPLE = 1024;
const WHITESPACE_RUN = /[\s\x00-\x1f]+/g;
/** A word longer than this never ends in the next piece of text (it is not a word anyway). */
const MAX_CARRY = 64;

export interface DigestTerm {
  /** What digests compare (stemmed for English). */
  readonly term: string;
  /** How the page most often wrote it (lower case); equals `term` when not stemmed. */
  readonly form: string;
  readonly count: number;
}

export interface TextDigest {
  /** ISO 639-3 code of the analysis (analysis.ts), `und` when undetermined. */
  readonly lang: string;
  /** Highest count first. */
  readonly terms: readonly DigestTerm[];
}

/** Counts the tokens of text given in pieces, then makes the digest. */
export class TextDigester {
  private readonly counts = new Map<string, number>();
  private carry = '';
  private carryAscii = true;
  private carryWeight = 1;
  private sample = '';
  private weight = 1;
  private readonly emit = (token: string): void => {
    const counts = this.counts;
    counts.set(token, (counts.get(token) ?? 0) + this.weight);
    if (counts.size > MAX_DISTINCT_TOKENS) this.prune();
  };

  /** The next piece of text; `weight`: how much each of its tokens counts (a positive integer). */
  add(text: string, weight = 1): void {
    if (text.length === 0) return;
    if (this.sample.length < LANGUAGE_SAMPLE) this.addSample(text);
    if (isBlank(text)) {
      this.wordBreak();
      return;
    }
    let ascii = isAscii(text);
    let s = ascii ? text.toLowerCase() : normalizeText(text);
    if (this.carry !== '') {
      s = this.carry + s;
      ascii &&= this.carryAscii;
      this.carry = '';
    }
    const pattern = wordPattern(ascii);
    pattern.lastIndex = 0;
    this.weight = weight;
    for (let m = pattern.exec(s); m !== null; m = pattern.exec(s)) {
      const word = m[0];
      if (m.index + word.length === s.length && word.length <= MAX_CARRY) {
        // The last word may go on in the next piece.
        this.carry = word;
        this.carryAscii = ascii;
        this.carryWeight = weight;
        return;
      }
      wordTokens(word, ascii, this.emit);
    }
  }

  /**
   * The first LANGUAGE_SAMPLE characters of the text with whitespace runs collapsed to one space (pages
   * have many whitespace-only text nodes), the same however the text is cut.
   */
  private addSample(text: string): void {
    let piece = text.replace(WHITESPACE_RUN, ' ');
    if (piece.charCodeAt(0) === 32 && (this.sample === '' || this.sample.endsWith(' ')))
      piece = piece.slice(1);
    this.sample += piece.slice(0, LANGUAGE_SAMPLE - this.sample.length);
  }

  /** Ends the current word: the next piece starts a new one. */
  wordBreak(): void {
    if (this.sample.length < LANGUAGE_SAMPLE && this.sample !== '' && !this.sample.endsWith(' '))
      this.sample += ' ';
    const carry = this.carry;
    if (carry === '') return;
    this.carry = '';
    this.weight = this.carryWeight;
    wordTokens(carry, this.carryAscii, this.emit);
  }

  /** The digest, analysed as `declaredLang` (or the language guessed from the text when null). */
  finish(declaredLang: string | null | undefined): TextDigest {
    this.wordBreak();
    const analysis = analysisFor(resolveLanguage(declaredLang, this.sample));
    return digestOfCounts(this.counts, analysis);
  }

  private prune(): void {
    const counts = this.counts;
    for (let threshold = 1; counts.size > MAX_DISTINCT_TOKENS / 2; threshold++) {
      for (const [token, count] of counts) if (count <= threshold) counts.delete(token);
    }
  }
}

interface Merged {
  count: number;
  form: string;
  formCount: number;
}

/** Stop words out, tokens merged into terms, the top terms kept. */
export function digestOfCounts(counts: ReadonlyMap<string, number>, analysis: Analysis): TextDigest {
  const merged = new Map<string, Merged>();
  for (const [token, count] of counts) {
    if (isStopWord(token, analysis)) continue;
    const term = termOf(token, analysis);
    if (term.length < 2) continue;
    const entry = merged.get(term);
    if (entry === undefined) merged.set(term, { count, form: token, formCount: count });
    else {
      entry.count += count;
      if (betterForm(token, count, entry)) {
        entry.form = token;
        entry.formCount = count;
      }
    }
  }
  const terms: DigestTerm[] = [];
  let bytes = DIGEST_VERSION.length + 1 + analysis.lang.length;
  for (const bucket of inDigestOrder(merged)) {
    for (const [term, entry] of bucket) {
      const size = 1 + utf8Length(term) + (entry.form === term ? 0 : 1 + utf8Length(entry.form)) + 1;
      const total = size + String(entry.count).length;
      if (bytes + total > MAX_DIGEST_BYTES) continue; // a shorter term further down may still fit
      bytes += total;
      terms.push({ term, form: entry.form, count: entry.count });
      if (terms.length === MAX_DIGEST_TERMS) return { lang: analysis.lang, terms };
    }
  }
  return { lang: analysis.lang, terms };
}

/**
 * The entries in digest order: by count, highest first, then in the order the page first used them. A
 * bucket per count rather than a sort: sorting every distinct term of a page (with a tie-break on the
 * term itself) cost as much as counting them.
 */
function inDigestOrder(merged: Map<string, Merged>): [string, Merged][][] {
  const buckets = new Map<number, [string, Merged][]>();
  for (const entry of merged) {
    const bucket = buckets.get(entry[1].count);
    if (bucket === undefined) buckets.set(entry[1].count, [entry]);
    else bucket.push(entry);
  }
  return [...buckets.keys()].sort((a, b) => b - a).map((count) => buckets.get(count)!);
}

/** The most frequent spelling; on a tie the shorter, then the first in code unit order. */
function betterForm(token: string, count: number, entry: Merged): boolean {
  if (count !== entry.formCount) return count > entry.formCount;
  if (token.length !== entry.form.length) return token.length < entry.form.length;
  return token < entry.form;
}

/** The digest of a whole text at once (weight 1). */
export function digestText(text: string, declaredLang: string | null = null): TextDigest {
  const digester = new TextDigester();
  digester.add(text);
  return digester.finish(declaredLang);
}

/** The one-line form (see the header comment). */
export function formatDigest(digest: TextDigest): string {
  let out = `${DIGEST_VERSION} ${digest.lang}`;
  for (const { term, form, count } of digest.terms)
    out += form === term ? ` ${term}:${count}` : ` ${term}/${form}:${count}`;
  return out;
}

const LANG = /^[a-z]{2,3}$/;
const NAME = /^[\p{L}\p{N}\p{M}]+$/u;
const COUNT = /^[1-9][0-9]{0,9}$/;

/**
 * Reads a digest line. Returns null for anything that is not a well-formed version 1 digest (another
 * version, a damaged value): callers treat it as "no digest".
 */
export function parseDigest(line: string): TextDigest | null {
  const fields = line.split(' ');
  if (fields[0] !== DIGEST_VERSION) return null;
  const lang = fields[1];
  if (lang === undefined || !LANG.test(lang)) return null;
  const terms: DigestTerm[] = [];
  for (let i = 2; i < fields.length; i++) {
    const field = fields[i]!;
    const colon = field.lastIndexOf(':');
    if (colon <= 0) return null;
    const count = field.slice(colon + 1);
    if (!COUNT.test(count)) return null;
    const name = field.slice(0, colon);
    const slash = name.indexOf('/');
    const term = slash < 0 ? name : name.slice(0, slash);
    const form = slash < 0 ? name : name.slice(slash + 1);
    if (!NAME.test(term) || !NAME.test(form)) return null;
    terms.push({ term, form, count: Number(count) });
  }
  return { lang, terms };
}

/** A digest given as text or parsed (null: none, or not readable). */
export type DigestInput = TextDigest | string | null | undefined;

export function asDigest(input: DigestInput): TextDigest | null {
  if (input === null || input === undefined) return null;
  return typeof input === 'string' ? parseDigest(input) : input;
}

/** Only spaces and control characters (most text nodes between tags). */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 32) return false;
  return true;
}

function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c < 0x800 ? 1 : c >= 0xd800 && c <= 0xdbff ? 0 : 2; // a surrogate pair is 4 bytes
  }
  return n;
}
