/**
 * What the extractor knows about each element: which attributes hold URLs (Common Crawl's WAT paths, see
 * ia-web-commons ExtractingParseObserver, plus `srcset` and inline `style`), whether it is void, whether
 * it separates words in anchor text, and the tree-building rules htmlparser2's Parser applies (which open
 * tag implicitly closes which, foreign content). Known elements are looked up straight from the tokenizer
 * buffer; other names (custom elements, rare SVG) are interned once into a bounded cache.
 */
import { kindOfPath } from '../../core/link/kind-of.ts';
import type { LinkKind } from '../../core/link/link.ts';
import { elementSignal } from '../../core/link/placement.ts';
import { Attr, bit, GLOBAL_ATTRS } from './attributes.ts';
import { type NameEntry, NameTable, nameCodes } from './names.ts';

export const TagFlag = {
  Void: 1,
  /** Opening or closing it separates words in anchor text (block and "spacing inline" elements). */
  Spacing: 2,
  /** Enters SVG / MathML foreign content. */
  Svg: 4,
  Math: 8,
  /** An HTML integration point: HTML content again inside foreign content. */
  Integration: 16,
  /** `foreignObject`: an integration point only inside SVG. */
  ForeignObject: 32,
  /** Raw text whose content is never anchor text (`script`, `style`). */
  RawText: 64,
  /** Its text is not visible page text (the text digest skips it): script, style, template, form fields... */
  Hidden: 128,
  /** A top-level heading (`h1`): its text weighs more in the text digest. */
  Heading: 256,
} as const;

/** Elements with their own handling beyond "attribute X holds a URL". */
export const Special = {
  None: 0,
  Anchor: 1,
  Area: 2,
  Img: 3,
  Link: 4,
  Meta: 5,
  Base: 6,
  Html: 7,
  Title: 8,
  Style: 9,
  Form: 10,
} as const;
export type Special = (typeof Special)[keyof typeof Special];

export interface UrlAttr {
  readonly attr: Attr;
  /** WAT path, e.g. `IFRAME@/src`, and its link kind (core/link/kind-of.ts). */
  readonly path: string;
  readonly kind: LinkKind;
  /** A `srcset`: several URLs with descriptors. */
  readonly srcset: boolean;
}

export interface TagInfo extends NameEntry {
  /** Upper-case name, as in WAT paths. */
  readonly upper: string;
  readonly flags: number;
  readonly special: Special;
  /** Attributes whose value is a URL, in the order links are emitted (after the special one). */
  readonly urlAttrs: readonly UrlAttr[];
  /** Bit mask of the attributes to capture on this element. */
  readonly wants: number;
  /** Open elements this one closes implicitly when it opens (htmlparser2's rules), or null. */
  readonly closes: ReadonlySet<string> | null;
  /** Lazily made WAT paths of the global URL attributes (`DIV@/data-href`), by attribute code. */
  readonly globalPaths: string[];
  /** The placement signal of the element itself (`nav` -> nav, `main` -> content), or null. */
  readonly signal: ReturnType<typeof elementSignal>;
  /** The element has links of its own (a special handler or URL attributes), beyond global attributes. */
  readonly hasLinks: boolean;
  /**
   * The last class value whose placement signal was computed for this element name, and that signal: a
   * one-entry cache, since sibling elements (list items, their links) usually repeat their class.
   */
  lastClass: string | undefined;
  lastClassSignal: ReturnType<typeof elementSignal>;
}

const SPACING = new Set(
  (
    'address article aside blockquote body br button canvas caption col colgroup dd div dl dt embed fieldset ' +
    'figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li map noscript object ol output p pre ' +
    'progress section table tbody textarea tfoot th thead title tr ul video cite details datalist iframe img ' +
    'input label legend optgroup q select summary td time main nav menu option dialog search center frameset'
  ).split(' '),
);

const VOID = new Set(
  'area base basefont br col command embed frame hr img input isindex keygen link meta param source track wbr'.split(
    ' ',
  ),
);

/** Elements whose text is not read as page text (text digest); `title` is read apart, with its own weight. */
const HIDDEN = new Set(
  'script style template noscript textarea select option optgroup datalist iframe noembed noframes svg'.split(
    ' ',
  ),
);

