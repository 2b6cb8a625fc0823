/**
 * Backlink exports of Bing Webmaster Tools, Ahrefs, Majestic, Moz and Semrush, and the generic CSV. Each
 * maps the columns the vendor documents (docs/ledger.md has the table and what we could not confirm) onto
 * one ledger observation per row: linking page, target, anchor, rel flags, link type, first/last seen and,
 * where the vendor says so, the date and reason a link was lost.
 */
import type { LedgerKind } from '../../core/ledger/model.ts';
import { LINK_KINDS } from '../../core/link/link.ts';
import { relFlags } from '../../core/link/rel.ts';
import {
  blankObservation,
  type CsvFormat,
  lostReasonOf,
  type Row,
  type RowContext,
  type RowResult,
} from './csv-format.ts';
import { cellDate, cellFlag, cellUrl } from './csv-values.ts';

type Obs = Extract<RowResult, { kind: 'observation' }>['observation'];

/** Source and target URLs plus first/last seen: the part every link export shares. */
function base(row: Row, ctx: RowContext, firstRole = 'first', lastRole = 'last'): Obs | Bad {
  const source = cellUrl(row.get('source') ?? '');
  if (source === null) return { kind: 'bad', reason: `not a linking page URL: "${row.get('source') ?? ''}"` };
  const target = cellUrl(row.get('target') ?? '');
  if (target === null) return { kind: 'bad', reason: `not a target URL: "${row.get('target') ?? ''}"` };
  const first = cellDate(row.get(firstRole) ?? '', ctx.dayFirst);
  const last = cellDate(row.get(lastRole) ?? '', ctx.dayFirst);
  if (Number.isNaN(first)) return { kind: 'bad', reason: `not a date: "${row.get(firstRole)}"` };
  if (Number.isNaN(last)) return { kind: 'bad', reason: `not a date: "${row.get(lastRole)}"` };
  const o = blankObservation(ctx.source, source, target, last ?? first ?? ctx.now);
  o.firstSeen = first ?? last ?? ctx.now;
  return o;
}

type Bad = Extract<RowResult, { kind: 'bad' }>;

function isObs(o: Obs | Bad): o is Obs {
  return 'sourceUrl' in o;
}

const ok = (observation: Obs): RowResult => ({ kind: 'observation', observation });

function flags(o: Obs, nofollow: boolean, sponsored: boolean, ugc: boolean): void {
  o.nofollow = nofollow;
  o.sponsored = sponsored;
  o.ugc = ugc;
  o.rel = [...(nofollow ? ['nofollow'] : []), ...(sponsored ? ['sponsored'] : []), ...(ugc ? ['ugc'] : [])];
}

export const BING: CsvFormat = {
  id: 'bing-backlinks',
  label: 'Bing Webmaster Tools backlinks',
  source: 'bing',
  columns: { source: ['source url'], anchor: ['anchor text'], target: ['target url'] },
  required: ['source', 'anchor', 'target'],
  expected: 'Source Url, Anchor text, Target Url',
  map(row, ctx) {
    const o = base(row, ctx);
    if (!isObs(o)) return o;
    o.anchor = (row.get('anchor') ?? '').trim();
    return ok(o);
  },
};

const AHREFS_KIND: Record<string, LedgerKind> = {
  redirect: 'redirect',
  frame: 'iframe',
  form: 'form',
  canonical: 'link',
  alternate: 'link',
  rss: 'link',
};

