/**
 * site-a.test, the main site and the seed of the crawls. robots.txt disallows with a prefix, wildcards and
 * `$`, with an Allow exception; it names a sitemap index (a plain and a gzipped sitemap). Pages cover
 * robots meta tags, X-Robots-Tag, canonical, <base href>, rel flags, redirects (chains, too long, loop,
 * off-site, into a disallowed path), meta refresh, non-HTML files with honest and misleading extensions,
 * and windows-1252 / Shift_JIS pages.
 */
import { gzipSync } from 'node:zlib';
import { cp1252, PDF_BYTES, PNG_BYTES, shiftJis } from '../payloads.ts';
import { file, type HostDef, html, redirect, text } from '../respond.ts';
import type { Origins } from '../types.ts';

export function siteA({ a, blog, b, trap, broken, flaky }: Origins): HostDef {
  const page = (title: string, body: string) =>
    html(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title></head>
<body>
${body}
</body>
</html>
`);

  return {
    name: 'site-a.test',
    routes: {
      '/robots.txt': text(`# site-a.test: the main test site
User-agent: BadBot
Disallow: /

User-agent: *
Disallow: /private/
Allow: /private/public-note.html
Disallow: /search*q=
Disallow: /*.cgi$
Disallow: /*?sessionid=

Sitemap: ${a}/sitemap-index.xml
`),

      '/': html(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Site A</title></head>
<body>
<nav>
<a href="/about.html">About</a>
<a href="/about.html#team">Our team</a>
<a href="/products/">Products</a>
<a href="/search-tips.html">Search tips</a>
<a href="/redirects.html">Redirects</a>
<a href="/files.html">Files</a>
<a href="/charsets.html">Charsets</a>
<a href="/robots-meta.html">Robots meta</a>
</nav>
<main>
<h1>Site A</h1>
<p>Robots rules:
<a href="/private/public-note.html">public note</a>,
<a href="/private/secret.html">secret</a>,
<a href="/search?q=shoes">search for shoes</a>,
<a href="/download/report.cgi">report</a>,
<a href="/download/report.cgi?format=html">report as HTML</a>,
<a href="/about.html?sessionid=42">about, with a session</a>.</p>
<p>Other sites:
<a href="${blog}/">our blog</a>,
<a href="${b}/">site B</a>,
<a href="${trap}/calendar/2026/11">events calendar</a>,
<a href="${broken}/">broken site</a>,
<a href="${flaky}/">flaky site</a>.</p>
<p>Outside:
<a href="https://external.example/">External</a>,
<a href="http://external.example/page?x=1">External page</a>,
<a href="//cdn.external.example/lib.html">CDN</a>,
<a href="https://external.example/sponsor" rel="sponsored">Our sponsor</a>,
<a href="https://external.example/forum" rel="ugc">Forum</a>,
<a href="https://external.example/untrusted" rel="nofollow noopener">Untrusted</a>,
<a href="/login.html" rel="nofollow">Log in</a>,
<a href="mailto:hello@site-a.test">Mail us</a>.</p>
</main>
</body>
</html>
`),

      '/about.html': page(
        'About',
        `<p>About Site A. <a href="/">Home</a>
<a href="/canonical/original.html">Original article</a>
<a href="${b}/b-page.html">A page on site B</a></p>`,
      ),
      '/search-tips.html': page('Search tips', '<p>Allowed: /search*q= does not match this path.</p>'),
      '/login.html': page('Log in', '<p>Only linked with rel="nofollow".</p>'),

      // <base href>: relative links resolve against /catalog/.
      '/products/': html(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><base href="${a}/catalog/"><title>Products</title></head>
<body>
<a href="item-1.html">Item 1</a>
<a href="./item-2.html">Item 2</a>
<a href="../about.html">About us</a>
<a href="/products/">All products</a>
</body>
</html>
`),
      '/catalog/item-1.html': page('Item 1', '<a href="/products/">Back to products</a>'),
      '/catalog/item-2.html': page('Item 2', '<a href="/products/">Back to products</a>'),

      // robots.txt
      '/private/public-note.html': page('Public note', '<p>Allowed by the Allow exception.</p>'),
      '/private/secret.html': page(
        'Secret',
        '<p>Disallowed: a crawler that ignores robots.txt got here.</p>',
      ),
      '/private/redirected.html': page(
        'Redirected',
        '<p>Disallowed: reached through /redirect/to-private.</p>',
      ),
      '/private/in-sitemap.html': page('In sitemap', '<p>Disallowed, although listed in the sitemap.</p>'),
      '/search': page('Search', '<p>Disallowed by /search*q=.</p>'),
      '/download/report.cgi': page(
        'Report',
        '<p>Disallowed by /*.cgi$ without a query, allowed with one.</p>',
      ),

      // robots meta, X-Robots-Tag, canonical
      '/robots-meta.html': page(
        'Robots meta',
        `<a href="/robots-meta/noindex.html">noindex</a>
<a href="/robots-meta/nofollow.html">nofollow</a>
<a href="/robots-meta/x-robots.html">X-Robots-Tag</a>
<a href="/canonical/duplicate.html">duplicate</a>`,
      ),
      '/robots-meta/noindex.html': html(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Noindex</title></head>
<body>
<a href="/robots-meta/from-noindex.html">Followed anyway</a>
</body>
</html>
`),
      '/robots-meta/nofollow.html': html(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="robots" content="nofollow"><title>Nofollow</title></head>
<body>
<a href="/robots-meta/from-nofollow.html">Not to be followed</a>
</body>
</html>
`),
      '/robots-meta/x-robots.html': html(
        `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>X-Robots-Tag</title></head>
<body>
<a href="/robots-meta/from-x-robots.html">Not to be followed either</a>
</body>
</html>
`,
        { 'x-robots-tag': 'noindex, nofollow' },
      ),
      '/robots-meta/from-noindex.html': page('From noindex', '<p>Linked from a noindex page.</p>'),
      '/robots-meta/from-nofollow.html': page('From nofollow', '<p>Only linked from a nofollow page.</p>'),
      '/robots-meta/from-x-robots.html': page(
        'From X-Robots-Tag',
        '<p>Only linked from a nofollow page.</p>',
      ),
      '/canonical/duplicate.html': html(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="canonical" href="${a}/canonical/original.html"><title>Duplicate</title></head>
<body>
<a href="/">Home</a>
</body>
</html>
`),
      '/canonical/original.html': page('Original', '<p>The canonical version.</p>'),

      // redirects: 3 hops; 6 hops (over a limit of 5); a loop; off-site; into a disallowed path
      '/redirects.html': page(
        'Redirects',
        `<a href="/redirect/hop1">Three hops</a>
<a href="/redirect/long1">Six hops</a>
<a href="/redirect/loop-a">Loop</a>
<a href="/redirect/to-b">To site B</a>
<a href="/redirect/to-private">To a disallowed page</a>
<a href="/meta-refresh.html">Meta refresh</a>`,
      ),
      '/redirect/hop1': redirect(301, '/redirect/hop2'),
      '/redirect/hop2': redirect(301, `${a}/redirect/hop3`),
      '/redirect/hop3': redirect(301, 'final.html'),
      '/redirect/final.html': page('Final', '<p>Three redirects away from /redirect/hop1.</p>'),
      '/redirect/long1': redirect(301, '/redirect/long2'),
      '/redirect/long2': redirect(302, '/redirect/long3'),
      '/redirect/long3': redirect(303, '/redirect/long4'),
      '/redirect/long4': redirect(307, '/redirect/long5'),
      '/redirect/long5': redirect(308, '/redirect/long6'),
      '/redirect/long6': redirect(301, '/redirect/long-final.html'),
      '/redirect/long-final.html': page('Too far', '<p>Six redirects away: past the limit of five.</p>'),
      '/redirect/loop-a': redirect(301, '/redirect/loop-b'),
      '/redirect/loop-b': redirect(301, '/redirect/loop-a'),
      '/redirect/to-b': redirect(301, `${b}/landing.html`),
      '/redirect/to-private': redirect(301, '/private/redirected.html'),
      '/meta-refresh.html': html(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=/refreshed.html"><title>Refresh</title></head>
<body>
<p>Moving on...</p>
</body>
</html>
`),
      '/refreshed.html': page('Refreshed', '<p>Reached through a meta refresh.</p>'),

      // files: honest and misleading extensions
      '/files.html': page(
        'Files',
        `<a href="/files/report.pdf">Report (PDF)</a>
<a href="/files/logo.png"><img src="/files/logo.png" alt="Logo"></a>
<a href="/files/data.json">Data (JSON)</a>
<a href="/files/notes.txt">Notes (text)</a>
<a href="/files/really-html.pdf">Not really a PDF</a>
<a href="/files/not-html.html">Not really HTML</a>
<a href="/files/download">Download</a>`,
      ),
      '/files/report.pdf': file('application/pdf', PDF_BYTES),
      '/files/logo.png': file('image/png', PNG_BYTES),
      '/files/data.json': file('application/json', '{"name": "site-a", "pages": 3}\n'),
      '/files/notes.txt': file('text/plain; charset=utf-8', 'Notes. Nothing to crawl here.\n'),
      '/files/really-html.pdf': page(
        'An HTML page named .pdf',
        '<a href="/files/from-misnamed.html">Found in an HTML page named .pdf</a>',
      ),
      '/files/from-misnamed.html': page('From misnamed', '<p>Linked from /files/really-html.pdf.</p>'),
      '/files/not-html.html': file('image/png', PNG_BYTES),
      '/files/download': file('application/pdf', PDF_BYTES, {
        'content-disposition': 'attachment; filename="report.pdf"',
      }),

      // legacy charsets: declared in the HTTP header (windows-1252) and in a meta tag (Shift_JIS)
      '/charsets.html': page(
        'Charsets',
        `<a href="/charset/windows-1252.html">windows-1252</a>
<a href="/charset/shift_jis.html">Shift_JIS</a>`,
      ),
      '/charset/windows-1252.html': html(
        cp1252(`<!doctype html>
<html lang="fr">
<head><title>Café</title></head>
<body>
<p><a href="/charset/café.html">Café — «naïve» €5</a></p>
<p><a href="/charset/quotes.html">“Smart” ‘quotes’</a></p>
</body>
</html>
`),
        { 'content-type': 'text/html; charset=windows-1252' },
      ),
      '/charset/caf%C3%A9.html': page(
        'Café',
        '<p>The path is UTF-8 percent-encoded whatever the page charset.</p>',
      ),
      '/charset/quotes.html': page('Quotes', '<p>Quotes.</p>'),
      '/charset/shift_jis.html': html(
        shiftJis(`<!doctype html>
<html lang="ja">
<head><meta charset="Shift_JIS"><title>日本語</title></head>
<body>
<p><a href="/charset/nihongo.html">日本語のテスト</a></p>
</body>
</html>
`),
        { 'content-type': 'text/html' },
      ),
      '/charset/nihongo.html': page('Nihongo', '<p>Linked from the Shift_JIS page.</p>'),

      // sitemaps: an index naming a plain and a gzipped sitemap
      '/sitemap-index.xml': file(
        'application/xml',
        `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>${a}/sitemap.xml</loc></sitemap>
  <sitemap><loc>${a}/sitemap-extra.xml.gz</loc></sitemap>
</sitemapindex>
`,
      ),
      '/sitemap.xml': file(
        'application/xml',
        `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>${a}/</loc></url>
  <url><loc>${a}/about.html</loc></url>
  <url><loc>${a}/sitemap-only.html</loc></url>
  <url><loc>${a}/private/in-sitemap.html</loc></url>
</urlset>
`,
      ),
      '/sitemap-extra.xml.gz': file(
        'application/gzip',
        gzipSync(`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>${a}/gz-sitemap-only.html</loc></url>
  <url><loc>${a}/catalog/item-1.html</loc></url>
</urlset>
`),
      ),
      '/sitemap-only.html': page('Sitemap only', '<p>Listed in sitemap.xml, linked from nowhere.</p>'),
      '/gz-sitemap-only.html': page('Gzipped sitemap only', '<p>Listed in sitemap-extra.xml.gz only.</p>'),
    },
  };
}
