/**
 * What a complete, obedient crawl of the test web must do, written out by hand as literal lists (only the
 * origins, which carry the port, are filled in). Nothing here is derived from the routing code: if a host
 * file changes, this file has to be changed too, and test-web.test.ts checks that the two agree.
 */
import type {
  ExpectedCrawl,
  ExpectedLink,
  ExpectedPage,
  ExpectedRedirect,
  ExpectedUrl,
  Origins,
  TestWebExpected,
} from './types.ts';

const flags = (rel: string[]) => ({
  rel,
  nofollow: rel.includes('nofollow'),
  sponsored: rel.includes('sponsored'),
  ugc: rel.includes('ugc'),
});

export function expectedFor({ a, blog, b, trap, broken, flaky }: Origins): TestWebExpected {
  const u = (url: string, status: number | undefined, via: string, why: string): ExpectedUrl =>
    status === undefined ? { url, via, why } : { url, status, via, why };

  // ------------------------------------------------------------------------------------------------
  // site-a.test and blog.site-a.test (the "site" scope of the seed)

  const siteAFetch: ExpectedUrl[] = [
    u(`${a}/robots.txt`, 200, `${a}/`, 'robots.txt of the seed host'),
    u(`${a}/`, 200, `${a}/`, 'the seed'),
    u(`${a}/about.html`, 200, `${a}/`, 'linked (also as /about.html#team: the fragment is dropped)'),
    u(`${a}/products/`, 200, `${a}/`, 'linked'),
    u(`${a}/search-tips.html`, 200, `${a}/`, 'Disallow: /search*q= does not match it'),
    u(`${a}/redirects.html`, 200, `${a}/`, 'linked'),
    u(`${a}/files.html`, 200, `${a}/`, 'linked'),
    u(`${a}/charsets.html`, 200, `${a}/`, 'linked'),
    u(`${a}/robots-meta.html`, 200, `${a}/`, 'linked'),
    u(
      `${a}/private/public-note.html`,
      200,
      `${a}/`,
      'Allow: /private/public-note.html beats Disallow: /private/',
    ),
    u(`${a}/download/report.cgi?format=html`, 200, `${a}/`, 'Disallow: /*.cgi$ does not match with a query'),
    u(`${a}/catalog/item-1.html`, 200, `${a}/products/`, '<base href=".../catalog/"> + item-1.html'),
    u(`${a}/catalog/item-2.html`, 200, `${a}/products/`, '<base href=".../catalog/"> + ./item-2.html'),
    u(`${a}/canonical/original.html`, 200, `${a}/about.html`, 'linked (and the canonical of the duplicate)'),
    u(`${a}/robots-meta/noindex.html`, 200, `${a}/robots-meta.html`, 'linked'),
    u(`${a}/robots-meta/nofollow.html`, 200, `${a}/robots-meta.html`, 'linked'),
    u(`${a}/robots-meta/x-robots.html`, 200, `${a}/robots-meta.html`, 'linked'),
    u(`${a}/canonical/duplicate.html`, 200, `${a}/robots-meta.html`, 'linked'),
    u(
      `${a}/robots-meta/from-noindex.html`,
      200,
      `${a}/robots-meta/noindex.html`,
      'noindex still follows links',
    ),
    u(`${a}/redirect/hop1`, 301, `${a}/redirects.html`, 'linked; redirect 1 of 3'),
    u(`${a}/redirect/hop2`, 301, `${a}/redirect/hop1`, 'redirect 2 of 3'),
    u(`${a}/redirect/hop3`, 301, `${a}/redirect/hop2`, 'redirect 3 of 3'),
    u(`${a}/redirect/final.html`, 200, `${a}/redirect/hop3`, 'end of a 3-redirect chain'),
    u(`${a}/redirect/long1`, 301, `${a}/redirects.html`, 'linked; redirect 1 of 6'),
    u(`${a}/redirect/long2`, 302, `${a}/redirect/long1`, 'redirect 2 of 6'),
    u(`${a}/redirect/long3`, 303, `${a}/redirect/long2`, 'redirect 3 of 6'),
    u(`${a}/redirect/long4`, 307, `${a}/redirect/long3`, 'redirect 4 of 6'),
    u(`${a}/redirect/long5`, 308, `${a}/redirect/long4`, 'redirect 5 of 6'),
    u(
      `${a}/redirect/long6`,
      301,
      `${a}/redirect/long5`,
      'reached by the 5th redirect; its own (6th) is not followed',
    ),
    u(`${a}/redirect/loop-a`, 301, `${a}/redirects.html`, 'linked; loops with loop-b'),
    u(`${a}/redirect/loop-b`, 301, `${a}/redirect/loop-a`, 'loops back to loop-a'),
    u(`${a}/redirect/to-b`, 301, `${a}/redirects.html`, 'linked; redirects to site-b.test'),
    u(`${a}/redirect/to-private`, 301, `${a}/redirects.html`, 'linked; redirects into /private/'),
    u(`${a}/meta-refresh.html`, 200, `${a}/redirects.html`, 'linked'),
    u(`${a}/refreshed.html`, 200, `${a}/meta-refresh.html`, 'target of <meta http-equiv="refresh">'),
    u(`${a}/files/report.pdf`, 200, `${a}/files.html`, 'application/pdf'),
    u(`${a}/files/logo.png`, 200, `${a}/files.html`, 'image/png'),
    u(`${a}/files/data.json`, 200, `${a}/files.html`, 'application/json'),
    u(`${a}/files/notes.txt`, 200, `${a}/files.html`, 'text/plain'),
    u(`${a}/files/really-html.pdf`, 200, `${a}/files.html`, 'text/html despite .pdf'),
    u(`${a}/files/not-html.html`, 200, `${a}/files.html`, 'image/png despite .html'),
    u(`${a}/files/download`, 200, `${a}/files.html`, 'application/pdf, Content-Disposition: attachment'),
    u(`${a}/files/from-misnamed.html`, 200, `${a}/files/really-html.pdf`, 'linked from HTML served as .pdf'),
    u(`${a}/charset/windows-1252.html`, 200, `${a}/charsets.html`, 'charset in the HTTP header'),
    u(`${a}/charset/shift_jis.html`, 200, `${a}/charsets.html`, 'charset in <meta charset>'),
    u(
      `${a}/charset/caf%C3%A9.html`,
      200,
      `${a}/charset/windows-1252.html`,
      'é (0xE9) in the page, UTF-8 in the URL',
    ),
    u(`${a}/charset/quotes.html`, 200, `${a}/charset/windows-1252.html`, 'linked'),
    u(`${a}/charset/nihongo.html`, 200, `${a}/charset/shift_jis.html`, 'linked'),
  ];

  const siteASitemaps: ExpectedUrl[] = [
    u(`${a}/sitemap-index.xml`, 200, `${a}/robots.txt`, 'Sitemap: line of robots.txt'),
    u(`${a}/sitemap.xml`, 200, `${a}/sitemap-index.xml`, 'in the sitemap index'),
    u(`${a}/sitemap-extra.xml.gz`, 200, `${a}/sitemap-index.xml`, 'in the sitemap index (a .gz file)'),
    u(`${a}/sitemap-only.html`, 200, `${a}/sitemap.xml`, 'listed in sitemap.xml only'),
    u(`${a}/gz-sitemap-only.html`, 200, `${a}/sitemap-extra.xml.gz`, 'listed in the gzipped sitemap only'),
  ];

  const siteANever: ExpectedUrl[] = [
    u(`${a}/private/secret.html`, 200, `${a}/`, 'Disallow: /private/'),
    u(`${a}/search?q=shoes`, 200, `${a}/`, 'Disallow: /search*q='),
    u(`${a}/download/report.cgi`, 200, `${a}/`, 'Disallow: /*.cgi$'),
    u(`${a}/about.html?sessionid=42`, 200, `${a}/`, 'Disallow: /*?sessionid='),
    u(
      `${a}/private/redirected.html`,
      200,
      `${a}/redirect/to-private`,
      'redirect target under Disallow: /private/',
    ),
    u(
      `${a}/private/in-sitemap.html`,
      200,
      `${a}/sitemap.xml`,
      'listed in the sitemap, but Disallow: /private/',
    ),
    u(`${a}/redirect/long-final.html`, 200, `${a}/redirect/long6`, 'the 6th redirect: over the limit of 5'),
    u(
      `${a}/robots-meta/from-nofollow.html`,
      200,
      `${a}/robots-meta/nofollow.html`,
      'only on a meta nofollow page',
    ),
    u(
      `${a}/robots-meta/from-x-robots.html`,
      200,
      `${a}/robots-meta/x-robots.html`,
      'only on an X-Robots-Tag nofollow page',
    ),
  ];

  const blogFetch: ExpectedUrl[] = [
    u(`${blog}/robots.txt`, 404, `${a}/`, 'robots.txt 404: everything allowed'),
    u(`${blog}/`, 200, `${a}/`, 'linked from the seed'),
    u(`${blog}/2026/hello-world.html`, 200, `${blog}/`, 'linked'),
    u(`${blog}/2026/second-post.html`, 200, `${blog}/`, 'linked (also with rel="UGC, Nofollow")'),
    u(`${blog}/private/not-blocked.html`, 200, `${blog}/`, '/private/ is disallowed on site-a.test only'),
    u(`${blog}/tags/crawling/`, 200, `${blog}/2026/hello-world.html`, 'linked'),
  ];

  const externals: ExpectedUrl[] = [
    u('https://external.example/', undefined, `${a}/`, 'external host'),
    u('http://external.example/page?x=1', undefined, `${a}/`, 'external host'),
    u('http://cdn.external.example/lib.html', undefined, `${a}/`, 'external host (protocol-relative link)'),
    u('https://external.example/sponsor', undefined, `${a}/`, 'external host, rel=sponsored'),
    u('https://external.example/forum', undefined, `${a}/`, 'external host, rel=ugc'),
    u('https://external.example/untrusted', undefined, `${a}/`, 'external host, rel=nofollow'),
    u('https://external.example/ad', undefined, `${blog}/2026/hello-world.html`, 'external host'),
    u('https://external.example/spam', undefined, `${blog}/2026/hello-world.html`, 'external host'),
    u('http://external.example/other', undefined, `${blog}/2026/hello-world.html`, 'external host'),
  ];

  const mayLogin = u(`${a}/login.html`, 200, `${a}/`, 'only linked with rel="nofollow" (a hint, not a rule)');

  // ------------------------------------------------------------------------------------------------
  // The other sites (the "discover" scope adds them)

  const siteBFetch: ExpectedUrl[] = [
    u(`${b}/robots.txt`, 200, `${a}/`, 'robots.txt with Crawl-delay: 1'),
    u(`${b}/`, 200, `${a}/`, 'linked from the seed'),
    u(`${b}/landing.html`, 200, `${a}/redirect/to-b`, 'linked, and the target of /redirect/to-b'),
    u(`${b}/b-page.html`, 200, `${a}/about.html`, 'linked'),
  ];
  const siteBNever: ExpectedUrl[] = [u(`${b}/tmp/cache.html`, 200, `${b}/`, 'Disallow: /tmp/')];

  const trapFetch: ExpectedUrl[] = [
    u(`${trap}/robots.txt`, 301, `${a}/`, 'robots.txt redirects to /robots-moved.txt'),
    u(`${trap}/robots-moved.txt`, 200, `${trap}/robots.txt`, 'the redirected robots.txt (follow it)'),
    u(`${trap}/calendar/2026/11`, 200, `${a}/`, 'linked from the seed: the first page of the trap'),
  ];
  const trapNever: ExpectedUrl[] = [
    u(
      `${trap}/hidden/index.html`,
      200,
      `${trap}/calendar/2026/11`,
      'Disallow: /hidden/ in the redirected robots.txt',
    ),
  ];

  const brokenFetch: ExpectedUrl[] = [
    u(`${broken}/robots.txt`, 500, `${a}/`, 'robots.txt 500: assume everything is disallowed'),
  ];
  const brokenNever: ExpectedUrl[] = [
    u(`${broken}/`, 200, `${a}/`, 'robots.txt answered 500'),
    u(`${broken}/page.html`, 200, `${broken}/`, 'robots.txt answered 500'),
  ];

  const flakyFetch: ExpectedUrl[] = [
    u(`${flaky}/robots.txt`, 200, `${a}/`, 'robots.txt'),
    u(`${flaky}/`, 200, `${a}/`, 'linked from the seed'),
    u(`${flaky}/ok.html`, 200, `${flaky}/`, 'a normal page'),
    u(`${flaky}/slow/headers.html`, 200, `${flaky}/`, 'answers after 3 s'),
    u(`${flaky}/slow/trickle.html`, 200, `${flaky}/`, 'a body that never ends (total timeout)'),
    u(`${flaky}/slow/stall.html`, 200, `${flaky}/`, 'a body that stops (read timeout)'),
    u(`${flaky}/cut.html`, 200, `${flaky}/`, 'the connection closes mid-body'),
    u(`${flaky}/503-twice.html`, 503, `${flaky}/`, '503, 503, then 200'),
    u(
      `${flaky}/after-503.html`,
      200,
      `${flaky}/503-twice.html`,
      'only in the third answer of /503-twice.html',
    ),
    u(`${flaky}/always-500.html`, 500, `${flaky}/`, 'always 500'),
    u(`${flaky}/429.html`, 429, `${flaky}/`, '429 Retry-After: 1, then 200'),
    u(`${flaky}/after-429.html`, 200, `${flaky}/429.html`, 'only in the 200 answer of /429.html'),
    u(`${flaky}/huge.html`, 200, `${flaky}/`, '20 MiB, chunked'),
    u(`${flaky}/huge-declared.html`, 200, `${flaky}/`, '20 MiB, Content-Length'),
    u(`${flaky}/bomb.html`, 200, `${flaky}/`, '1 MB of gzip inflating to 1 GiB'),
    u(`${flaky}/gzipped.html`, 200, `${flaky}/`, 'a legitimate Content-Encoding: gzip page'),
    u(`${flaky}/from-gzipped.html`, 200, `${flaky}/gzipped.html`, 'only in the gzipped page'),
    u(`${flaky}/not-found.html`, 404, `${flaky}/`, 'a broken link'),
    u(`${flaky}/gone.html`, 410, `${flaky}/`, 'gone'),
  ];
  const flakyNever: ExpectedUrl[] = [u(`${flaky}/never/page.html`, 200, `${flaky}/`, 'Disallow: /never/')];

  const mayRepeat = [
    `${a}/redirect/loop-a`,
    `${a}/redirect/loop-b`,
    `${broken}/robots.txt`,
    `${flaky}/slow/headers.html`,
    `${flaky}/slow/trickle.html`,
    `${flaky}/slow/stall.html`,
    `${flaky}/cut.html`,
    `${flaky}/503-twice.html`,
    `${flaky}/always-500.html`,
    `${flaky}/429.html`,
  ];

  /** The same URLs, never to be fetched by a crawl whose scope leaves their host out. */
  const offScope = (list: ExpectedUrl[], scope: string): ExpectedUrl[] =>
    list.map((e) => ({ ...e, why: `outside scope ${scope} (${e.why})` }));
  const offSiteRedirect: ExpectedUrl[] = [
    u(`${b}/robots.txt`, 200, `${a}/redirect/to-b`, 'needed only to follow the redirect out of scope'),
    u(`${b}/landing.html`, 200, `${a}/redirect/to-b`, 'a redirect out of scope: following it is a choice'),
  ];
  const otherSites = (scope: string): ExpectedUrl[] => [
    ...offScope(
      siteBFetch.filter((e) => !offSiteRedirect.some((r) => r.url === e.url)),
      scope,
    ),
    ...offScope(siteBNever, scope),
    ...offScope(trapFetch, scope),
    ...offScope(trapNever, scope),
    ...offScope(brokenFetch, scope),
    ...offScope(brokenNever, scope),
    ...offScope(flakyFetch, scope),
    ...offScope(flakyNever, scope),
  ];
  const loops = [`${a}/redirect/loop-a`, `${a}/redirect/loop-b`];

  // scope site: the seed's host only (blog.site-a.test is another site).
  const site: ExpectedCrawl = {
    scope: 'site',
    seed: `${a}/`,
    scopeHosts: ['site-a.test'],
    fetch: siteAFetch,
    fetchIfSitemaps: siteASitemaps,
    mayFetch: [mayLogin, ...offSiteRedirect],
    mayFetchPrefixes: [],
    neverFetch: [...siteANever, ...externals, ...offScope(blogFetch, 'site'), ...otherSites('site')],
    neverContactHosts: ['external.example', 'cdn.external.example'],
    mayRepeat: loops,
  };

  // scope domain: every host of the registrable domain site-a.test.
  const domain: ExpectedCrawl = {
    scope: 'domain',
    seed: `${a}/`,
    scopeHosts: ['site-a.test', 'blog.site-a.test'],
    fetch: [...siteAFetch, ...blogFetch],
    fetchIfSitemaps: siteASitemaps,
    mayFetch: [mayLogin, ...offSiteRedirect],
    mayFetchPrefixes: [],
    neverFetch: [...siteANever, ...externals, ...otherSites('domain')],
    neverContactHosts: ['external.example', 'cdn.external.example'],
    mayRepeat: loops,
  };

  const discover: ExpectedCrawl = {
    scope: 'discover',
    seed: `${a}/`,
    scopeHosts: ['site-a.test', 'blog.site-a.test', 'site-b.test', 'trap.test', 'broken.test', 'flaky.test'],
    fetch: [...siteAFetch, ...blogFetch, ...siteBFetch, ...trapFetch, ...brokenFetch, ...flakyFetch],
    fetchIfSitemaps: siteASitemaps,
    mayFetch: [mayLogin],
    mayFetchPrefixes: [
      u(
        `${trap}/calendar/`,
        200,
        `${trap}/calendar/2026/11`,
        'the endless calendar: as deep as the limits allow',
      ),
    ],
    neverFetch: [...siteANever, ...externals, ...siteBNever, ...trapNever, ...brokenNever, ...flakyNever],
    neverContactHosts: ['external.example', 'cdn.external.example'],
    mayRepeat,
  };

  // ------------------------------------------------------------------------------------------------
  // Exact links of key pages

  const link = (source: string, target: string, anchor: string, rel: string[] = []): ExpectedLink => ({
    source,
    target,
    anchor,
    ...flags(rel),
  });

  const home = `${a}/`;
  const homePage: ExpectedPage = {
    url: home,
    status: 200,
    charset: 'utf-8',
    noindex: false,
    nofollow: false,
    canonical: null,
    baseUrl: home,
    refresh: null,
    links: [
      link(home, `${a}/about.html`, 'About'),
      link(home, `${a}/about.html`, 'Our team'),
      link(home, `${a}/products/`, 'Products'),
      link(home, `${a}/search-tips.html`, 'Search tips'),
      link(home, `${a}/redirects.html`, 'Redirects'),
      link(home, `${a}/files.html`, 'Files'),
      link(home, `${a}/charsets.html`, 'Charsets'),
      link(home, `${a}/robots-meta.html`, 'Robots meta'),
      link(home, `${a}/private/public-note.html`, 'public note'),
      link(home, `${a}/private/secret.html`, 'secret'),
      link(home, `${a}/search?q=shoes`, 'search for shoes'),
      link(home, `${a}/download/report.cgi`, 'report'),
      link(home, `${a}/download/report.cgi?format=html`, 'report as HTML'),
      link(home, `${a}/about.html?sessionid=42`, 'about, with a session'),
      link(home, `${blog}/`, 'our blog'),
      link(home, `${b}/`, 'site B'),
      link(home, `${trap}/calendar/2026/11`, 'events calendar'),
      link(home, `${broken}/`, 'broken site'),
      link(home, `${flaky}/`, 'flaky site'),
      link(home, 'https://external.example/', 'External'),
      link(home, 'http://external.example/page?x=1', 'External page'),
      link(home, 'http://cdn.external.example/lib.html', 'CDN'),
      link(home, 'https://external.example/sponsor', 'Our sponsor', ['sponsored']),
      link(home, 'https://external.example/forum', 'Forum', ['ugc']),
      link(home, 'https://external.example/untrusted', 'Untrusted', ['nofollow', 'noopener']),
      link(home, `${a}/login.html`, 'Log in', ['nofollow']),
      link(home, 'mailto:hello@site-a.test', 'Mail us'),
    ],
  };

  const products = `${a}/products/`;
  const nofollowPage = `${a}/robots-meta/nofollow.html`;
  const xRobots = `${a}/robots-meta/x-robots.html`;
  const duplicate = `${a}/canonical/duplicate.html`;
  const refresh = `${a}/meta-refresh.html`;
  const cp1252Page = `${a}/charset/windows-1252.html`;
  const sjisPage = `${a}/charset/shift_jis.html`;
  const post = `${blog}/2026/hello-world.html`;
  const plain = (url: string) => ({
    url,
    status: 200,
    charset: 'utf-8',
    noindex: false,
    nofollow: false,
    canonical: null,
    baseUrl: url,
    refresh: null,
  });

  const pages: ExpectedPage[] = [
    homePage,
    {
      ...plain(products),
      baseUrl: `${a}/catalog/`,
      links: [
        link(products, `${a}/catalog/item-1.html`, 'Item 1'),
        link(products, `${a}/catalog/item-2.html`, 'Item 2'),
        link(products, `${a}/about.html`, 'About us'),
        link(products, `${a}/products/`, 'All products'),
      ],
    },
    {
      ...plain(nofollowPage),
      nofollow: true,
      links: [link(nofollowPage, `${a}/robots-meta/from-nofollow.html`, 'Not to be followed')],
    },
    {
      ...plain(xRobots),
      noindex: true,
      nofollow: true,
      links: [link(xRobots, `${a}/robots-meta/from-x-robots.html`, 'Not to be followed either')],
    },
    {
      ...plain(duplicate),
      canonical: `${a}/canonical/original.html`,
      links: [link(duplicate, `${a}/`, 'Home')],
    },
    { ...plain(refresh), refresh: `${a}/refreshed.html`, links: [] },
    {
      ...plain(cp1252Page),
      charset: 'windows-1252',
      links: [
        link(cp1252Page, `${a}/charset/caf%C3%A9.html`, 'Café — «naïve» €5'),
        link(cp1252Page, `${a}/charset/quotes.html`, '“Smart” ‘quotes’'),
      ],
    },
    {
      ...plain(sjisPage),
      charset: 'shift_jis',
      links: [link(sjisPage, `${a}/charset/nihongo.html`, '日本語のテスト')],
    },
    {
      ...plain(post),
      links: [
        link(post, `${blog}/tags/crawling/`, 'crawling'),
        link(post, `${a}/about.html`, 'Site A'),
        link(post, 'https://external.example/ad', 'An advertiser', ['sponsored', 'nofollow']),
        link(post, 'https://external.example/spam', 'my site', ['ugc']),
        link(post, `${blog}/2026/second-post.html`, 'second post', ['ugc', 'nofollow']),
        link(post, 'http://external.example/other', 'Another blog', ['external', 'noopener']),
      ],
    },
  ];

  // ------------------------------------------------------------------------------------------------
  // Every redirect, hop by hop

  const r = (from: string, status: number, location: string, target: string): ExpectedRedirect => ({
    from,
    status,
    location,
    target,
  });
  const redirects: ExpectedRedirect[] = [
    r(`${a}/redirect/hop1`, 301, '/redirect/hop2', `${a}/redirect/hop2`),
    r(`${a}/redirect/hop2`, 301, `${a}/redirect/hop3`, `${a}/redirect/hop3`),
    r(`${a}/redirect/hop3`, 301, 'final.html', `${a}/redirect/final.html`),
    r(`${a}/redirect/long1`, 301, '/redirect/long2', `${a}/redirect/long2`),
    r(`${a}/redirect/long2`, 302, '/redirect/long3', `${a}/redirect/long3`),
    r(`${a}/redirect/long3`, 303, '/redirect/long4', `${a}/redirect/long4`),
    r(`${a}/redirect/long4`, 307, '/redirect/long5', `${a}/redirect/long5`),
    r(`${a}/redirect/long5`, 308, '/redirect/long6', `${a}/redirect/long6`),
    r(`${a}/redirect/long6`, 301, '/redirect/long-final.html', `${a}/redirect/long-final.html`),
    r(`${a}/redirect/loop-a`, 301, '/redirect/loop-b', `${a}/redirect/loop-b`),
    r(`${a}/redirect/loop-b`, 301, '/redirect/loop-a', `${a}/redirect/loop-a`),
    r(`${a}/redirect/to-b`, 301, `${b}/landing.html`, `${b}/landing.html`),
    r(`${a}/redirect/to-private`, 301, '/private/redirected.html', `${a}/private/redirected.html`),
    r(`${trap}/robots.txt`, 301, '/robots-moved.txt', `${trap}/robots-moved.txt`),
  ];

  return {
    seed: `${a}/`,
    crawls: { site, domain, discover },
    pages,
    redirects,
    politeness: {
      maxConcurrentPerHost: 1,
      crawlDelayMs: { 'site-b.test': 1000 },
      retryAfterMs: { [`${flaky}/429.html`]: 1000 },
    },
    assumptions: [
      'obeys robots.txt (RFC 9309): longest match wins, Allow wins a tie, * and $ wildcards; 4xx allows all, 5xx disallows all, redirects are followed',
      'checks robots.txt for every redirect target, and never follows more than 5 redirects in a row',
      'does not follow the links of a page with meta robots or X-Robots-Tag nofollow; follows those of a noindex page',
      'treats <meta http-equiv="refresh"> as a link; resolves links against <base href>',
      'decides what a response is by its Content-Type, never by the extension of its URL',
      'retries 503 at least twice, and 429 after Retry-After; gives up on 500 after a few tries',
      'fetchIfSitemaps: for a crawler that reads robots.txt Sitemap: lines, sitemap indexes and gzipped sitemaps',
      'a finite max depth of 3 or more, redirects and sitemap entries adding no depth (the calendar starts at depth 1); with no max depth only max pages ends the trap, which may then crowd out other pages',
      'max pages 200 or more (robots.txt and sitemaps not counted); 5 redirects at most',
      'resolves only the --resolve hosts: external.example is never looked up, let alone fetched',
    ],
  };
}