const P = new Set(['p']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);
const FORM_CONTROLS = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const TABLE_SECTIONS = new Set(['thead', 'tbody']);
const DD_DT = new Set(['dd', 'dt']);
const RT_RP = new Set(['rt', 'rp']);

/** htmlparser2's Parser: opening the key closes open elements named in the value (innermost first). */
const IMPLIES_CLOSE: Readonly<Record<string, ReadonlySet<string>>> = {
  tr: new Set(['tr', 'th', 'td']),
  th: new Set(['th']),
  td: new Set(['thead', 'th', 'td']),
  body: new Set(['head', 'link', 'script']),
  a: new Set(['a']),
  li: new Set(['li']),
  p: P,
  h1: HEADINGS,
  h2: HEADINGS,
  h3: HEADINGS,
  h4: HEADINGS,
  h5: HEADINGS,
  h6: HEADINGS,
  select: FORM_CONTROLS,
  input: FORM_CONTROLS,
  output: FORM_CONTROLS,
  button: FORM_CONTROLS,
  datalist: FORM_CONTROLS,
  textarea: FORM_CONTROLS,
  option: new Set(['option']),
  optgroup: new Set(['optgroup', 'option']),
  dd: DD_DT,
  dt: DD_DT,
  address: P,
  article: P,
  aside: P,
  blockquote: P,
  details: P,
  div: P,
  dl: P,
  fieldset: P,
  figcaption: P,
  figure: P,
  footer: P,
  form: P,
  header: P,
  hr: P,
  main: P,
  nav: P,
  ol: P,
  pre: P,
  section: P,
  table: P,
  ul: P,
  rt: RT_RP,
  rp: RT_RP,
  tbody: TABLE_SECTIONS,
  tfoot: TABLE_SECTIONS,
};

interface Spec {
  special?: Special;
  /** URL attributes: `src`, or `srcset*` for a srcset. */
  urls?: string;
  /** Further attributes to capture (space-separated). */
  also?: string;
  flags?: number;
}

const SPECS: Readonly<Record<string, Spec>> = {
  a: { special: Special.Anchor, also: 'href rel' },
  area: { special: Special.Area, also: 'href rel alt' },
  img: { special: Special.Img, urls: 'longdesc srcset*', also: 'src alt' },
  link: { special: Special.Link, also: 'href rel' },
  meta: { special: Special.Meta, also: 'name content http-equiv property' },
  base: { special: Special.Base, also: 'href' },
  html: { special: Special.Html, also: 'lang xml:lang' },
  title: { special: Special.Title, flags: TagFlag.Integration },
  style: { special: Special.Style, flags: TagFlag.RawText },
  form: { special: Special.Form, urls: '', also: 'action rel' },
  script: { urls: 'src', flags: TagFlag.RawText },
  iframe: { urls: 'src' },
  frame: { urls: 'src' },
  embed: { urls: 'src' },
  audio: { urls: 'src' },
  track: { urls: 'src' },
  video: { urls: 'src poster' },
  source: { urls: 'src srcset*' },
  input: { urls: 'src formaction' },
  button: { urls: 'formaction' },
  object: { urls: 'codebase cdata data' },
  applet: { urls: 'codebase cdata' },
  q: { urls: 'cite' },
  blockquote: { urls: 'cite' },
  del: { urls: 'cite' },
  ins: { urls: 'cite' },
  menuitem: { urls: 'icon' },
  svg: { flags: TagFlag.Svg },
  math: { flags: TagFlag.Math },
  mi: { flags: TagFlag.Integration },
  mo: { flags: TagFlag.Integration },
  mn: { flags: TagFlag.Integration },
  ms: { flags: TagFlag.Integration },
  mtext: { flags: TagFlag.Integration },
  'annotation-xml': { flags: TagFlag.Integration },
  desc: { flags: TagFlag.Integration },
  foreignobject: { flags: TagFlag.ForeignObject },
};

/** Other elements worth knowing by name (so they need no string per occurrence). */
const PLAIN =
  'abbr address article aside b bdi bdo body br canvas caption center cite code col colgroup data datalist dd ' +
  'details dfn dialog div dl dt em fieldset figcaption figure font footer h1 h2 h3 h4 h5 h6 head header ' +
  'hgroup hr i kbd label legend li main map mark menu meter nav nobr noscript ol optgroup option output p param ' +
  'picture pre progress rp rt ruby s samp search section select slot small span strong sub summary sup ' +
  'table tbody td template textarea tfoot th thead time tr tt u ul var wbr image noembed noframes xmp ' +
  'plaintext frameset acronym big blink marquee strike basefont isindex keygen command g path rect circle ' +
  'use defs symbol lineargradient radialgradient stop clippath polygon polyline line ellipse text tspan mask ' +
  'filter pattern';

