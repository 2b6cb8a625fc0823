/** `linkledger extract` as a user runs it: the real bin, real files, stdout, stderr and exit codes. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LINK_OUTPUT_FIELDS } from '../../src/core/link/link.ts';
import { REPO_ROOT, sharedData } from '../support/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'linkledger.js'), ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('linkledger extract', () => {
  it('writes JSON Lines with exactly the documented fields, and a summary on stderr', () => {
    const { code, stdout, stderr } = cli('extract', sharedData('resiliparse-warc', 'warcfile.warc.gz'));
    expect(code).toBe(0);
    const links = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(links.length).toBeGreaterThan(1000);
    for (const link of links) expect(Object.keys(link)).toEqual([...LINK_OUTPUT_FIELDS]);
    expect(new Set(links.map((l) => l.source)).size).toBe(16);
    expect(stderr).toMatch(/records 50, pages 16, links [\d,]+/);
    expect(stderr).toMatch(/skipped 34: request 17, metadata 16, warcinfo 1/);
  });

  it('writes CSV with a header and one row per link', () => {
    const json = cli('extract', '-q', sharedData('conformance', 'link-extraction-test.warc'));
    const csv = cli(
      'extract',
      '-q',
      '--format',
      'csv',
      sharedData('conformance', 'link-extraction-test.warc'),
    );
    expect(csv.code).toBe(0);
    const rows = csv.stdout.trimEnd().split('\n');
    expect(rows[0]).toBe(LINK_OUTPUT_FIELDS.join(','));
    expect(rows.length - 1).toBe(json.stdout.trim().split('\n').length);
    expect(csv.stderr).toBe('');
  });

  it('prints a table for people', () => {
    const { code, stdout } = cli(
      'extract',
      '-q',
      '--format',
      'table',
      sharedData('conformance', 'link-extraction-test.warc'),
    );
    expect(code).toBe(0);
    expect(stdout).toContain('http://www.example.com/html4.html  (11 links, HTTP 200)');
  });

  it('uses --base-url for a loose HTML file', () => {
    const file = join(dir, 'page.html');
    writeFileSync(file, '<nav><a href="/about" rel="UGC, nofollow">About</a></nav>');
    const { stdout } = cli('extract', '-q', '--base-url', 'https://example.org/page', file);
    expect(JSON.parse(stdout)).toEqual({
      source: 'https://example.org/page',
      target: 'https://example.org/about',
      rawUrl: '/about',
      kind: 'a',
      path: 'A@/href',
      anchor: 'About',
      rel: ['ugc', 'nofollow'],
      nofollow: true,
      sponsored: false,
      ugc: true,
      placement: 'nav',
    });
  });

  it('fails with a clear error naming the file and offset for input that is not WARC, WAT or HTML', () => {
    const bad = join(dir, 'notes.txt');
    writeFileSync(bad, 'just some text\n');
    const { code, stderr } = cli('extract', bad);
    expect(code).toBe(3);
    expect(stderr).toContain(`${bad} at byte 0: not a WARC, WAT or HTML file`);
  });

  it('refuses bad flags with a usage error', () => {
    expect(cli('extract', '--format', 'xml', 'x').code).toBe(2);
    expect(
      cli('extract', '--base-url', 'not a url', sharedData('conformance', 'link-extraction-test.warc')).code,
    ).toBe(2);
    expect(cli('extract', join(dir, 'missing.warc')).code).toBe(2);
  });
});
