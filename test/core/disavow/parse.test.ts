/**
 * parseDisavow against DOMAIN.md's "Disavow file" rules: encodings and line ends, every limit at the
 * boundary and one past it, and each error code.
 */
import { describe, expect, it } from 'vitest';
import {
  DISAVOW_MAX_BYTES,
  DISAVOW_MAX_LINES,
  DISAVOW_MAX_URL_CHARS,
} from '../../../src/core/disavow/limits.ts';
import { parseDisavow } from '../../../src/core/disavow/parse.ts';
import type { Problem } from '../../../src/core/disavow/problem.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...utf8(p)] : p)));
const parse = (text: string) => parseDisavow(utf8(text));
const codes = (problems: readonly Problem[]) => problems.map((p) => `${p.line} ${p.code}`);
/** The error of a one-line file. */
const errorOf = (line: string) => {
  const { errors, entries } = parse(`${line}\n`);
  expect(entries).toEqual([]);
  expect(errors).toHaveLength(1);
  return errors[0]!;
};

describe('parseDisavow: entries', () => {
  it('reads domain: and URL lines, skipping comments and blank lines, in file order', () => {
    const parsed = parse('# spam sites\n\ndomain:spam.example\nhttps://blog.example/post?id=1\n   \n#end\n');
    expect(parsed.errors).toEqual([]);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.entries).toEqual([
      { kind: 'domain', domain: 'spam.example' },
      { kind: 'url', url: 'https://blog.example/post?id=1' },
    ]);
    expect(parsed.lineCount).toBe(6);
  });

  it('normalises: lower case, IDN to punycode, the WHATWG URL serialisation', () => {
    const parsed = parse(
      'domain:Bücher.DE\nHTTP://Bücher.de:80/ü?q=ä\nhttps://Example.COM\ndomain:ex_ample.com\n',
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toEqual([
      { kind: 'domain', domain: 'xn--bcher-kva.de' },
      { kind: 'url', url: 'http://xn--bcher-kva.de/%C3%BC?q=%C3%A4' },
      { kind: 'url', url: 'https://example.com/' },
      { kind: 'domain', domain: 'ex_ample.com' },
    ]);
  });

  it('ignores spaces and tabs around a line; a line starting with # after them is a comment', () => {
    const parsed = parse(' \tdomain:a.example \t\n   # indented comment\n\t\n');
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toEqual([{ kind: 'domain', domain: 'a.example' }]);
  });
});

describe('parseDisavow: encodings and line ends', () => {
  const lines = 'domain:a.example\nhttps://b.example/x\n';
  const expected = parse(lines).entries;

  it('reads 7-bit ASCII, UTF-8, UTF-8 with a byte order mark, CRLF and a missing final line end alike', () => {
    expect(expected).toHaveLength(2);
    for (const file of [
      bytes([0xef, 0xbb, 0xbf], lines),
      utf8(lines.replaceAll('\n', '\r\n')),
      bytes([0xef, 0xbb, 0xbf], lines.replaceAll('\n', '\r\n')),
      utf8(lines.trimEnd()),
    ]) {
      const parsed = parseDisavow(file);
      expect(parsed.errors).toEqual([]);
      expect(parsed.entries).toEqual(expected);
      expect(parsed.lineCount).toBe(2);
    }
    expect(parseDisavow(bytes([0xef, 0xbb, 0xbf], lines)).byteCount).toBe(utf8(lines).length + 3);
  });

  it('counts lines as Google does: a final LF ends the last line, an empty file has none', () => {
    expect(parse('').lineCount).toBe(0);
    expect(parse('\n').lineCount).toBe(1);
    expect(parse('\n\n').lineCount).toBe(2);
    expect(parse('a\nb').lineCount).toBe(2);
    expect(parseDisavow(bytes([0xef, 0xbb, 0xbf])).lineCount).toBe(0);
  });

  it('reports invalid UTF-8 by line and byte, and still reads the other lines', () => {
    const parsed = parseDisavow(
      bytes(
        'domain:a.example\r\n# caf',
        [0xe9],
        '\r\ndomain:b',
        [0xc0, 0xaf],
        '.example\nhttps://c.example/\n',
      ),
    );
    expect(codes(parsed.errors)).toEqual(['2 bad-encoding', '3 bad-encoding']);
    expect(parsed.errors[0]!.message).toContain('byte 0xE9 at byte 6 of the line');
    expect(parsed.errors[1]!.message).toContain('byte 0xC0 at byte 9 of the line');
    expect(parsed.entries).toEqual([
      { kind: 'domain', domain: 'a.example' },
      { kind: 'url', url: 'https://c.example/' },
    ]);
  });

  it('treats a truncated sequence at the end and a partial byte order mark as bad encoding', () => {
    expect(codes(parseDisavow(bytes('domain:a.example\nx', [0xe2, 0x82])).errors)).toEqual([
      '2 bad-encoding',
    ]);
    expect(codes(parseDisavow(bytes([0xef, 0xbb], 'domain:a.example\n')).errors)).toEqual(['1 bad-encoding']);
  });

  it('refuses UTF-16 with one clear error rather than one per line', () => {
    const utf16 = bytes(
      [0xff, 0xfe],
      [...'domain:a.example\n'].flatMap((c) => [c.charCodeAt(0), 0]),
    );
    const parsed = parseDisavow(utf16);
    expect(codes(parsed.errors)).toEqual(['1 bad-encoding']);
    expect(parsed.errors[0]!.message).toContain('UTF-16');
    expect(codes(parseDisavow(bytes([0xfe, 0xff], [0, 0x61])).errors)).toEqual(['1 bad-encoding']);
  });

  it('refuses a carriage return that does not end a line (old Mac line ends)', () => {
    const parsed = parse('domain:a.example\rdomain:b.example\r');
    expect(codes(parsed.errors)).toEqual(['1 control-character']);
    expect(parsed.errors[0]!.message).toContain('carriage return');
  });
});

