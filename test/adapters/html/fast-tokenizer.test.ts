/**
 * The Tokenizer with native skip-ahead (fast-tokenizer.ts) must emit exactly the stock Tokenizer's events,
 * token by token, on real pages written in random chunks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Tokenizer } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import {
  ExtractorTokenizer,
  FAST_TOKENIZER,
  tokenizerEvents,
} from '../../../src/adapters/html/fast-tokenizer.ts';
import { HTML_CORPUS_DIR } from '../../support/paths.ts';

const SAMPLE = readdirSync(HTML_CORPUS_DIR)
  .filter((f) => f.endsWith('.html'))
  .sort()
  .filter((_, i) => i % 16 === 5)
  .map((file) => readFileSync(join(HTML_CORPUS_DIR, file), 'utf8'));

/** The input cut into pieces of the given sizes, cycling (the whole text when no sizes). */
function* pieces(html: string, sizes: readonly number[]): Generator<string> {
  let at = 0;
  for (let k = 0; at < html.length; k++) {
    const size = sizes.length === 0 ? html.length : sizes[k % sizes.length]!;
    yield html.slice(at, at + size);
    at += size;
  }
}

function events(TokenizerClass: typeof Tokenizer, html: string, sizes: readonly number[]): string[] {
  return tokenizerEvents(TokenizerClass, pieces(html, sizes));
}

describe('native skip-ahead tokenizer', () => {
  it('is in use with htmlparser2 12 (its self-check passed)', () => {
    expect(FAST_TOKENIZER).toBe(true);
  });

  it('emits the stock events on real pages, whole', () => {
    for (const html of SAMPLE)
      expect(events(ExtractorTokenizer, html, [])).toEqual(events(Tokenizer, html, []));
  });

  it('emits the stock events on real pages in random chunks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLE),
        fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 12 }),
        (html, sizes) => {
          expect(events(ExtractorTokenizer, html, sizes)).toEqual(events(Tokenizer, html, sizes));
        },
      ),
      { numRuns: 40 },
    );
  });
});
