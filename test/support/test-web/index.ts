/**
 * The test web: a small, misbehaving web of virtual hosts served on 127.0.0.1 for crawler tests.
 *
 *   const web = await startTestWeb();
 *   crawl(web.origin('site-a.test') + '/', { resolve: web.resolveArgs });   // site-a.test:PORT:127.0.0.1 ...
 *   expect(fetched).toEqual(expect.arrayContaining(web.expected.crawls.discover.fetch.map((e) => e.url)));
 *   await web.close();
 *
 * Hosts (see types.ts HOSTS and hosts/*.ts, where every page is written out): site-a.test, blog.site-a.test,
 * site-b.test, trap.test, broken.test, flaky.test. Any other Host header gets 421. expected.ts lists,
 * by hand, what an obedient crawl must fetch and must not.
 */
import { expectedFor } from './expected.ts';
import { flaky } from './hosts/flaky.ts';
import { blogSiteA, broken, siteB, trap } from './hosts/others.ts';
import { siteA } from './hosts/site-a.ts';
import type { ResolvedOptions } from './respond.ts';
import { startVirtualHostServer } from './server.ts';
import { HOSTS, type HostName, type Origins, type TestWeb, type TestWebOptions } from './types.ts';

export type {
  ExpectedCrawl,
  ExpectedLink,
  ExpectedPage,
  ExpectedRedirect,
  ExpectedUrl,
  HostKey,
  HostName,
  Origins,
  RequestLogEntry,
  TestWeb,
  TestWebExpected,
  TestWebOptions,
} from './types.ts';
export { HOSTS } from './types.ts';

export async function startTestWeb(options: TestWebOptions = {}): Promise<TestWeb> {
  const resolved: ResolvedOptions = {
    slowHeadersMs: options.slowHeadersMs ?? 3000,
    trickleIntervalMs: options.trickleIntervalMs ?? 200,
    hugeBytes: options.hugeBytes ?? 20 * 1024 * 1024,
    bombBytes: options.bombBytes ?? 1024 * 1024 * 1024,
  };
  const server = await startVirtualHostServer(resolved);
  const { port } = server;
  const originOf = (host: string) => `http://${host}:${port}`;
  const origins: Origins = {
    a: originOf(HOSTS.a),
    blog: originOf(HOSTS.blog),
    b: originOf(HOSTS.b),
    trap: originOf(HOSTS.trap),
    broken: originOf(HOSTS.broken),
    flaky: originOf(HOSTS.flaky),
  };
  server.setHosts([
    siteA(origins),
    blogSiteA(origins),
    siteB(origins),
    trap(origins),
    broken(origins),
    flaky(origins),
  ]);
  const hosts = Object.values(HOSTS) as HostName[];

  return {
    port,
    hosts,
    origin(host) {
      if (!(hosts as string[]).includes(host)) throw new Error(`${host} is not a host of the test web`);
      return originOf(host);
    },
    resolveArgs: hosts.map((host) => `${host}:${port}:127.0.0.1`),
    log: server.log,
    maxConcurrentPerHost: server.maxConcurrentPerHost,
    maxOpenSocketsPerHost: server.maxOpenSocketsPerHost,
    expected: expectedFor(origins),
    close: server.close,
  };
}
