/**
 * mergeDisavow: the old file kept as written, new entries appended once, nothing redundant, refusals; and
 * diffDisavow: added and removed entries, ignoring comments, order and spelling.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffDisavow } from '../../../src/core/disavow/diff.ts';
import { canonicalEntries, type DisavowEntry, entryText, urlHost } from '../../../src/core/disavow/entry.ts';
import { formatDisavow } from '../../../src/core/disavow/format.ts';
import { mergeDisavow } from '../../../src/core/disavow/merge.ts';
import { parseDisavow } from '../../../src/core/disavow/parse.ts';
import { BadInputError } from '../../../src/core/errors.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const domain = (name: string): DisavowEntry => ({ kind: 'domain', domain: name });
const url = (href: string): DisavowEntry => ({ kind: 'url', url: href });
const merged = (old: string, additions: DisavowEntry[], header?: string[]) => {
  const result = mergeDisavow(utf8(old), additions, header ? { header } : {});
  if (!result.ok) throw new Error(`merge failed: ${JSON.stringify(result.errors)}`);
  return result;
};

const OLD = [
  '# disavowed 2024-01-10: paid links',
  'domain:spam.example',
  '',
  '# asked for removal, no answer',
  'HTTPS://Blog.example/post',
  'https://other.example/x',
].join('\r\n');

describe('mergeDisavow', () => {
  it('keeps the old file as written (comments, order, spelling) and appends the new entries in canonical order', () => {
    const result = merged(
      `\ufeff${OLD}\r\n`,
      [
        url('https://new.example/b'),
        domain('zz.example'),
        url('https://new.example/a'),
        domain('aa.example'),
      ],
      ['added by linkledger on 2025-06-01'],
    );
    expect(result.text).toBe(
      [
        ...OLD.split('\r\n'),
        '',
        '# added by linkledger on 2025-06-01',
        'domain:aa.example',
        'domain:zz.example',
        'https://new.example/a',
        'https://new.example/b',
        '',
      ].join('\n'),
    );
    expect(result.added.map(entryText)).toEqual([
      'domain:aa.example',
      'domain:zz.example',
      'https://new.example/a',
      'https://new.example/b',
    ]);
    expect(result.dropped).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('does not add what the old file has, in any spelling, nor a URL under an old domain: entry', () => {
    const result = merged(
      OLD,
      [url('https://blog.example/post'), domain('spam.example'), url('http://spam.example/p')],
      ['header only when something is added'],
    );
    expect(result.added).toEqual([]);
    expect(result.text).toBe(`${OLD.replaceAll('\r\n', '\n')}\n`);
  });

  it('drops old URLs whose exact host a new domain: entry disavows, but keeps subdomain URLs', () => {
    const result = merged(
      'domain:a.example\nhttps://other.example/x\nhttps://www.other.example/y\n# note\n',
      [domain('other.example')],
    );
    expect(result.text).toBe(
      'domain:a.example\nhttps://www.other.example/y\n# note\n\ndomain:other.example\n',
    );
    expect(result.dropped).toEqual([
      { line: 2, entry: url('https://other.example/x'), reason: 'covered-by-domain' },
    ]);
  });

  it('drops old duplicates and old URLs under an old domain: entry, so the result has no redundant line', () => {
    const result = merged(
      'https://a.example/x\ndomain:a.example\nhttps://b.example/\nHTTPS://B.EXAMPLE\n',
      [],
    );
    expect(result.text).toBe('domain:a.example\nhttps://b.example/\n');
    expect(result.dropped.map((d) => `${d.line} ${d.reason}`)).toEqual([
      '1 covered-by-domain',
      '4 duplicate',
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('merges into an empty old file, and appends after a final blank line without adding another', () => {
    expect(merged('', [domain('a.example')], ['new']).text).toBe('# new\ndomain:a.example\n');
    expect(merged('domain:a.example\n\n', [domain('b.example')]).text).toBe(
      'domain:a.example\n\ndomain:b.example\n',
    );
  });

  it('refuses an old file with errors, returning them', () => {
    const result = mergeDisavow(utf8('domain:a.example\nb.example/x\n'), [domain('c.example')]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => `${e.line} ${e.code}`)).toEqual(['2 relative-url']);
  });

  it('refuses additions that are not normalised entries, and a result past the limits', () => {
    expect(() => mergeDisavow(utf8(''), [domain('A.example')])).toThrow(BadInputError);
    const old = '\n'.repeat(99_999);
    expect(merged(old, [domain('a.example')]).text.split('\n')).toHaveLength(100_001); // 100,000 lines + final LF
    expect(() => mergeDisavow(utf8(old), [domain('a.example'), domain('b.example')])).toThrow(
      /100,001 lines/,
    );
  });

  it('gives the union of old and new, less URLs under a domain: entry (property)', () => {
    const entry = fc.oneof(
      fc.constantFrom('a', 'b', 'c', 'www.a').map((h) => domain(`${h}.example`)),
      fc
        .tuple(fc.constantFrom('a', 'b', 'c', 'www.a', 'd'), fc.constantFrom('', 'x', 'y?q=1'))
        .map(([h, p]) => url(`https://${h}.example/${p}`)),
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), fc.array(entry, { maxLength: 12 }), (before, after) => {
        const result = merged(formatDisavow(before, { header: ['old'] }), after, ['new']);
        const parsed = parseDisavow(utf8(result.text));
        expect(parsed.errors).toEqual([]);
        expect(
          parsed.warnings.filter((w) => w.code === 'duplicate' || w.code === 'covered-by-domain'),
        ).toEqual([]);
        const union = canonicalEntries([...before, ...after]);
        const domains = new Set(union.flatMap((e) => (e.kind === 'domain' ? [e.domain] : [])));
        const expected = union.filter((e) => e.kind === 'domain' || !domains.has(urlHost(e.url)));
        expect(canonicalEntries(parsed.entries)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('diffDisavow', () => {
  it('lists added and removed entries in canonical order, ignoring comments, order, spelling and duplicates', () => {
    const before = parseDisavow(
      utf8('# old\nhttps://b.example/x\ndomain:a.example\nhttps://c.example/\n'),
    ).entries;
    const after = parseDisavow(
      utf8(
        'domain:A.example\r\n# new\r\nhttps://d.example/\r\ndomain:e.example\r\nHTTPS://C.EXAMPLE\r\ndomain:a.example\r\n',
      ),
    ).entries;
    const diff = diffDisavow(before, after);
    expect(diff.added.map(entryText)).toEqual(['domain:e.example', 'https://d.example/']);
    expect(diff.removed).toEqual([{ entry: url('https://b.example/x') }]);
    expect(diff.unchanged).toBe(2);
  });

  it('marks a removed URL that a new domain: entry of its exact host still covers', () => {
    const diff = diffDisavow(
      [url('https://a.example/x'), url('https://www.a.example/y')],
      [domain('a.example')],
    );
    expect(diff.removed).toEqual([
      { entry: url('https://a.example/x'), coveredBy: domain('a.example') },
      { entry: url('https://www.a.example/y') },
    ]);
    expect(diff.added).toEqual([domain('a.example')]);
  });

  it('is empty between equal sets of entries', () => {
    expect(diffDisavow([domain('a.example'), domain('a.example')], [domain('a.example')])).toEqual({
      added: [],
      removed: [],
      unchanged: 1,
    });
  });
});
