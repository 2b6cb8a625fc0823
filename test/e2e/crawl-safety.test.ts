/**
 * The crawler's address safety from the command line: without `--allow-private-network` a crawl of a
 * loopback site (by IP, or by a name that resolves there) fetches nothing and says why; cloud metadata is
 * refused even with the flag. The server's own log is the witness that not one request reached it.
 * Runs `main` in-process (the same code as the bin) so the server keeps answering meanwhile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-safety-'));
let server: Server;
let port = 0;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<a href="/next">next</a>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

async function crawl(...args: string[]) {
  const { code, stdout } = await runMain([
    'crawl',
    ...args,
    '--format',
    'json',
    '--progress',
    'none',
    '--delay',
    '0',
  ]);
  return { code, job: JSON.parse(stdout) as { stats: { errors: Record<string, number>; fetched: number } } };
}

describe('crawl address safety', () => {
  it('refuses a loopback address unless --allow-private-network', async () => {
    const { code, job } = await crawl(`http://127.0.0.1:${port}/`, '--db', join(dir, 'a.duckdb'));
    expect(code).toBe(0);
    expect(job.stats.fetched).toBe(0);
    expect(job.stats.errors['robots-blocked-address']).toBeGreaterThan(0);
    expect(requests).toEqual([]);
  });

  it('refuses a name that resolves to loopback (checked after resolution)', async () => {
    const { job } = await crawl(
      `http://inside.test:${port}/`,
      '--resolve',
      `inside.test:${port}:127.0.0.1`,
      '--db',
      join(dir, 'b.duckdb'),
    );
    expect(job.stats.fetched).toBe(0);
    expect(job.stats.errors['robots-blocked-address']).toBeGreaterThan(0);
    expect(requests).toEqual([]);
  });

  it('refuses cloud metadata even with --allow-private-network, before any packet is sent', async () => {
    const { job } = await crawl(
      'http://metadata.test/latest/meta-data/',
      '--resolve',
      'metadata.test:80:169.254.169.254',
      '--allow-private-network',
      '--db',
      join(dir, 'c.duckdb'),
    );
    expect(job.stats.fetched).toBe(0);
    expect(job.stats.errors['robots-blocked-address']).toBeGreaterThan(0);
  });

  it('crawls the same site when private networks are allowed', async () => {
    const { job } = await crawl(
      `http://inside.test:${port}/`,
      '--resolve',
      `inside.test:${port}:127.0.0.1`,
      '--allow-private-network',
      '--db',
      join(dir, 'd.duckdb'),
    );
    expect(job.stats.fetched).toBe(2);
    expect(requests).toEqual(['/robots.txt', '/', '/next']);
  });
});
