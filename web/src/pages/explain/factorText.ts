/**
 * One plain sentence per quality factor (docs/quality.md), written from the numbers the API sent (so a
 * server with other weights still reads right), and the points of each factor rounded so that the rounded
 * points add up exactly to the rounded score on screen.
 */
import type { ExplainedLink, QualityFactor } from '../../api/types.ts';
import { formatAuthority, formatCount } from '../../format.ts';

const percent = (x: number | null) => `${Math.round((x ?? 0) * 100)}%`;
const times = (x: number) => `×${trim(x)}`;
const trim = (x: number) => String(Math.round(x * 100) / 100);
const quoted = (s: string) => `“${s.length > 60 ? `${s.slice(0, 57)}…` : s}”`;
const topics = (terms: readonly string[]) => terms.slice(0, 4).join(', ');

const WHERE: Record<string, string> = {
  content: 'in the main content, where editorial links are',
  aside: 'in a sidebar',
  header: 'in the page header',
  nav: 'in the navigation',
  footer: 'in the footer',
  unknown: 'where the extractor could not tell (no layout known)',
};

const KINDS: Record<string, string> = {
  a: 'An ordinary <a href> link',
  area: 'An image-map <area> link',
  redirect: 'A redirect to the target',
  'meta-refresh': 'A meta refresh to the target',
  iframe: 'The target embedded in an <iframe>',
  frame: 'The target shown in a <frame>',
  webgraph: 'An edge of an imported web graph (no anchor, no placement)',
};

const LABELS: Record<string, string> = {
  rel: 'Follow (rel)',
  kind: 'Link kind',
};

/** The factor's name as a heading: `Page authority`, `Follow (rel)`. */
export function factorLabel(name: string): string {
  return LABELS[name] ?? `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

function neutral(f: QualityFactor): string {
  return `so the neutral value ${trim(f.value)} is used`;
}

export function factorSentence(f: QualityFactor, e: ExplainedLink): string {
  const { link } = e;
  switch (f.name) {
    case 'page authority':
      return f.known
        ? `The linking page has authority ${formatAuthority(e.sourceAuthority)} of 100 (PageRank over the ledger, from linkledger rank).`
        : `No rank run covers the linking page yet, ${neutral(f)}.`;
    case 'domain authority':
      return f.known
        ? `${link.sourceDomain} has domain authority ${formatAuthority(e.sourceDomainAuthority)} of 100.`
        : `No rank run covers ${link.sourceDomain} yet, ${neutral(f)}.`;
    case 'relevance': {
      if (f.known) {
        const about =
          e.sourceTopics.length > 0 && e.targetTopics.length > 0
            ? ` The linking page is about ${topics(e.sourceTopics)}; the target about ${topics(e.targetTopics)}.`
            : '';
        return `The two pages' texts are ${percent(e.relevance)} similar (their distinctive terms compared).${about}`;
      }
      const missing =
        e.sourceTopics.length === 0 && e.targetTopics.length === 0
          ? 'Neither page has text in the ledger'
          : e.targetTopics.length === 0
            ? 'The target page has no text in the ledger (no capture of it)'
            : 'The linking page has no text in the ledger (known only from an export or a web graph)';
      return `${missing}, ${neutral(f)}.`;
    }
    case 'anchor relevance':
      if (f.known)
        return `${percent(e.anchorRelevance)} of the anchor ${quoted(link.anchor)} names the target (its title and main terms).`;
      return link.anchor.trim() === ''
        ? `The link has no anchor text, ${neutral(f)}.`
        : `The target page has no text in the ledger to compare the anchor with, ${neutral(f)}.`;
    case 'placement': {
      const where = WHERE[link.placement] ?? `in the ${link.placement}`;
      return f.value >= 1
        ? `The link sits ${where}: full value.`
        : `The link sits ${where}, worth ${trim(f.value)} of a link in the main content.`;
    }
    case 'dilution': {
      if (!f.known)
        return `The linking page was never captured, so how many sites it links to is not known; ${neutral(f)}.`;
      const n = /^(\d+)/.exec(f.input)?.[1];
      const sites =
        n === undefined
          ? 'The page links to other sites'
          : `The page has ${formatCount(Number(n))} link${n === '1' ? '' : 's'} to other sites`;
      return f.value >= 1
        ? `${sites}: few enough for each to keep its full weight.`
        : `${sites}: the more a page links out, the less each link passes (${trim(f.value)} of the full weight here).`;
    }
    case 'rel':
      return f.input === 'followed'
        ? 'A followed link: a full vote for the target.'
        : `rel="${f.input.replace(/\+/g, ' ')}" tells search engines not to count it as a full vote: ${times(f.value)}.`;
    case 'kind': {
      const what = KINDS[link.kind] ?? `A ${link.kind} reference (not a link a reader follows)`;
      return f.value >= 1 ? `${what}: full weight.` : `${what}: ${times(f.value)}.`;
    }
    case 'image link':
      return `An image link: its anchor is the image's alt text, which says less than words: ${times(f.value)}.`;
    case 'sitewide': {
      const n = /^(\d+)/.exec(f.input)?.[1];
      const pages = n === undefined ? 'Many pages' : `${formatCount(Number(n))} pages`;
      return `${pages} of ${link.sourceDomain} link to ${link.targetDomain}: a link repeated across a site (a template, a blogroll) counts about once: ${times(f.value)}.`;
    }
    case 'language':
      return `${f.input[0]?.toUpperCase() ?? ''}${f.input.slice(1)}: a link across languages serves the target's readers less: ${times(f.value)}.`;
    case 'lost':
      return 'The link is lost (no longer on the page): it passes nothing.';
    default:
      return f.input;
  }
}

/**
 * Rounds `values` to tenths so that they add up to `total` rounded to tenths (largest remainders get the
 * leftover tenths): the column of points then sums to the score shown, as the CLI's does unrounded.
 */
export function roundToTotal(values: readonly number[], total: number): number[] {
  const tenths = values.map((v) => v * 10);
  const floors = tenths.map(Math.floor);
  let left = Math.round(total * 10) - floors.reduce((s, v) => s + v, 0);
  const order = tenths.map((v, i) => ({ i, rest: v - Math.floor(v) })).sort((a, b) => b.rest - a.rest);
  const out = [...floors];
  for (let k = 0; left > 0 && order.length > 0; k = (k + 1) % order.length, left--) out[order[k]!.i]! += 1;
  for (
    let k = order.length - 1;
    left < 0 && order.length > 0;
    k = (k - 1 + order.length) % order.length, left++
  )
    out[order[k]!.i]! -= 1;
  return out.map((v) => v / 10);
}
