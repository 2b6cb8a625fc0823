/**
 * The resolver's shortcuts (fast-resolve.ts) must give exactly what core/url/normalize.ts `resolveUrl`
 * gives: on every link of the 258-page corpus, and on random URL-like values and bases.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createHtmlLinkExtractor,
  fastNormalisedUrl,
  LinkResolver,
} from '../../../src/adapters/html/index.ts';
import { resolveUrl } from '../../../src/core/url/normalize.ts';
import { HTML_CORPUS_DIR } from '../../support/paths.ts';

describe('resolution shortcuts equal resolveUrl', () => {
  it('on every link of the corpus (against its page base), and on every value as absolute', () => {
    let links = 0;
    let fast = 0;
    for (const file of readdirSync(HTML_CORPUS_DIR).filter((f) => f.endsWith('.html'))) {
      const extractor = createHtmlLinkExtractor({
        pageUrl: null,
        fallbackUrl: `http://corpus.invalid/${file}`,
      });
      extractor.write(readFileSync(join(HTML_CORPUS_DIR, file), 'utf8'));
      const { page, links: found } = extractor.end();
      for (const link of found) {
        links++;
        const against = link.path === 'BASE@/href' ? page.url : page.baseUrl;
        expect(link.target, link.rawUrl).toBe(resolveUrl(link.rawUrl, against));
        const shortcut = fastNormalisedUrl(link.rawUrl);
        if (shortcut !== undefined) {
          fast++;
          expect(shortcut).toBe(resolveUrl(link.rawUrl));
        }
      }
    }
    expect(links).toBeGreaterThan(50_000);
    expect(fast / links).toBeGreaterThan(0.5); // the shortcut is the common case
  });

  const urlChar = fc.constantFrom(
    ...'aAzZ09-._~!$&()*+,;=:@/?#%2eE.. \t\\\'"<>`{}|^[]é'.split(''),
    '%2e',
    '%2E',
    '%41',
    '%zz',
    '.%2e',
    '%2e.',
    '%2E%2e',
    '/./',
    '/../',
    'xn--',
  );
  const urlText = fc.array(urlChar, { maxLength: 24 }).map((parts) => parts.join(''));
  const host = fc.oneof(
    fc.constantFrom(
      'example.com',
      'a.b',
      'x-y.example',
      'a..b',
      '1.2.3.4',
      'a.1',
      'xn--abc.com',
      'A.com',
      'a.com.',
      'ab',
    ),
    fc.stringMatching(/^[a-z0-9.-]{1,12}$/),
  );
  const absolute = fc
    .tuple(fc.constantFrom('http://', 'https://', 'HTTP://', 'http:/', 'ftp://'), host, urlText)
    .map(([scheme, h, rest]) => `${scheme}${h}${rest}`);

  it('fastNormalisedUrl on random absolute values', () => {
    fc.assert(
      fc.property(absolute, (raw) => {
        const shortcut = fastNormalisedUrl(raw);
        if (shortcut !== undefined) expect(shortcut).toBe(resolveUrl(raw));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with resolveUrl on a base with an empty query (fast-check counterexample, seed 130889009)', () => {
    for (const raw of ['#', '', '#top']) {
      expect(new LinkResolver('http://example.com/?').resolve(raw)).toBe(
        resolveUrl(raw, 'http://example.com/?'),
      );
    }
  });

  it('LinkResolver on random relative values against random bases', () => {
    const relative = fc.oneof(
      urlText,
      urlText.map((t) => `/${t}`),
      urlText.map((t) => `//${t}`),
      urlText.map((t) => `?${t}`),
      urlText.map((t) => `#${t}`),
      absolute,
    );
    const base = fc.oneof(absolute, fc.constantFrom('http://example.com/a/b?q=1', 'https://e.example/', ''));
    fc.assert(
      fc.property(base, fc.array(relative, { minLength: 1, maxLength: 5 }), (b, raws) => {
        const resolver = new LinkResolver(b);
        for (const raw of raws) expect(resolver.resolve(raw)).toBe(resolveUrl(raw, b));
      }),
      { numRuns: 5_000 },
    );
  });
});
