/**
 * `linkledger disavow validate` and `disavow diff` as a user runs them: the real bin on files in a temp
 * folder. validate: problems as `FILE:LINE: error|warning CODE: message` on stdout, a summary on stderr,
 * exit 0 when valid and 3 on any error. diff: `- entry` / `+ entry` on stdout, a summary on stderr, exit 0.
 * Bad usage (and the not-yet-available `disavow TARGET`) is checked in-process through `main`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../support/cli.ts';
import { REPO_ROOT } from '../support/paths.ts';

const BIN = join(REPO_ROOT, 'bin', 'linkledger.js');
const dir = mkdtempSync(join(tmpdir(), 'linkledger-disavow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const inProcess = (...args: string[]) => runMain(args);

const VALID_TEXT =
  '\ufeff# disavowed 2025-01-10\r\ndomain:spam.example\r\ndomain:Bücher.de\r\nhttps://blog.example/paid-post\r\n';
const VALID = file('valid.txt', VALID_TEXT);
const OLD = file(
  'old.txt',
  '# old\ndomain:spam.example\nhttps://blog.example/paid-post\nhttps://other.example/a\n',
);
const NEW = file(
  'new.txt',
  '# new\ndomain:other.example\nHTTPS://BLOG.example/paid-post\nhttps://new.example/b\n',
);

describe('linkledger disavow validate', () => {
  it('exits 0 on a valid file, printing nothing on stdout and a summary on stderr', () => {
    const { code, stdout, stderr } = cli('disavow', 'validate', VALID);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `${VALID}: valid: 0 errors, 0 warnings; 3 entries (2 domains, 1 URL); 4 of 100,000 lines, ${Buffer.byteLength(VALID_TEXT)} of 2,000,000 bytes\n`,
    );
    expect(code).toBe(0);
  });

  it('exits 0 with warnings, one line each', () => {
    const path = file('warnings.csv', 'domain:www.a.example\nhttps://b.example/x\nhttps://B.example/x\n');
    const { code, stdout, stderr } = cli('disavow', 'validate', path);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        `${path}: warning not-txt: Google’s upload form takes a .txt file; rename it before uploading`,
        `${path}:1: warning domain-www: domain:www.a.example does not cover links from a.example itself; write domain:a.example if you mean the whole site`,
        `${path}:3: warning duplicate: https://b.example/x is already on line 2`,
        '',
      ].join('\n'),
    );
    expect(stderr).toContain('valid: 0 errors, 3 warnings');
  });

  it('exits 3 on an invalid file, naming every problem by line', () => {
    const content = Buffer.concat([
      Buffer.from(
        '# header\r\ndomain:a.example/en/\r\nhttps://b.example/ # paid\r\nexample.com/page\r\n# caf',
      ),
      Buffer.from([0xe9]), // Latin-1 é
      Buffer.from('\r\nhttps://ok.example/#top\r\n'),
    ]);
    const path = file('invalid.txt', content);
    const { code, stdout, stderr } = cli('disavow', 'validate', path);
    expect(code).toBe(3);
    expect(stdout.split('\n').map((line) => line.split(': ').slice(0, 2).join(': '))).toEqual([
      `${path}:2: error domain-with-path`,
      `${path}:3: error inline-comment`,
      `${path}:4: error relative-url`,
      `${path}:5: error bad-encoding`,
      `${path}:6: warning url-fragment`,
      '',
    ]);
    expect(stderr).toBe(
      `linkledger: ${path}: not a valid disavow file: 4 errors, 1 warning; 1 entry (0 domains, 1 URL); 6 of 100,000 lines, ${content.length} of 2,000,000 bytes\n`,
    );
  });

  it('exits 3 past the line limit, reporting the first line over it', () => {
    const path = file('long.txt', `domain:a.example\n${'#\n'.repeat(100_000)}`);
    const { code, stdout } = cli('disavow', 'validate', path);
    expect(code).toBe(3);
    expect(stdout).toBe(
      `${path}:100001: error too-many-lines: the file has 100,001 lines; Google accepts at most 100,000, blank and comment lines included\n`,
    );
  });

  it('exits 3 with the path when the file is missing', () => {
    const missing = join(dir, 'missing.txt');
    const { code, stdout, stderr } = cli('disavow', 'validate', missing);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toBe(`linkledger: ${missing}: disavow file not found\n`);
  });
});

describe('linkledger disavow diff', () => {
  it('prints removed then added entries, ignoring comments, order and spelling, and a summary', () => {
    const { code, stdout, stderr } = cli('disavow', 'diff', OLD, NEW);
    expect(stderr).toBe(
      `${OLD} -> ${NEW}: 2 added, 2 removed (1 still covered by a domain: entry), 1 unchanged\n`,
    );
    expect(stdout).toBe(
      [
        '- domain:spam.example',
        '- https://other.example/a  # covered by domain:other.example',
        '+ domain:other.example',
        '+ https://new.example/b',
        '',
      ].join('\n'),
    );
    expect(code).toBe(0);
  });

  it('prints nothing for files with the same entries', () => {
    const { code, stdout, stderr } = cli('disavow', 'diff', VALID, VALID);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('0 added, 0 removed, 3 unchanged');
  });

  it('still diffs the valid lines of an invalid file, shows its errors, and exits 3', () => {
    const bad = file('bad.txt', 'domain:spam.example\nexample.com/x\nhttps://c.example/\n');
    const { code, stdout, stderr } = cli('disavow', 'diff', OLD, bad);
    expect(code).toBe(3);
    expect(stdout).toContain('+ https://c.example/\n');
    expect(stderr).toContain(`${bad}:2: error relative-url: `);
    expect(stderr).toContain(
      `linkledger: ${bad} has 1 error (see above); the diff covers their valid lines only\n`,
    );
  });
});

describe('linkledger disavow: usage', () => {
  it('is a usage error (exit 2) without a file, or with a missing NEW', async () => {
    expect((await inProcess('disavow', 'validate')).code).toBe(2);
    expect((await inProcess('disavow', 'diff', OLD)).code).toBe(2);
    expect((await inProcess('disavow')).code).toBe(2);
  });

  it('disavow TARGET refuses a --min-score outside 0-100 before opening the ledger (exit 2)', async () => {
    const { code, stderr } = await inProcess(
      'disavow',
      'example.com',
      '--min-score',
      '101',
      '--db',
      ':memory:',
    );
    expect(code).toBe(2);
    expect(stderr).toContain('--min-score must be a number from 0 to 100');
  });
});