export const AHREFS: CsvFormat = {
  id: 'ahrefs-backlinks',
  label: 'Ahrefs backlinks',
  source: 'ahrefs',
  columns: {
    source: ['referring page url'],
    title: ['referring page title'],
    target: ['target url', 'link url'],
    anchor: ['anchor', 'link anchor'],
    type: ['type', 'link type'],
    nofollow: ['nofollow', 'is nofollow'],
    ugc: ['ugc', 'is ugc'],
    sponsored: ['sponsored', 'is sponsored'],
    content: ['content', 'is content'],
    first: ['first seen', 'first found', 'found'],
    last: ['last seen', 'last check', 'last visited'],
    lost: ['lost', 'lost date'],
    reason: ['drop reason', 'lost reason', 'lost status'],
  },
  required: ['source', 'target'],
  expected:
    'Referring page URL, Target URL, Anchor, Type, Nofollow, UGC, Sponsored, First seen, Last seen, Lost',
  map(row, ctx) {
    const o = base(row, ctx);
    if (!isObs(o)) return o;
    const type = (row.get('type') ?? '').trim().toLowerCase();
    o.kind = AHREFS_KIND[type] ?? 'a';
    o.image = type === 'image';
    o.anchor = (row.get('anchor') ?? '').trim();
    if (row.has('nofollow') || type.includes('follow')) {
      flags(
        o,
        cellFlag(row.get('nofollow')) || type === 'nofollow',
        cellFlag(row.get('sponsored')),
        cellFlag(row.get('ugc')),
      );
      if (type.includes('follow')) o.kind = 'a';
    }
    if (row.has('content')) o.placement = cellFlag(row.get('content')) ? 'content' : 'unknown';
    const lost = (row.get('lost') ?? '').trim();
    if (lost !== '' && !/^(false|no|0|live)$/i.test(lost)) {
      const at = cellDate(lost, ctx.dayFirst);
      o.lost = {
        at: at === null || Number.isNaN(at) ? ctx.now : at,
        reason: lostReasonOf(row.get('reason')),
      };
    }
    return ok(o);
  },
};

export const MAJESTIC: CsvFormat = {
  id: 'majestic-backlinks',
  label: 'Majestic backlinks',
  source: 'majestic',
  columns: {
    target: ['target url', 'targeturl'],
    source: ['source url', 'sourceurl'],
    anchor: ['anchor text', 'anchortext'],
    last: ['source crawl date', 'last seen date', 'lastseendate'],
    first: ['source first found date', 'first indexed date', 'firstindexeddate'],
    nofollow: ['flagnofollow'],
    image: ['flagimagelink', 'flagimages'],
    redirect: ['flagredirect'],
    frame: ['flagframe'],
    mention: ['flagmention'],
    deleted: ['flagdeleted'],
    lost: ['date lost', 'datelost'],
    reason: ['reason lost', 'reasonlost'],
  },
  required: ['source', 'target', ['nofollow', 'image', 'redirect', 'frame']],
  expected:
    'Target URL, Source URL, Anchor Text, Source Crawl Date, Source First Found Date, FlagNoFollow, FlagImageLink, FlagRedirect, FlagFrame, FlagMention',
  map(row, ctx) {
    if (cellFlag(row.get('mention'))) return { kind: 'skip', reason: 'mention-without-link' };
    const o = base(row, ctx);
    if (!isObs(o)) return o;
    o.anchor = (row.get('anchor') ?? '').trim();
    o.kind = cellFlag(row.get('redirect')) ? 'redirect' : cellFlag(row.get('frame')) ? 'iframe' : 'a';
    o.image = cellFlag(row.get('image'));
    flags(o, cellFlag(row.get('nofollow')), false, false);
    const lostAt = cellDate(row.get('lost') ?? '', ctx.dayFirst);
    if ((lostAt !== null && !Number.isNaN(lostAt)) || cellFlag(row.get('deleted'))) {
      const at = lostAt !== null && !Number.isNaN(lostAt) ? lostAt : ctx.now;
      o.lost = { at, reason: lostReasonOf(row.get('reason')) };
    }
    return ok(o);
  },
};

