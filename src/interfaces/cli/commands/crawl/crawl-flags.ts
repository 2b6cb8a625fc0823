/**
 * The flags `crawl` and `verify` share (politeness, network safety, limits) and their translation into
 * CrawlSettings. Numbers are checked here so a typo is a usage error, not a crawl with NaN delays.
 */
import { type Command, Option } from 'commander';
import { parseResolveSpec } from '../../../../core/crawl/address-policy.ts';
import { type CrawlSettings, defaultCrawlSettings } from '../../../../core/crawl/settings.ts';
import { UsageError } from '../../../../core/errors.ts';

export interface NetworkFlags {
  db?: string;
  concurrency?: string;
  perHost?: string;
  delay?: string;
  allowPrivateNetwork?: boolean;
  resolve: string[];
  userAgent?: string;
  timeout?: string;
  readTimeout?: string;
  maxBody?: string;
  retries?: string;
  robotsRetry?: string;
  progress: 'auto' | 'bar' | 'lines' | 'none';
  quiet?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function addNetworkFlags(command: Command): Command {
  return command
    .option('--db <path>', 'ledger file (default ./linkledger.duckdb, or $LINKLEDGER_DB)')
    .option('--concurrency <n>', 'requests in flight across all hosts (default 8)')
    .option('--per-host <n>', 'parallel connections to one host (default 1)')
    .option(
      '--delay <ms>',
      'pause between requests to one host (default 1000; a longer robots.txt Crawl-delay wins)',
    )
    .option('--allow-private-network', 'allow loopback, private and link-local addresses (tests, intranets)')
    .option(
      '--resolve <host:port:addr>',
      'use this address for host:port, like curl (repeatable)',
      collect,
      [],
    )
    .option('--user-agent <ua>', 'User-Agent header (its product token is what robots.txt groups match)')
    .option('--timeout <ms>', 'whole-request timeout (default 60000)')
    .option('--read-timeout <ms>', 'response head and idle-body timeout (default 20000)')
    .option('--max-body <bytes>', 'bytes read per page; longer pages are truncated (default 10 MiB)')
    .option('--retries <n>', 'extra attempts after 429, 5xx or a dropped connection (default 2)')
    .addOption(
      new Option('--robots-retry <ms>', 'wait before asking an unreachable robots.txt again').hideHelp(),
    )
    .addOption(
      new Option('--progress <mode>', 'live line on a terminal, a line per second, or none')
        .choices(['auto', 'bar', 'lines', 'none'])
        .default('auto'),
    )
    .option('-q, --quiet', 'no progress and no summary');
}

export function count(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${flag} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  return n;
}

/** Settings from the shared flags over the defaults; the caller sets seeds, scope and limits. */
export function networkSettings(seeds: string[], flags: NetworkFlags, defaultAgent: string): CrawlSettings {
  const s = defaultCrawlSettings(seeds, flags.userAgent ?? defaultAgent);
  s.concurrency = count(flags.concurrency, '--concurrency', 1) ?? s.concurrency;
  s.perHost = count(flags.perHost, '--per-host', 1) ?? s.perHost;
  s.delayMs = count(flags.delay, '--delay', 0) ?? s.delayMs;
  s.allowPrivateNetwork = flags.allowPrivateNetwork === true;
  s.resolve = flags.resolve.map(parseResolveSpec);
  s.timeouts.totalMs = count(flags.timeout, '--timeout', 1) ?? s.timeouts.totalMs;
  s.timeouts.readMs = count(flags.readTimeout, '--read-timeout', 1) ?? s.timeouts.readMs;
  s.timeouts.connectMs = Math.min(s.timeouts.connectMs, s.timeouts.totalMs);
  s.maxBodyBytes = count(flags.maxBody, '--max-body', 1) ?? s.maxBodyBytes;
  s.maxDecodedBytes = Math.max(s.maxDecodedBytes, s.maxBodyBytes);
  s.retries = count(flags.retries, '--retries', 0) ?? s.retries;
  s.robotsRetryMs = count(flags.robotsRetry, '--robots-retry', 0) ?? s.robotsRetryMs;
  return s;
}

/** Seeds as absolute http(s) URLs (normalised the way the ledger keys pages). */
export function seedUrls(raw: readonly string[], normalize: (url: string) => string | null): string[] {
  return raw.map((value) => {
    const url = normalize(value);
    if (url === null || !/^https?:\/\//.test(url))
      throw new UsageError(`${JSON.stringify(value)} is not an http(s) URL`);
    return url;
  });
}
