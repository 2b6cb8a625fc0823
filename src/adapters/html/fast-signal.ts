/**
 * The class/id part of core/link/placement.ts `elementSignal`, without making strings: the extractor asks
 * it for most elements that enclose a link, and splitting `class` values into word strings (regular
 * expressions, `toLowerCase`, `split`) was the largest cost of placement.
 *
 * Same rules as `elementSignal`: words are runs of ASCII letters and digits, case-folded, with a break
 * between a lower-case and an upper-case ASCII letter (`mainNav` -> main, nav); each word is looked up in
 * SIGNAL_WORDS; the first boilerplate word (nav, header, footer, aside) decides, else `content` if a
 * content word was seen, else null. Non-ASCII text is handed back (`undefined`) so that the caller can use
 * `elementSignal` itself (`toLowerCase` maps a few non-ASCII letters to ASCII ones: U+0130, U+212A).
 * test/adapters/html/placement-signal.test.ts checks equality with `elementSignal`.
 */
import type { Placement } from '../../core/link/link.ts';
import { SIGNAL_WORDS } from '../../core/link/placement.ts';
import { type NameEntry, NameTable, nameCodes } from './names.ts';

type Signal = Exclude<Placement, 'unknown'>;

interface WordEntry extends NameEntry {
  readonly signal: Signal;
}

const WORDS = new NameTable<WordEntry>(
  Object.entries(SIGNAL_WORDS).map(([name, signal]) => ({ name, codes: nameCodes(name), signal })),
);

const NOT_ASCII = 1;

/**
 * A fragment of every signal word (ASCII case-insensitive): text without any of them has no signal word.
 * (toLowerCase turns only U+0130 and U+212A into ASCII letters, `i` + a separator and `k`: no signal word
 * ends in `i` or has a `k`, so the pre-check never misses a word `elementSignal` would find.)
 */
const HINT =
  /nav|menu|crumb|pag|head|topbar|foot|colophon|copyright|side|widget|related|content|main|article|post|entry|story/i;
for (const word of Object.keys(SIGNAL_WORDS)) {
  // A word added to core's table must be added here too, or placement would silently miss it.
  if (!HINT.test(word)) throw new Error(`fast-signal.ts: HINT does not cover the signal word "${word}"`);
}

/**
 * The signal of the words of `id` and `className`, null when none, or undefined when the text is not
 * ASCII (then use `elementSignal`).
 */
export function wordsSignal(
  id: string | undefined,
  className: string | undefined,
): Signal | null | undefined {
  // Most class names hold no signal word: a native pre-check skips the word scan for them.
  if ((!id || !HINT.test(id)) && (!className || !HINT.test(className))) return null;
  const byId = id ? scan(id) : null;
  if (byId === NOT_ASCII) return undefined;
  if (byId !== null && byId !== 'content') return byId;
  const byClass = className ? scan(className) : null;
  if (byClass === NOT_ASCII) return undefined;
  return byClass ?? byId;
}

const SEPARATOR = 0;
const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;
/** ASCII character classes for word splitting. */
const CHAR = new Uint8Array(128);
for (let c = 0x61; c <= 0x7a; c++) CHAR[c] = LOWER;
for (let c = 0x41; c <= 0x5a; c++) CHAR[c] = UPPER;
for (let c = 0x30; c <= 0x39; c++) CHAR[c] = DIGIT;

/** Longest signal word, and a bit per letter that starts one: words that cannot match skip the lookup. */
const MAX_WORD = Math.max(...Object.keys(SIGNAL_WORDS).map((w) => w.length));
let FIRST_LETTERS = 0;
for (const word of Object.keys(SIGNAL_WORDS)) FIRST_LETTERS |= 1 << (word.charCodeAt(0) - 0x61);

function scan(text: string): Signal | null | typeof NOT_ASCII {
  let found: Signal | null = null;
  let start = -1; // start of the current word, or -1
  let previous = SEPARATOR;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    let kind = SEPARATOR;
    if (i < n) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) return NOT_ASCII;
      kind = CHAR[c]!;
    }
    if (start >= 0 && (kind === SEPARATOR || (kind === UPPER && previous === LOWER))) {
      // A word ends: [start, i).
      const first = text.charCodeAt(start) | 0x20;
      if (
        i - start <= MAX_WORD &&
        first >= 0x61 &&
        first <= 0x7a &&
        (FIRST_LETTERS & (1 << (first - 0x61))) !== 0
      ) {
        const entry = WORDS.find(text, start, i);
        if (entry !== undefined) {
          if (entry.signal !== 'content') return entry.signal;
          found = 'content';
        }
      }
      start = -1;
    }
    if (kind !== SEPARATOR && start < 0) start = i;
    previous = kind;
  }
  return found;
}
