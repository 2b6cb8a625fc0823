/**
 * Words of any script, the same way everywhere text is compared (page digests, titles, anchors).
 *
 *   1. Normalise: Unicode NFKC (only when the text has non-ASCII characters: full-width Latin, ligatures,
 *      compatibility forms fold into their plain letters), then lower case.
 *   2. Words are runs of letters, digits and combining marks (`[\p{L}\p{N}\p{M}]+`); an apostrophe
 *      (' U+2019 U+02BC) between two such runs joins them. Anything else separates words.
 *   3. A word with an apostrophe loses a trailing `'s` (possessive), then its apostrophes
 *      (`don't` -> `dont`, `o'neill` -> `oneill`).
 *   4. Scripts written without spaces (Han, Hiragana, Katakana with the prolonged sound mark, Thai, Lao,
 *      Khmer, Myanmar) have no reliable word boundaries without a dictionary: a run of them becomes its
 *      overlapping character bigrams (`東京都` -> `東京`, `京都`); a run of one character is kept as is.
 *      A "character" is a base letter with its combining marks (Thai vowel and tone marks stay on their
 *      consonant). Bigrams are what CJK search engines index when they have no segmenter, and unlike
 *      Intl.Segmenter they do not depend on the ICU version, so a digest means the same on every machine.
 *   5. Other words are kept when they are 2 to 32 UTF-16 units long and not numbers: a word of digits only
 *      (dates, scores, prices, phone numbers, ids, years) says little about a topic and would crowd the
 *      digest (on the lottery and statistics pages of the Common Crawl excerpt they filled much of it).
 *      Words mixing letters and digits (`s4`, `49ers`, `mp3`, `g20`) are kept.
 * Stop words and stemming come after (analysis.ts): they depend on the language.
 */

const NON_ASCII = /[^\x00-\x7f]/;
const ASCII_WORD = /[a-z0-9]+(?:'[a-z0-9]+)*/g;
const WORD = /[\p{L}\p{N}\p{M}]+(?:['\u2019\u02bc][\p{L}\p{N}\p{M}]+)*/gu;
const APOSTROPHE = /['\u2019\u02bc]/;
const APOSTROPHES = /['\u2019\u02bc]/g;
const POSSESSIVE = /['\u2019\u02bc]s$/;
const NO_SPACE_CHAR =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}\u30fc]/u;
const NO_SPACE_PAIR =
  /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}\u30fc]{2}$/u;
const MARK = /^\p{M}$/u;
const DIGITS = /^\p{N}+$/u;

/** Shortest and longest word kept (UTF-16 units). */
export const MIN_WORD = 2;
export const MAX_WORD = 32;

/** Step 1: NFKC when needed, lower case. */
export function normalizeText(text: string): string {
  return (NON_ASCII.test(text) ? text.normalize('NFKC') : text).toLowerCase();
}

/** Whether normalised text is all ASCII (then the fast word pattern applies). */
export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}

/** The word pattern for normalised text (global: callers reset `lastIndex`). */
export function wordPattern(ascii: boolean): RegExp {
  return ascii ? ASCII_WORD : WORD;
}

/** Whether a token is two characters of a script written without spaces (one of its bigrams). */
export function isNoSpacePair(token: string): boolean {
  return NO_SPACE_PAIR.test(token);
}

/** The tokens of normalised text, in order (steps 2-5). */
export function tokensOf(normalized: string, emit: (token: string) => void): void {
  const ascii = isAscii(normalized);
  const pattern = wordPattern(ascii);
  pattern.lastIndex = 0;
  for (let m = pattern.exec(normalized); m !== null; m = pattern.exec(normalized)) {
    wordTokens(m[0], ascii, emit);
  }
}

/** The tokens of any text (normalised first). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  tokensOf(normalizeText(text), (token) => out.push(token));
  return out;
}

/** Steps 3-5 for one word matched by `wordPattern` (`ascii`: matched by the ASCII pattern). */
export function wordTokens(word: string, ascii: boolean, emit: (token: string) => void): void {
  if (ascii) {
    asciiToken(word, emit);
    return;
  }
  if (!NO_SPACE_CHAR.test(word)) {
    plainToken(word, emit);
    return;
  }
  // Split into spaced-script parts and no-space runs of characters (base + combining marks).
  let part = '';
  const run: string[] = [];
  let inRun = false;
  for (const ch of word) {
    if (MARK.test(ch)) {
      if (inRun && run.length > 0) run[run.length - 1] += ch;
      else part += ch;
    } else if (NO_SPACE_CHAR.test(ch)) {
      if (part !== '') {
        plainToken(part, emit);
        part = '';
      }
      run.push(ch);
      inRun = true;
    } else {
      if (run.length > 0) bigrams(run, emit);
      inRun = false;
      part += ch;
    }
  }
  if (part !== '') plainToken(part, emit);
  if (run.length > 0) bigrams(run, emit);
}

function bigrams(run: string[], emit: (token: string) => void): void {
  if (run.length === 1) emit(run[0]!);
  else for (let i = 0; i + 1 < run.length; i++) emit(run[i]! + run[i + 1]!);
  run.length = 0;
}

function asciiToken(word: string, emit: (token: string) => void): void {
  let token = word;
  if (token.includes("'")) token = stripApostrophes(token);
  const n = token.length;
  if (n < MIN_WORD || n > MAX_WORD) return;
  const c = token.charCodeAt(0);
  if (c >= 48 && c <= 57 && allDigits(token)) return;
  emit(token);
}

function plainToken(word: string, emit: (token: string) => void): void {
  const token = APOSTROPHE.test(word) ? stripApostrophes(word) : word;
  const n = token.length;
  if (n < MIN_WORD || n > MAX_WORD) return;
  if (DIGITS.test(token)) return;
  // A word of marks only (a stray combining mark) is not a word.
  if (MARK.test(token.charAt(0)) && /^\p{M}+$/u.test(token)) return;
  emit(token);
}

function stripApostrophes(word: string): string {
  return word.replace(POSSESSIVE, '').replace(APOSTROPHES, '');
}

function allDigits(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