describe('parseDisavow: limits', () => {
  it(`accepts a URL of ${DISAVOW_MAX_URL_CHARS} characters and refuses one more`, () => {
    const at = `https://example.com/${'a'.repeat(DISAVOW_MAX_URL_CHARS - 20)}`;
    expect(at).toHaveLength(DISAVOW_MAX_URL_CHARS);
    const ok = parse(`${at}\n`);
    expect(ok.errors).toEqual([]);
    expect(ok.entries).toEqual([{ kind: 'url', url: at }]);
    const over = errorOf(`${at}b`);
    expect(over.code).toBe('url-too-long');
    expect(over.message).toContain('2,049 characters');
  });

  it('counts characters as code points, and checks the normalised URL too', () => {
    // 2,048 code points (the emoji is one, in two UTF-16 units) ...
    const written = `https://example.com/${'a'.repeat(DISAVOW_MAX_URL_CHARS - 21)}😀`;
    expect([...written]).toHaveLength(DISAVOW_MAX_URL_CHARS);
    // ... but 2,059 once percent-encoded, the form linkledger would write back.
    const error = errorOf(written);
    expect(error.code).toBe('url-too-long');
    expect(error.message).toContain('2,059 characters once normalised');
  });

  it(`accepts ${DISAVOW_MAX_LINES} lines (blank and comment lines count) and refuses one more`, () => {
    const at = `${'\n'.repeat(DISAVOW_MAX_LINES - 2)}# last comment\ndomain:a.example`;
    const ok = parse(at);
    expect(ok.lineCount).toBe(DISAVOW_MAX_LINES);
    expect(ok.errors).toEqual([]);
    expect(parse(`${at}\n`).errors).toEqual([]); // a final LF adds no line
    const over = parse(`${at}\n\n`);
    expect(over.lineCount).toBe(DISAVOW_MAX_LINES + 1);
    expect(codes(over.errors)).toEqual([`${DISAVOW_MAX_LINES + 1} too-many-lines`]);
    expect(over.errors[0]!.message).toContain('100,001 lines');
    expect(over.entries).toEqual([{ kind: 'domain', domain: 'a.example' }]);
  });

  it(`accepts ${DISAVOW_MAX_BYTES} bytes (2 MB read as SI megabytes) and refuses one more`, () => {
    const entry = 'domain:a.example\n';
    const file = (size: number) => utf8(`${entry}#${'x'.repeat(size - entry.length - 2)}\n`);
    const ok = parseDisavow(file(DISAVOW_MAX_BYTES));
    expect(ok.byteCount).toBe(DISAVOW_MAX_BYTES);
    expect(ok.errors).toEqual([]);
    const over = parseDisavow(file(DISAVOW_MAX_BYTES + 1));
    expect(codes(over.errors)).toEqual(['2 file-too-large']);
    expect(over.errors[0]!.message).toContain('2,000,001 bytes');
    expect(over.entries).toEqual([{ kind: 'domain', domain: 'a.example' }]);
  });

  it('counts the byte order mark in the size, and reports the line holding the first byte past the limit', () => {
    const bom = [0xef, 0xbb, 0xbf];
    const comment = `#${'x'.repeat(DISAVOW_MAX_BYTES - 3 - 2)}\n`;
    expect(parseDisavow(bytes(bom, comment)).errors).toEqual([]);
    expect(codes(parseDisavow(bytes(bom, comment, '#')).errors)).toEqual(['2 file-too-large']);
    expect(codes(parseDisavow(bytes(bom, comment, 'domain:b.example\n')).errors)).toEqual([
      '2 file-too-large',
    ]);
    expect(codes(parseDisavow(bytes(bom, `${comment.slice(0, -1)}xy\n`)).errors)).toEqual([
      '1 file-too-large',
    ]);
  });
});