export const MOZ: CsvFormat = {
  id: 'moz-links',
  label: 'Moz Link Explorer inbound links',
  source: 'moz',
  columns: {
    source: ['url', 'source url'],
    title: ['title'],
    anchor: ['anchor text'],
    target: ['target url'],
    spam: ['spam score'],
    pa: ['page authority'],
    da: ['domain authority'],
    onlyNofollow: ['only rel=nofollow', 'nofollow'],
    redirect: ['301', 'redirect'],
    linkType: ['link type', 'link state'],
    first: ['date first seen', 'first seen'],
    last: ['date last seen', 'last seen'],
    lost: ['date lost', 'lost date'],
  },
  required: ['source', 'target', ['spam', 'pa', 'da']],
  expected:
    'URL, Title, Anchor Text, Spam Score, Page Authority, Domain Authority, Target URL, Only rel=nofollow, 301',
  map(row, ctx) {
    const o = base(row, ctx);
    if (!isObs(o)) return o;
    const anchor = (row.get('anchor') ?? '').trim();
    o.anchor = /^\[no anchor text\]$/i.test(anchor) ? '' : anchor;
    const linkType = (row.get('linkType') ?? '').toLowerCase();
    o.kind = cellFlag(row.get('redirect')) || linkType.includes('redirect') ? 'redirect' : 'a';
    if (row.has('onlyNofollow') || row.has('linkType')) {
      flags(o, cellFlag(row.get('onlyNofollow')) || linkType.includes('nofollow'), false, false);
    }
    const lostAt = cellDate(row.get('lost') ?? '', ctx.dayFirst);
    if (lostAt !== null && !Number.isNaN(lostAt)) o.lost = { at: lostAt, reason: 'removed' };
    return ok(o);
  },
};

export const SEMRUSH: CsvFormat = {
  id: 'semrush-backlinks',
  label: 'Semrush backlinks',
  source: 'semrush',
  columns: {
    ascore: ['page ascore', 'page as'],
    title: ['source title'],
    source: ['source url'],
    target: ['target url'],
    anchor: ['anchor'],
    nofollow: ['nofollow'],
    sponsored: ['sponsored'],
    ugc: ['ugc'],
    frame: ['frame'],
    form: ['form'],
    image: ['image'],
    first: ['first seen'],
    last: ['last seen'],
    lostLink: ['lost link'],
  },
  required: ['source', 'target', ['ascore', 'title']],
  expected:
    'Page ascore, Source title, Source url, Target url, Anchor, Nofollow, Sponsored, Ugc, Frame, Form, Image, First seen, Last seen, Lost link',
  map(row, ctx) {
    const o = base(row, ctx);
    if (!isObs(o)) return o;
    o.anchor = (row.get('anchor') ?? '').trim();
    o.kind = cellFlag(row.get('frame')) ? 'iframe' : cellFlag(row.get('form')) ? 'form' : 'a';
    o.image = cellFlag(row.get('image'));
    flags(o, cellFlag(row.get('nofollow')), cellFlag(row.get('sponsored')), cellFlag(row.get('ugc')));
    // Semrush says a link is lost, not when: it was lost by the time of this import.
    if (cellFlag(row.get('lostLink'))) o.lost = { at: Math.max(ctx.now, o.lastSeen + 1), reason: 'removed' };
    return ok(o);
  },
};

const KINDS = new Set<string>([...LINK_KINDS, 'webgraph']);

export const GENERIC: CsvFormat = {
  id: 'generic',
  label: 'generic CSV',
  source: 'csv',
  columns: {
    source: ['source', 'source url', 'from', 'url from'],
    target: ['target', 'target url', 'to', 'url to'],
    anchor: ['anchor', 'anchor text', 'text'],
    rel: ['rel'],
    first: ['first seen', 'firstseen'],
    last: ['last seen', 'lastseen'],
    kind: ['kind'],
  },
  required: ['source', 'target'],
  expected: 'source, target[, anchor, rel, first_seen, last_seen, kind]',
  map(row, ctx) {
    const o = base(row, ctx);
    if (!isObs(o)) return o;
    if (row.has('anchor')) o.anchor = (row.get('anchor') ?? '').trim();
    if (row.has('rel')) {
      const r = relFlags((row.get('rel') ?? '').replace(/\b(do)?follow\b/gi, ''));
      flags(o, r.nofollow, r.sponsored, r.ugc);
      o.rel = r.rel;
    }
    const kind = (row.get('kind') ?? '').trim().toLowerCase();
    if (kind !== '') {
      if (!KINDS.has(kind)) return { kind: 'bad', reason: `unknown link kind: "${kind}"` };
      o.kind = kind as LedgerKind;
    }
    return ok(o);
  },
};

/** Vendor formats in detection order; the generic one last. */
export const VENDOR_FORMATS = [BING, AHREFS, MAJESTIC, MOZ, SEMRUSH];
