/**
 * Google Search Console "Links" exports. Headers follow the interface language; English spellings are
 * confirmed by several independent importers of these files, the Hebrew ones by one, the others are our
 * best reading of the UI (docs/ledger.md lists which). When no spelling matches, sniffGsc recognises the
 * three tables by their values (URL + date; site + counts; page + counts).
 *
 * - "Latest links" / "More sample links" (linking page, last crawled): one link per row from the linking
 *   page to the property (`--target`, Search Console does not say which page is linked), seen on the
 *   last-crawled date, rel unknown.
 * - "Top linking sites" (site, linking pages, target pages): an aggregate. Each row becomes one host-level
 *   link (kind `webgraph`) from the site to the property, seen at import time, so the site counts as a
 *   referring domain; the page counts are not links we could name and are not stored.
 * - "Top linked pages" (target page, incoming links, linking sites): names no linking page or site, so it
 *   cannot become ledger links; rows are checked and counted as skipped (`aggregate-without-sources`).
 */
import { blankObservation, type CsvFormat, type RowResult } from './csv-format.ts';
import { cellCount, cellDate, cellSite, cellUrl } from './csv-values.ts';

const noTarget: RowResult = { kind: 'bad', reason: 'no --target given for a Search Console export' };

export const GSC_LATEST_LINKS: CsvFormat = {
  id: 'gsc-latest-links',
  label: 'Search Console "Latest links" / "More sample links"',
  source: 'gsc',
  columns: {
    page: [
      'linking page',
      'verweisende seite',
      'page de liaison',
      'página de enlace',
      'pagina di collegamento',
      'דף מקשר',
    ],
    crawled: [
      'last crawled',
      'zuletzt gecrawlt',
      'dernière exploration',
      'último rastreo',
      'ultima scansione',
      'נסרק לאחרונה',
    ],
  },
  required: ['page', 'crawled'],
  needsTarget: true,
  expected: 'Linking page, Last crawled  (+ --target https://your-site/)',
  map(row, ctx) {
    if (ctx.target === null) return noTarget;
    const source = cellUrl(row.get('page') ?? '');
    if (source === null) return { kind: 'bad', reason: `not a URL: "${row.get('page') ?? ''}"` };
    const at = cellDate(row.get('crawled') ?? '', ctx.dayFirst);
    if (Number.isNaN(at)) return { kind: 'bad', reason: `not a date: "${row.get('crawled')}"` };
    return {
      kind: 'observation',
      observation: blankObservation(ctx.source, source, ctx.target, at ?? ctx.now),
    };
  },
};

export const GSC_TOP_LINKING_SITES: CsvFormat = {
  id: 'gsc-top-linking-sites',
  label: 'Search Console "Top linking sites"',
  source: 'gsc',
  columns: {
    site: [
      'site',
      'linking site',
      'top linking sites',
      'website',
      'verweisende website',
      'site de liaison',
      'אתר',
    ],
    pages: ['linking pages', 'verweisende seiten', 'pages de liaison', 'דפים מקשרים'],
    targets: ['target pages', 'zielseiten', 'pages cibles', 'דפי יעד'],
  },
  required: ['site', ['pages', 'targets']],
  needsTarget: true,
  expected: 'Site, Linking pages, Target pages  (+ --target https://your-site/)',
  map(row, ctx) {
    if (ctx.target === null) return noTarget;
    const raw = (row.get('site') ?? '').trim();
    const host = cellSite(raw);
    if (host === null) return { kind: 'bad', reason: `not a site name: "${raw}"` };
    const pages = row.get('pages');
    if (pages !== undefined && pages.trim() !== '' && cellCount(pages) === null) {
      return { kind: 'bad', reason: `not a count: "${pages}"` };
    }
    const observation = blankObservation(ctx.source, host, ctx.target, ctx.now);
    observation.kind = 'webgraph';
    return { kind: 'observation', observation };
  },
};

export const GSC_TOP_LINKED_PAGES: CsvFormat = {
  id: 'gsc-top-linked-pages',
  label: 'Search Console "Top linked pages"',
  source: 'gsc',
  columns: {
    page: ['target page', 'top target pages', 'linked page', 'zielseite', 'page cible', 'דף יעד'],
    links: ['incoming links', 'eingehende links', 'liens entrants', 'קישורים נכנסים'],
    sites: ['linking sites', 'verweisende websites', 'sites de liaison', 'אתרים מקשרים'],
  },
  required: ['page', ['links', 'sites']],
  expected: 'Target page, Incoming links, Linking sites',
  map(row) {
    if (cellUrl(row.get('page') ?? '') === null)
      return { kind: 'bad', reason: `not a URL: "${row.get('page') ?? ''}"` };
    return { kind: 'skip', reason: 'aggregate-without-sources' };
  },
};

export const GSC_FORMATS = [GSC_LATEST_LINKS, GSC_TOP_LINKING_SITES, GSC_TOP_LINKED_PAGES];

/**
 * Recognises a Search Console table by its first data row when its header is in a language we do not
 * know: two columns URL + date, or three columns (site or URL) + two counts.
 */
export function sniffGsc(header: readonly string[], first: readonly string[] | undefined): CsvFormat | null {
  if (first === undefined || first.length !== header.length) return null;
  const isUrl = (v: string) => /^https?:\/\//i.test(v.trim()) && cellUrl(v) !== null;
  if (
    header.length === 2 &&
    isUrl(first[0]!) &&
    !Number.isNaN(cellDate(first[1]!)) &&
    cellDate(first[1]!) !== null
  ) {
    return GSC_LATEST_LINKS;
  }
  if (header.length === 3 && cellCount(first[1]!) !== null && cellCount(first[2]!) !== null) {
    if (isUrl(first[0]!)) return GSC_TOP_LINKED_PAGES;
    if (cellSite(first[0]!) !== null) return GSC_TOP_LINKING_SITES;
  }
  return null;
}
