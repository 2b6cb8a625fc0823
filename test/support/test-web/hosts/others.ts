/**
 * The smaller hosts: blog.site-a.test (robots.txt 404, rel flags on a post), site-b.test (Crawl-delay: 1),
 * trap.test (robots.txt redirected; the endless calendar) and broken.test (robots.txt 500).
 */
import { type HostDef, html, notFound, redirect, status, text } from '../respond.ts';
import type { Origins } from '../types.ts';

const page = (title: string, body: string) =>
  html(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title></head>
<body>
${body}
</body>
</html>
`);

export function blogSiteA({ a }: Origins): HostDef {
  return {
    name: 'blog.site-a.test',
    routes: {
      // No robots.txt: 404 means everything is allowed.
      '/robots.txt': notFound,
      '/': page(
        'Blog',
        `<h1>Blog</h1>
<a href="/2026/hello-world.html">Hello world</a>
<a href="/2026/second-post.html">Second post</a>
<a href="/private/not-blocked.html">Not blocked here</a>
<a href="${a}/">Site A</a>`,
      ),
      '/2026/hello-world.html': html(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Hello world</title></head>
<body>
<article>
<h1>Hello world</h1>
<p>We write about <a href="/tags/crawling/">crawling</a> and link to <a href="${a}/about.html">Site A</a>.</p>
<p><a href="https://external.example/ad" rel="sponsored nofollow">An advertiser</a></p>
</article>
<section class="comments">
<p>Nice post! <a href="https://external.example/spam" rel="ugc">my site</a></p>
<p>Read the next one: <a href="/2026/second-post.html" rel="UGC, Nofollow">second post</a></p>
<p><a href="http://external.example/other" rel="external noopener">Another blog</a></p>
</section>
</body>
</html>
`),
      '/2026/second-post.html': page('Second post', '<p>The second post.</p>'),
      '/tags/crawling/': page('Tag: crawling', '<a href="/2026/hello-world.html">Hello world</a>'),
      '/private/not-blocked.html': page('Not blocked', '<p>/private/ is only disallowed on site-a.test.</p>'),
    },
  };
}

export function siteB({ a }: Origins): HostDef {
  return {
    name: 'site-b.test',
    routes: {
      '/robots.txt': text(`User-agent: *
Crawl-delay: 1
Disallow: /tmp/
`),
      '/': page(
        'Site B',
        `<a href="/landing.html">Landing</a>
<a href="/b-page.html">B page</a>
<a href="/tmp/cache.html">Cache</a>
<a href="${a}/">Site A</a>`,
      ),
      '/landing.html': page('Landing', '<p>Site A redirects /redirect/to-b here.</p>'),
      '/b-page.html': page('B page', `<a href="${a}/about.html">About Site A</a>`),
      '/tmp/cache.html': page('Cache', '<p>Disallowed by /tmp/.</p>'),
    },
  };
}

const CALENDAR = /^\/calendar\/(\d{4,})\/(\d{2})$/;

function calendarPage(year: number, month: number): string {
  const ym = (y: number, m: number) => `${String(y).padStart(4, '0')}/${String(m).padStart(2, '0')}`;
  const prev = month === 1 ? ym(year - 1, 12) : ym(year, month - 1);
  const next = month === 12 ? ym(year + 1, 1) : ym(year, month + 1);
  const previous = year === 0 && month === 1 ? '' : `<a href="/calendar/${prev}">Previous month</a>\n`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Calendar ${ym(year, month)}</title></head>
<body>
<h1>${ym(year, month)}</h1>
${previous}<a href="/calendar/${next}">Next month</a>
<a href="/hidden/index.html">Hidden</a>
</body>
</html>
`;
}

export function trap(_: Origins): HostDef {
  return {
    name: 'trap.test',
    routes: {
      '/robots.txt': redirect(301, '/robots-moved.txt'),
      '/robots-moved.txt': text(`User-agent: *
Disallow: /hidden/
`),
      '/hidden/index.html': page('Hidden', '<p>Disallowed by the robots.txt reached through a redirect.</p>'),
    },
    // /calendar/YYYY/MM links to the previous and the next month, for ever.
    dynamic(ctx) {
      const match = CALENDAR.exec(ctx.path);
      if (!match) return false;
      const year = Number(match[1]);
      const month = Number(match[2]);
      if (month < 1 || month > 12) return false;
      html(calendarPage(year, month))(ctx);
      return true;
    },
  };
}

export function broken(_: Origins): HostDef {
  return {
    name: 'broken.test',
    routes: {
      '/robots.txt': status(500, '<!doctype html><title>Error</title><p>robots.txt is broken</p>'),
      '/': page('Broken', '<a href="/page.html">A page</a>'),
      '/page.html': page('Page', '<p>Must never be fetched: robots.txt answers 500.</p>'),
    },
  };
}