describe('parseDisavow: errors', () => {
  const cases: [line: string, code: string, says?: string][] = [
    ['https://a.example/ # spam', 'inline-comment'],
    ['domain:a.example\t# spam', 'inline-comment'],
    ['https://a.example/x https://b.example/y', 'whitespace-in-entry', 'one entry per line'],
    ['https://a.example/two words', 'whitespace-in-entry', '%20'],
    ['domain: a.example', 'whitespace-in-entry', 'no space after "domain:"'],
    ['domain:a.example\u00a0', 'whitespace-in-entry', 'U+00A0'],
    ['domain:a.example\u0000', 'control-character', 'U+0000'],
    ['Domain:a.example', 'domain-prefix-case'],
    ['DOMAIN:a.example', 'domain-prefix-case'],
    ['domain:', 'bad-domain', 'needs a host name'],
    ['domain:192.168.0.1', 'bad-domain', 'IP address'],
    ['domain:[::1]', 'bad-domain', 'IP address'],
    ['domain:localhost', 'bad-domain', 'no dot'],
    ['domain:a.example.', 'bad-domain', 'final dot'],
    ['domain:user@a.example', 'bad-domain'],
    ['domain:a%2e.example', 'bad-domain', '"%"'],
    ['domain:a!b.example', 'bad-domain', '"!"'],
    ['domain:a..example', 'bad-domain'],
    ['domain:-a.example', 'bad-domain'],
    [`domain:${'a'.repeat(64)}.example`, 'bad-domain'],
    ['domain:https://a.example', 'domain-with-scheme', 'domain:a.example'],
    ['domain:a.example/en/', 'domain-with-path', 'domain:a.example'],
    ['domain:a.example/', 'domain-with-path'],
    ['domain:a.example?x=1', 'domain-with-path'],
    ['domain:a.example#x', 'domain-with-path'],
    ['domain:a.example:8080', 'domain-with-port', 'domain:a.example'],
    ['domain:*.a.example', 'domain-wildcard', 'domain:a.example'],
    ['domain:a*.example', 'domain-wildcard'],
    ['a.example', 'relative-url', 'domain:'],
    ['a.example/page', 'relative-url'],
    ['a.example:8080/page', 'relative-url'],
    ['/page.html', 'relative-url'],
    ['//a.example/page', 'relative-url'],
    ['ftp://a.example/file', 'unsupported-scheme', '"ftp:"'],
    ['mailto:x@a.example', 'unsupported-scheme'],
    ['site:a.example', 'unsupported-scheme'],
    ['https:a.example/page', 'not-a-url', 'https://'],
    ['https:///page', 'not-a-url'],
    ['https:\\\\a.example\\page', 'not-a-url'],
    ['http://a<b.example/', 'not-a-url'],
    ['http://[::1/', 'not-a-url'],
  ];
  it.each(cases)('%j is %s', (line, code, says) => {
    const error = errorOf(line);
    expect(error.code).toBe(code);
    expect(error.line).toBe(1);
    if (says !== undefined) expect(error.message).toContain(says);
  });

  it('numbers errors by line among valid lines, and keeps the valid entries', () => {
    const parsed = parse(
      ['# header', 'domain:a.example', 'a.example/x', '', 'https://b.example/', 'domain:c.example/en'].join(
        '\r\n',
      ),
    );
    expect(codes(parsed.errors)).toEqual(['3 relative-url', '6 domain-with-path']);
    expect(parsed.entries).toHaveLength(2);
  });
});
