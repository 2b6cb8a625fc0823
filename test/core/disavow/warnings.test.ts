/** The warnings: legal lines that are probably mistakes. None of them makes the file invalid. */
import { describe, expect, it } from 'vitest';
import { fileNameWarning } from '../../../src/core/disavow/file-name.ts';
import { parseDisavow } from '../../../src/core/disavow/parse.ts';
import type { Problem } from '../../../src/core/disavow/problem.ts';

const parse = (...lines: string[]) => parseDisavow(new TextEncoder().encode(lines.join('\n')));
const codes = (problems: readonly Problem[]) => problems.map((p) => `${p.line} ${p.code}`);

describe('parseDisavow: warnings', () => {
  it('flags a duplicate, compared in normalised form, naming the first line', () => {
    const parsed = parse('domain:a.example', 'https://b.example', 'HTTPS://B.example/', 'domain:A.EXAMPLE');
    expect(parsed.errors).toEqual([]);
    expect(codes(parsed.warnings)).toEqual(['3 duplicate', '4 duplicate']);
    expect(parsed.warnings[0]!.message).toBe('https://b.example/ is already on line 2');
    expect(parsed.entries).toHaveLength(4); // every line's entry, in file order
  });

  it('flags a URL whose exact host is disavowed by a domain: line, before or after it', () => {
    const parsed = parse(
      'https://a.example/x',
      'domain:a.example',
      'http://a.example/y',
      'https://www.a.example/z', // a subdomain: coverage is not documented, so no warning
      'https://b.example/',
    );
    expect(codes(parsed.warnings)).toEqual(['1 covered-by-domain', '3 covered-by-domain']);
    expect(parsed.warnings[0]!.message).toContain('domain:a.example (line 2)');
  });

  it('notes that domain:www.example.com does not cover example.com', () => {
    const parsed = parse('domain:www.a.example', 'domain:www.example');
    expect(codes(parsed.warnings)).toEqual(['1 domain-www']);
    expect(parsed.warnings[0]!.message).toContain('write domain:a.example');
  });

  it('flags a URL with a fragment, even an empty one', () => {
    const parsed = parse('https://a.example/page#comments', 'https://b.example/#', 'https://c.example/');
    expect(codes(parsed.warnings)).toEqual(['1 url-fragment', '2 url-fragment']);
    expect(parsed.entries[0]).toEqual({ kind: 'url', url: 'https://a.example/page#comments' });
  });

  it('flags a file with no entries (it would withdraw every disavow), but not one that has errors', () => {
    expect(codes(parse().warnings)).toEqual(['0 no-entries']);
    expect(codes(parse('# nothing yet', '').warnings)).toEqual(['0 no-entries']);
    const invalid = parse('a.example');
    expect(codes(invalid.errors)).toEqual(['1 relative-url']);
    expect(invalid.warnings).toEqual([]);
  });

  it('flags a file name without .txt', () => {
    expect(fileNameWarning('disavow.txt')).toBeNull();
    expect(fileNameWarning('DISAVOW.TXT')).toBeNull();
    expect(fileNameWarning('disavow.csv')).toMatchObject({ line: 0, code: 'not-txt' });
  });
});
