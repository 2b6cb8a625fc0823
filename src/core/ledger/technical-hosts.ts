/**
 * Technical link targets: hosts and URL prefixes that pages link to because of how the web is built, not
 * because anyone vouches for them. `linkledger rank` leaves links to (and from) them out of the authority
 * graph by default (`--include-technical` keeps them).
 *
 * Why: almost every page on the web carries the same few links to font servers, script CDNs, tag managers
 * and "share this" endpoints. Counted as votes they would make `fonts.googleapis.com` or
 * `facebook.com/sharer` the best-linked "sites" of any ledger and soak up rank that real editorial links
 * should pass; search engines do not treat these as endorsements either. Most such references are not
 * hyperlinks at all (`<script src>`, `<link rel=stylesheet>`: kinds the rank never counts), but pages also
 * link to them with `<a>` (share buttons, "powered by" CDN links, analytics pixels wrapped in links) and
 * web graphs record them as plain host edges.
 *
 * The list is short and deliberate: infrastructure hosts whose *whole* purpose is technical (a host entry
 * matches the host and its subdomains), and social share endpoints, which are URL prefixes on otherwise
 * ordinary sites (a link to `twitter.com/acme` is a real link; `twitter.com/intent/tweet` is a button).
 * Users with other needs pass their own list.
 */
import { fastHostOf } from './keys.ts';

/** Hosts (and their subdomains) that only serve fonts, scripts, styles, analytics or ads. */
export const TECHNICAL_HOSTS: readonly string[] = [
  // fonts
  'fonts.googleapis.com',
  'fonts.gstatic.com',
  'use.typekit.net',
  'p.typekit.net',
  'use.fontawesome.com',
  'kit.fontawesome.com',
  'ka-f.fontawesome.com',
  'fonts.bunny.net',
  // script and style CDNs
  'ajax.googleapis.com',
  'cdnjs.cloudflare.com',
  'cdn.jsdelivr.net',
  'unpkg.com',
  'code.jquery.com',
  'ajax.aspnetcdn.com',
  'maxcdn.bootstrapcdn.com',
  'stackpath.bootstrapcdn.com',
  'netdna.bootstrapcdn.com',
  'cdn.polyfill.io',
  'polyfill.io',
  's.w.org',
  'ajax.cloudflare.com',
  'cdn.ampproject.org',
  'gstatic.com',
  'cloudfront.net',
  'akamaihd.net',
  'akamaized.net',
  'fastly.net',
  'edgekey.net',
  // analytics, tag managers
  'google-analytics.com',
  'googletagmanager.com',
  'googletagservices.com',
  'stats.wp.com',
  'pixel.wp.com',
  'hotjar.com',
  'scorecardresearch.com',
  'quantserve.com',
  'chartbeat.com',
  'mc.yandex.ru',
  'counter.yadro.ru',
  'top-fwz1.mail.ru',
  'bat.bing.com',
  'connect.facebook.net',
  'platform.twitter.com',
  'syndication.twitter.com',
  'platform.linkedin.com',
  'assets.pinterest.com',
  'widgets.pinterest.com',
  'social-plugins.line.me',
  // ad servers
  'doubleclick.net',
  'googlesyndication.com',
  'googleadservices.com',
  'adservice.google.com',
  'amazon-adsystem.com',
  'adnxs.com',
  'criteo.com',
  'criteo.net',
  'taboola.com',
  'outbrain.com',
  'pubmatic.com',
  'rubiconproject.com',
  'openx.net',
  'advertising.com',
];

/**
 * URL prefixes (host + path, no scheme, `www.` dropped) of share endpoints and other buttons: the rest of
 * these sites is ordinary.
 */
export const TECHNICAL_URL_PREFIXES: readonly string[] = [
  'facebook.com/sharer',
  'facebook.com/share.php',
  'facebook.com/dialog/share',
  'facebook.com/dialog/feed',
  'facebook.com/tr',
  'm.facebook.com/sharer',
  'twitter.com/intent/',
  'twitter.com/share',
  'twitter.com/home?status',
  'x.com/intent/',
  'x.com/share',
  'linkedin.com/shareArticle',
  'linkedin.com/cws/share',
  'linkedin.com/sharing/share-offsite',
  'pinterest.com/pin/create',
  'reddit.com/submit',
  'tumblr.com/share',
  'tumblr.com/widgets/share',
  'vk.com/share.php',
  'connect.ok.ru/offer',
  'api.whatsapp.com/send',
  'wa.me/?text',
  'web.whatsapp.com/send',
  't.me/share',
  'telegram.me/share',
  'getpocket.com/save',
  'getpocket.com/edit',
  'news.ycombinator.com/submitlink',
  'plus.google.com/share',
  'digg.com/submit',
  'stumbleupon.com/submit',
  'mix.com/add',
  'buffer.com/add',
  'addthis.com/bookmark.php',
  'sharethis.com/share',
  'service.weibo.com/share',
  'b.hatena.ne.jp/entry',
  'line.me/R/msg/text',
];

export interface TechnicalList {
  readonly hosts: readonly string[];
  readonly urlPrefixes: readonly string[];
}

export const DEFAULT_TECHNICAL: TechnicalList = {
  hosts: TECHNICAL_HOSTS,
  urlPrefixes: TECHNICAL_URL_PREFIXES,
};

/**
 * A predicate over URLs (or bare host names, as web graphs store them): true when the URL's host is a
 * listed host or a subdomain of one, or the URL (scheme and `www.` dropped) starts with a listed prefix.
 * Hosts are looked up by their suffixes at dots, so a check costs a few map lookups, not a scan of the list.
 */
export function technicalMatcher(list: TechnicalList = DEFAULT_TECHNICAL): (url: string) => boolean {
  const hosts = new Set(list.hosts.map((h) => h.toLowerCase()));
  const prefixes = list.urlPrefixes.map((p) => p.toLowerCase());
  const prefixHosts = new Set(prefixes.map((p) => p.split('/')[0]!));
  return (url: string): boolean => {
    const host = fastHostOf(url);
    if (host === null) return false;
    for (let suffix = host; ; ) {
      if (hosts.has(suffix)) return true;
      const dot = suffix.indexOf('.');
      if (dot === -1) break;
      suffix = suffix.slice(dot + 1);
    }
    const bare = host.startsWith('www.') ? host.slice(4) : host;
    if (!prefixHosts.has(bare)) return false;
    const scheme = url.indexOf('://');
    const rest = url.slice(scheme === -1 ? 0 : scheme + 3).toLowerCase();
    const path = rest.startsWith('www.') ? rest.slice(4) : rest;
    return prefixes.some((p) => path.startsWith(p));
  };
}