const ATTR_BY_NAME: Readonly<Record<string, Attr>> = {
  src: Attr.Src,
  srcset: Attr.Srcset,
  longdesc: Attr.Longdesc,
  href: Attr.Href,
  rel: Attr.Rel,
  alt: Attr.Alt,
  action: Attr.Action,
  formaction: Attr.Formaction,
  name: Attr.Name,
  content: Attr.Content,
  'http-equiv': Attr.HttpEquiv,
  property: Attr.Property,
  data: Attr.Data,
  codebase: Attr.Codebase,
  cdata: Attr.Cdata,
  cite: Attr.Cite,
  icon: Attr.Icon,
  poster: Attr.Poster,
  lang: Attr.Lang,
  'xml:lang': Attr.XmlLang,
};

function attrOf(name: string): Attr {
  const attr = own(ATTR_BY_NAME, name);
  if (attr === undefined) throw new Error(`unknown attribute in tag spec: ${name}`);
  return attr;
}

/** An own entry of a table (tag names like `constructor` must not find Object.prototype members). */
function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export function makeTagInfo(name: string): TagInfo {
  const spec = own(SPECS, name) ?? {};
  const upper = name.toUpperCase();
  let wants = GLOBAL_ATTRS;
  const urlAttrs: UrlAttr[] = [];
  for (const word of (spec.urls ?? '').split(' ')) {
    if (word === '') continue;
    const srcset = word.endsWith('*');
    const attrName = srcset ? word.slice(0, -1) : word;
    const attr = attrOf(attrName);
    const path = `${upper}@/${attrName}`;
    urlAttrs.push({ attr, path, kind: kindOfPath(path), srcset });
    wants |= bit(attr);
  }
  for (const word of (spec.also ?? '').split(' ')) if (word !== '') wants |= bit(attrOf(word));
  let flags = spec.flags ?? 0;
  if (VOID.has(name)) flags |= TagFlag.Void;
  if (SPACING.has(name)) flags |= TagFlag.Spacing;
  if (HIDDEN.has(name)) flags |= TagFlag.Hidden;
  if (name === 'h1') flags |= TagFlag.Heading;
  return {
    name,
    codes: nameCodes(name),
    upper,
    flags,
    special: spec.special ?? Special.None,
    urlAttrs,
    wants,
    closes: own(IMPLIES_CLOSE, name) ?? null,
    globalPaths: [],
    signal: elementSignal(name, undefined, undefined, undefined),
    hasLinks: (spec.special ?? Special.None) !== Special.None || urlAttrs.length > 0,
    lastClass: undefined,
    lastClassSignal: null,
  };
}

/** The most frequent elements on real pages come first, so they are first in their lookup buckets. */
const FREQUENT =
  'div a span li p img script meta link td tr br ul i b strong option input em h2 h3 section article ' +
  'button form label nav header footer small iframe noscript style time figure source path g svg use';

const KNOWN_NAMES = [
  ...new Set([...FREQUENT.split(' '), ...Object.keys(SPECS), ...PLAIN.split(' '), ...SPACING, ...VOID]),
];

export const KNOWN_TAGS = new NameTable<TagInfo>(KNOWN_NAMES.map(makeTagInfo));

export const IMG_TAG: TagInfo = KNOWN_TAGS.find('img', 0, 3)!;
/** `<image>`, which HTML reads as `<img>` outside foreign content. */
export const IMAGE_TAG: TagInfo = KNOWN_TAGS.find('image', 0, 5)!;

const interned = new Map<string, TagInfo>();
/** Bounds the cache of unknown names: garbage markup must not grow memory without limit. */
const MAX_INTERNED = 4096;

/** The info of an element not in the known table (`name` lower-case). */
export function otherTag(name: string): TagInfo {
  let info = interned.get(name);
  if (info === undefined) {
    info = makeTagInfo(name);
    if (interned.size < MAX_INTERNED) interned.set(name, info);
  }
  return info;
}
