/**
 * `npm start` as a newcomer runs it: in an empty folder, the demo imports the bundled real data into
 * ./demo.duckdb, ranks it, prints the reports, then serves the dashboard and the API on loopback and
 * prints the address; the page and the API answer with the data; Ctrl-C (SIGTERM here) stops it cleanly.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start', () => {
  it('imports, ranks, reports, then serves the dashboard on 127.0.0.1 until stopped', async () => {
    // `npm start` runs `node --import tsx src/main/demo.ts` from the checkout; here the folder is elsewhere.
    const tsx = pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const child = spawn(process.execPath, ['--import', tsx, join(REPO_ROOT, 'src', 'main', 'demo.ts')], {
      cwd: dir,
      env: { ...process.env, LINKLEDGER_PORT: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /4\. Dashboard: (http:\/\/127\.0\.0\.1:\d+)\/(\S*)/.exec(stdout);
        if (m) resolve(m[1]!);
      });
      void exited.then((code) =>
        reject(new Error(`demo exited ${code} before serving:\n${stdout}\n${stderr}`)),
      );
    });
    try {
      expect(stdout).toMatch(/3\. Reports for the domain most linked to: twitter\.com/);
      expect(stdout).toMatch(/#\/overview\?target=twitter\.com/);
      expect(existsSync(join(dir, 'demo.duckdb'))).toBe(true);
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<div id="root">/);
      const ledger = (await (await fetch(`${url}/api/v1/ledger`)).json()) as {
        counts: { links: number };
        rankedAt: string | null;
        suggestedTarget: string;
      };
      expect(ledger.counts.links).toBeGreaterThan(40_000);
      expect(ledger.rankedAt).not.toBeNull();
      const profile = (await (await fetch(`${url}/api/v1/profile?target=twitter.com`)).json()) as {
        refdomains: number;
        authority: { domain: number | null };
      };
      expect(profile.refdomains).toBeGreaterThan(50);
      expect(profile.authority.domain).toBe(100);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/server stopped/);
  }, 180_000);
});
