/**
 * `linkledger robots check` as a user runs it: the real bin on a robots.txt file in a temp folder. One
 * `allowed` / `disallowed` / `invalid` line per URL on stdout, in order; errors on stderr with the exit
 * codes of the README. Bad usage is checked in-process through `main`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../support/cli.ts';
import { REPO_ROOT } from '../support/paths.ts';

const BIN = join(REPO_ROOT, 'bin', 'linkledger.js');
const dir = mkdtempSync(join(tmpdir(), 'linkledger-robots-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROBOTS = join(dir, 'robots.txt');
writeFileSync(
  ROBOTS,
  [
    '\ufeffUser-agent: *',
    'Disallow: /',
    '',
    'User-agent: linkledger',
    'Disallow: /private',
    'Allow: /private/public-*.html$',
    'Disallow: /*?session=',
    'Disallow: /ツ',
    'Sitemap: https://example.com/sitemap.xml',
  ].join('\r\n'),
);
const UA = 'linkledger/0.1 (+https://example.com/linkledger)';

const inProcess = (...args: string[]) => runMain(args);

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('linkledger robots check', () => {
  it('prints allowed or disallowed per URL, in order, for the crawler’s group', () => {
    const urls = [
      'https://example.com/',
      'https://example.com/private/x',
      'https://example.com/private/public-1.html',
      'https://example.com/private/public-1.html?x',
      'https://example.com/list?session=1',
      'https://example.com/list#?session=1',
      'https://example.com/ツ/page',
      'https://example.com/%E3%83%84/page',
      'https://example.com/robots.txt',
    ];
    const { code, stdout, stderr } = cli('robots', 'check', '--robots', ROBOTS, '--agent', UA, ...urls);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const verdicts = ['allowed', 'disallowed', 'allowed', 'disallowed', 'disallowed', 'allowed'];
    verdicts.push('disallowed', 'disallowed', 'allowed');
    expect(stdout).toBe(urls.map((u, i) => `${verdicts[i]}\t${u}\n`).join(''));
  });

  it('uses the * group for other crawlers, and for --agent "*"', () => {
    for (const agent of ['OtherBot/2.0', '*']) {
      const { code, stdout } = cli(
        'robots',
        'check',
        '--robots',
        ROBOTS,
        '--agent',
        agent,
        'https://example.com/',
      );
      expect(code).toBe(0);
      expect(stdout).toBe('disallowed\thttps://example.com/\n');
    }
  });

  it('marks a URL that does not parse as invalid, checks the others, and exits 3', () => {
    const { code, stdout, stderr } = cli(
      'robots',
      'check',
      '--robots',
      ROBOTS,
      '--agent',
      UA,
      'https://example.com/private',
      'not a url',
      'https://example.com/ok',
    );
    expect(code).toBe(3);
    expect(stdout).toBe(
      'disallowed\thttps://example.com/private\ninvalid\tnot a url\nallowed\thttps://example.com/ok\n',
    );
    expect(stderr).toBe('linkledger: not an absolute URL with a host: "not a url"\n');
  });

  it('names every invalid URL when there are several', () => {
    const { code, stdout, stderr } = cli(
      'robots',
      'check',
      '--robots',
      ROBOTS,
      '--agent',
      UA,
      '/relative',
      'mailto:x@y',
    );
    expect(code).toBe(3);
    expect(stdout).toBe('invalid\t/relative\ninvalid\tmailto:x@y\n');
    expect(stderr).toContain('"/relative"');
    expect(stderr).toContain('"mailto:x@y"');
    expect(stderr).toContain('2 of 2 URLs could not be checked');
  });

  it('fails with exit 3 and the path when the robots file is missing', () => {
    const missing = join(dir, 'missing.txt');
    const { code, stdout, stderr } = cli(
      'robots',
      'check',
      '--robots',
      missing,
      '--agent',
      UA,
      'https://example.com/',
    );
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toBe(`linkledger: ${missing}: robots file not found\n`);
  });

  // Bad usage in-process through `main` (same code as the bin, no process start-up per case).
  it('is a usage error (exit 2) without --robots, --agent or URLs, or with an agent that has no token', async () => {
    expect((await inProcess('robots', 'check', '--agent', UA, 'https://example.com/')).code).toBe(2);
    expect((await inProcess('robots', 'check', '--robots', ROBOTS, 'https://example.com/')).code).toBe(2);
    expect((await inProcess('robots', 'check', '--robots', ROBOTS, '--agent', UA)).code).toBe(2);
    const bad = await inProcess(
      'robots',
      'check',
      '--robots',
      ROBOTS,
      '--agent',
      '/1.0',
      'https://example.com/',
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--agent must start with a product token');
  });
});
