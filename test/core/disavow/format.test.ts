/**
 * formatDisavow: canonical order, header, refusals; and the promise that anything it writes validates
 * with zero errors and parses back to the same entries (a fast-check property).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../src/core/disavow/classify.ts';
import { canonicalEntries, type DisavowEntry } from '../../../src/core/disavow/entry.ts';
import { formatDisavow } from '../../../src/core/disavow/format.ts';
import { DISAVOW_MAX_LINES } from '../../../src/core/disavow/limits.ts';
import { parseDisavow } from '../../../src/core/disavow/parse.ts';
import { BadInputError } from '../../../src/core/errors.ts';

const domain = (name: string): DisavowEntry => ({ kind: 'domain', domain: name });
const url = (href: string): DisavowEntry => ({ kind: 'url', url: href });
const reparse = (text: string) => parseDisavow(new TextEncoder().encode(text));

describe('formatDisavow', () => {
  it('writes the header as comments, a blank line, then domains and URLs, each sorted, each once', () => {
    const text = formatDisavow(
      [
        url('https://b.example/'),
        domain('z.example'),
        url('http://a.example/x'),
        domain('a.example'),
        domain('z.example'),
      ],
      { header: ['linkledger disavow for example.com', '', '# already a hash'] },
    );
    expect(text).toBe(
      [
        '# linkledger disavow for example.com',
        '#',
        '# # already a hash',
        '',
        'domain:a.example',
        'domain:z.example',
        'http://a.example/x',
        'https://b.example/',
        '',
      ].join('\n'),
    );
  });

  it('writes nothing for nothing, and no blank line without a header', () => {
    expect(formatDisavow([])).toBe('');
    expect(formatDisavow([], { header: ['empty'] })).toBe('# empty\n');
    expect(formatDisavow([domain('a.example')])).toBe('domain:a.example\n');
  });

  it('refuses entries that are invalid or not normalised, and header lines that are not one line', () => {
    for (const entry of [
      domain('A.example'),
      domain('bücher.de'),
      domain('a.example/en'),
      domain('localhost'),
      url('https://a.example'),
      url('a.example/x'),
      url('https://a.example/ # note'),
      url(`https://a.example/${'x'.repeat(2100)}`),
      { kind: 'url', url: 'domain:a.example' } as const,
    ]) {
      expect(() => formatDisavow([entry]), JSON.stringify(entry)).toThrow(BadInputError);
    }
    expect(() => formatDisavow([], { header: ['two\nlines'] })).toThrow(BadInputError);
    expect(() => formatDisavow([], { header: ['cr\r'] })).toThrow(BadInputError);
  });

  it(`writes ${DISAVOW_MAX_LINES} lines and refuses one more`, () => {
    const entries = Array.from({ length: DISAVOW_MAX_LINES }, (_, i) => domain(`d${i}.io`));
    const text = formatDisavow(entries);
    const parsed = reparse(text);
    expect(parsed.lineCount).toBe(DISAVOW_MAX_LINES);
    expect(parsed.errors).toEqual([]);
    expect(() => formatDisavow(entries, { header: ['one too many'] })).toThrow(/100,002 lines/);
  });

  it('refuses to write more than 2,000,000 bytes', () => {
    // 1,000 URLs of 2,048 characters: 2,049,000 bytes in 1,000 lines.
    const entries = Array.from({ length: 1000 }, (_, i) =>
      url(`https://example.com/${String(i).padStart(4, '0')}${'a'.repeat(2024)}`),
    );
    expect(() => formatDisavow(entries)).toThrow(/2,049,000 bytes/);
    expect(reparse(formatDisavow(entries.slice(0, 976))).errors).toEqual([]);
  });
});

// Entry texts as people and tools write them: domains (some IDN, some upper case), URLs with every part.
const idnLabel = fc.string({
  unit: fc.constantFrom(...'aäbcdéfghiößtuüvwxyz0123ツ中'),
  minLength: 1,
  maxLength: 12,
});
const entryText = fc.oneof(
  fc.domain().map((d) => `domain:${d}`),
  fc.tuple(idnLabel, fc.constantFrom('de', 'com', 'xn--p1ai')).map(([l, tld]) => `domain:${l}.${tld}`),
  fc.webUrl({ withQueryParameters: true, withFragments: true, validSchemes: ['http', 'https', 'HTTP'] }),
  fc
    .tuple(fc.constantFrom('http', 'https'), idnLabel, fc.string({ unit: 'grapheme', maxLength: 30 }))
    .map(([s, host, path]) => `${s}://${host}.example/${path}`),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
const normalisedEntry = entryText.chain((text) => {
  const parsed = parseEntry(text);
  return parsed.ok ? fc.constant(parsed.entry) : fc.constant(null);
});
// Entries as a careless caller might build them: any kind, any string.
const rawEntry = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }).map(domain),
  fc.domain().map(domain),
  fc.string({ unit: 'grapheme', maxLength: 40 }).map(url),
  fc.webUrl().map(url),
);
const header = fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { maxLength: 3 });

describe('formatDisavow: property', () => {
  it('anything it accepts validates with zero errors and parses back to the same entries', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(normalisedEntry, rawEntry), { maxLength: 30 }),
        header,
        (candidates, lines) => {
          const entries = candidates.filter((e): e is DisavowEntry => e !== null);
          let text: string;
          try {
            text = formatDisavow(entries, { header: lines });
          } catch (error) {
            expect(error).toBeInstanceOf(BadInputError);
            return;
          }
          const parsed = reparse(text);
          expect(parsed.errors).toEqual([]);
          expect(parsed.entries).toEqual(canonicalEntries(entries));
          expect(formatDisavow(parsed.entries, { header: lines })).toBe(text);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('accepts every entry the parser makes', () => {
    fc.assert(
      fc.property(fc.array(normalisedEntry, { maxLength: 30 }), (candidates) => {
        const entries = candidates.filter((e): e is DisavowEntry => e !== null);
        const parsed = reparse(formatDisavow(entries));
        expect(parsed.errors).toEqual([]);
        expect(parsed.entries).toEqual(canonicalEntries(entries));
      }),
      { numRuns: 500 },
    );
  });
});
