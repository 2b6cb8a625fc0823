/**
 * Link placement: where on the page a link sits (`content`, `nav`, `header`, `footer`, `aside`), so that a
 * link in an article's body can be told from one in a sitewide menu or footer.
 *
 * Rules, applied to the chain of elements enclosing the link, innermost first (the first element that gives
 * a signal decides):
 *  1. HTML5 sectioning elements: `<nav>` -> nav, `<header>` -> header, `<footer>` -> footer,
 *     `<aside>` -> aside, `<main>` and `<article>` -> content.
 *  2. ARIA roles: `navigation` -> nav, `banner` -> header, `contentinfo` -> footer, `complementary` -> aside,
 *     `main` / `article` -> content.
 *  3. The usual class and id names, read as words split on spaces, `-`, `_` and camelCase humps
 *     (`site-footer`, `mainNav`): see SIGNAL_WORDS. When one element carries words of several places, a
 *     boilerplate place (nav, header, footer, aside) beats content (`footer-content` is a footer).
 *  4. A header or footer *inside* an article or `<main>` (the article's own byline or share bar) counts as
 *     content, as in the HTML5 outline.
 *  5. No signal anywhere: `unknown` (we do not guess that an unstructured page is all content).
 * The same rules run on every element once, when it opens, so placement costs O(1) per element.
 */
import type { Placement } from './link.ts';

type Signal = Exclude<Placement, 'unknown'>;

const ELEMENT_SIGNALS: Readonly<Record<string, Signal>> = {
  nav: 'nav',
  header: 'header',
  footer: 'footer',
  aside: 'aside',
  main: 'content',
  article: 'content',
};

const ROLE_SIGNALS: Readonly<Record<string, Signal>> = {
  navigation: 'nav',
  menu: 'nav',
  menubar: 'nav',
  banner: 'header',
  contentinfo: 'footer',
  complementary: 'aside',
  main: 'content',
  article: 'content',
};

/** Class/id words and the place they signal. */
export const SIGNAL_WORDS: Readonly<Record<string, Signal>> = {
  nav: 'nav',
  navbar: 'nav',
  navigation: 'nav',
  menu: 'nav',
  menubar: 'nav',
  topnav: 'nav',
  breadcrumb: 'nav',
  breadcrumbs: 'nav',
  pagination: 'nav',
  pager: 'nav',
  header: 'header',
  masthead: 'header',
  topbar: 'header',
  footer: 'footer',
  colophon: 'footer',
  copyright: 'footer',
  sidebar: 'aside',
  aside: 'aside',
  widget: 'aside',
  widgets: 'aside',
  related: 'aside',
  sidebox: 'aside',
  content: 'content',
  main: 'content',
  article: 'content',
  post: 'content',
  entry: 'content',
  story: 'content',
};

/** The placement state of an open element, derived from its parent's. */
export interface PlacementContext {
  readonly placement: Placement;
  /** True inside an article or main element: headers and footers there are content (rule 4). */
  readonly inArticle: boolean;
}

export const ROOT_PLACEMENT: PlacementContext = { placement: 'unknown', inArticle: false };

/** The signal one element gives by itself, or null. */
export function elementSignal(
  tagName: string,
  id: string | undefined,
  className: string | undefined,
  role: string | undefined,
): Signal | null {
  const bySemantics =
    own(ELEMENT_SIGNALS, tagName) ?? (role ? own(ROLE_SIGNALS, role.trim().toLowerCase()) : undefined);
  if (bySemantics) return bySemantics;
  if (!id && !className) return null;
  let found: Signal | null = null;
  for (const word of wordsOf(`${id ?? ''} ${className ?? ''}`)) {
    const signal = own(SIGNAL_WORDS, word);
    if (!signal) continue;
    if (signal !== 'content') return signal; // boilerplate beats content on one element (rule 3)
    found = signal;
  }
  return found;
}

/** The context of a child element, given its parent's context and the child's own signal. */
export function childPlacement(
  parent: PlacementContext,
  tagName: string,
  signal: Signal | null,
): PlacementContext {
  const isArticle = tagName === 'article' || tagName === 'main';
  const inArticle = parent.inArticle || isArticle || signal === 'content';
  if (signal === null) return inArticle === parent.inArticle ? parent : { ...parent, inArticle };
  if ((signal === 'header' || signal === 'footer') && parent.inArticle) {
    return { placement: 'content', inArticle };
  }
  return { placement: signal, inArticle };
}

/**
 * A table entry, never an inherited property: a plain object lookup would turn `class="constructor"` (or
 * a `<constructor>` element, `role="constructor"`) into Object.prototype.constructor, a function.
 */
function own(table: Readonly<Record<string, Signal>>, key: string): Signal | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}
