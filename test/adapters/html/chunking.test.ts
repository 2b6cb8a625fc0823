/**
 * Chunking must not change results: real pages written in random chunk sizes (down to one character)
 * give exactly the links and facts of the page written whole; bytes split anywhere (inside multi-byte
 * characters too) decode and extract the same.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHtmlLinkExtractor, extractLinksFromBytes } from '../../../src/adapters/html/index.ts';
import type { PageLinks } from '../../../src/core/link/page.ts';
import { HTML_CORPUS_DIR } from '../../support/paths.ts';

/** Every 24th page of the corpus (11 pages, a fixed sample). */
const SAMPLE = readdirSync(HTML_CORPUS_DIR)
  .filter((f) => f.endsWith('.html'))
  .sort()
  .filter((_, i) => i % 24 === 0)
  .map((file) => ({ file, html: readFileSync(join(HTML_CORPUS_DIR, file), 'utf8') }));

function extractChunked(html: string, sizes: readonly number[], file: string): PageLinks {
  const extractor = createHtmlLinkExtractor({ pageUrl: null, fallbackUrl: `http://corpus.invalid/${file}` });
  let at = 0;
  for (let k = 0; at < html.length; k++) {
    const size = sizes.length === 0 ? html.length : sizes[k % sizes.length]!;
    extractor.write(html.slice(at, at + size));
    at += size;
  }
  return extractor.end();
}

describe('chunk boundaries do not change the result', () => {
  const whole = new Map(SAMPLE.map(({ file, html }) => [file, extractChunked(html, [], file)]));

  it('the sample has real links', () => {
    const counts = [...whole.values()].map((p) => p.links.length);
    expect(Math.min(...counts)).toBeGreaterThan(10);
  });

  it('random chunk sizes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLE),
        fc.array(fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 5000 })), {
          minLength: 1,
          maxLength: 20,
        }),
        ({ file, html }, sizes) => {
          expect(extractChunked(html, sizes, file)).toEqual(whole.get(file));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('one character at a time', () => {
    for (const { file, html } of SAMPLE.slice(0, 3)) {
      expect(extractChunked(html, [1], file)).toEqual(whole.get(file));
    }
  });
});

describe('byte chunks (extractLinksFromBytes)', () => {
  async function* chunks(bytes: Uint8Array, cuts: readonly number[]): AsyncIterable<Uint8Array> {
    let at = 0;
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      if (cut <= at || cut >= bytes.length) continue;
      yield bytes.subarray(at, cut);
      at = cut;
    }
    yield bytes.subarray(at);
  }

  it('splitting UTF-8 bytes anywhere gives the same links', async () => {
    const html =
      '<html><head><meta charset="utf-8"><title>Ça marche — 日本語 😊</title></head><body>' +
      '<a href="/café?q=ü">Crème brûlée 😊 über</a><img src="/bild.png" alt="Größe">' +
      `<p>${'filler ü '.repeat(300)}</p><a href="/ende">Ende — 終わり</a></body></html>`;
    const bytes = new TextEncoder().encode(html);
    const whole = await extractLinksFromBytes(bytes, { pageUrl: 'http://example.com/' });
    expect(whole.page.title).toBe('Ça marche — 日本語 😊');
    expect(whole.links.map((l) => l.anchor)).toEqual(['Crème brûlée 😊 über', 'Größe', 'Ende — 終わり']);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }),
        async (cuts) => {
          expect(
            await extractLinksFromBytes(chunks(bytes, cuts), { pageUrl: 'http://example.com/' }),
          ).toEqual(whole);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a legacy encoding split anywhere gives the same links', async () => {
    // windows-1251 bytes of «<meta charset=windows-1251><a href="/x">Привет</a>».
    const head = new TextEncoder().encode('<meta charset="windows-1251"><a href="/x">');
    const privet = Uint8Array.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]);
    const tail = new TextEncoder().encode('</a>');
    const bytes = Uint8Array.from([...head, ...privet, ...tail]);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 10 }),
        async (cuts) => {
          const { page, links } = await extractLinksFromBytes(chunks(bytes, cuts), {
            pageUrl: 'http://example.com/',
          });
          expect([page.charset, page.charsetSource, links[0]?.anchor]).toEqual([
            'windows-1251',
            'meta',
            'Привет',
          ]);
        },
      ),
      { numRuns: 50 },
    );
  });
});
