/**
 * Streaming HTML link extraction on htmlparser2's Tokenizer (no DOM, no Parser).
 *
 * Text goes in by `write(text)` in chunks of any size; `end()` returns the page's links and facts. The
 * extractor implements the Tokenizer's callbacks itself (element-reader.ts), because htmlparser2's Parser
 * costs more than all of our work: it makes a string per tag name, attribute name and value, and an
 * object per tag. Text becomes a string only inside an anchor, a title or a `<style>`. The open elements
 * follow htmlparser2's Parser rules, so links end where the Parser would end them.
 *
 * Links (path in Common Crawl WAT notation; tags.ts lists every element/attribute pair):
 *   - `A@/href`: anchor text = the text inside, entities decoded, whitespace collapsed; block-level and
 *     "spacing" elements (div, li, br, td, img...) separate words, inline ones (b, span) do not; when the
 *     anchor has no text, the `alt` of the first image inside that has one; at most MAX_ANCHOR (128) units.
 *     The link takes its position where the `<a>` opens and its text when it closes (explicitly,
 *     implicitly, or at the end of the document: unlike Common Crawl, an anchor left open is kept).
 *     A new `<a>` ends an open anchor, as in browsers.
 *   - `IMG@/src` (anchor = its `alt`), `AREA@/href` (anchor = `alt`), `LINK@/href` (`rel=canonical` also
 *     sets PageInfo.canonical), `FORM@/action`, `META@/content` (the URL of a `http-equiv=refresh`),
 *     `BASE@/href` (kind `base`), `STYLE/#text` (CSS `url()` and `@import` in `<style>`), and the URL
 *     attributes of IMG, IFRAME, FRAME, EMBED, VIDEO, AUDIO, SOURCE, TRACK, INPUT, BUTTON, SCRIPT, OBJECT,
 *     APPLET, Q, BLOCKQUOTE, DEL, INS and MENUITEM (`srcset` gives one link per candidate);
 *   - on any element: `background`, `data-href`, `data-uri` (as Common Crawl), an `onclick` navigation
 *     (url-values.ts; Common Crawl reads it on DIV and INPUT only), and CSS `url()` in a `style`
 *     attribute (`DIV@/style`, beyond Common Crawl).
 * `rawUrl` is the attribute value with its character references decoded once (HTML attribute rules),
 * `data:` URLs cut after the comma. `rel` (A, AREA, LINK, FORM) is read by core/link/rel.ts, placement by
 * core/link/placement.ts (element-stack.ts). Empty URL values are skipped, except `<a href="">` and
 * `<form action="">`, which do point at the page itself.
 *
 * Text digest (option `textDigest`, off by default; PageInfo.textDigest, core/text/digest.ts): the page's
 * own visible text, counted as it streams by (never held whole):
 *   - every text node outside `script`, `style`, `template`, `noscript`, `textarea`, `select`/`option`/
 *     `datalist`, `iframe`, `noembed`, `noframes` and `svg` (tags.ts, TagFlag.Hidden), entities decoded;
 *   - but not the text of links (`<a href>`: it names another page) nor text placed in a nav, header,
 *     footer or aside (the link placement rules, core/link/placement.ts; `unknown` counts): menus, link
 *     lists and page chrome are what two unrelated pages of one site share. On the labelled test set
 *     (test/fixtures/relevance) leaving both out raised the ROC AUC of page relevance from 0.80 to 0.83
 *     and precision at 5 from 0.74 to 0.84 (docs/relevance.md);
 *   - words join across inline elements and are separated by the same block and spacing elements as anchor
 *     text, and by text left out;
 *   - weights: the document title 3, text inside `<h1>` 2, other text 1 (a title or an h1 names what the
 *     page is about; h2-h6 on news pages are as often headings of "related stories" boxes).
 * Text hidden by CSS or attributes (`hidden`, `display:none`) is not detected. The language is
 * `<html lang>`, else guessed from the text (core/text/analysis.ts).
 *
 * Analytics ids (option `analyticsIds`, by default on exactly when `textDigest` is; PageInfo.analyticsIds,
 * analytics-ids.ts): GA/GTM/Ads/AdSense/pixel account ids from inline `<script>` text, scanned piece by
 * piece as the tokenizer hands it over (never held whole), and from the `src` of scripts and iframes.
 */
import { LinkledgerError } from '../../core/errors.ts';
import type { Link, LinkKind, Placement } from '../../core/link/link.ts';
import type { PageLinks } from '../../core/link/page.ts';
import { childPlacement } from '../../core/link/placement.ts';
import { parseRobotsDirectives, type RelFlags } from '../../core/link/rel.ts';
import { formatDigest, TextDigester } from '../../core/text/digest.ts';
import { AnalyticsIdCollector } from './analytics-ids.ts';
import { AnchorText } from './anchor-text.ts';
import { Attr, bit } from './attributes.ts';
import type { CharsetSource } from './charset.ts';
import { CssCollector } from './css-collector.ts';
import { ElementReader } from './element-reader.ts';
import { type Frame, signalOf } from './element-stack.ts';
import { BASE_PATH, finishPage, type PageFacts } from './finish-page.ts';
import {
  A_KIND,
  AREA_KIND,
  BASE_KIND,
  FORM_KIND,
  IMG_KIND,
  isBlank,
  kindOf,
  LINK_KIND,
  META_KIND,
  NO_REL,
  pathOf,
  relOf,
  STYLE_KIND,
} from './link-parts.ts';
import { readMeta } from './meta.ts';
import { IMG_TAG, Special, TagFlag, type TagInfo } from './tags.ts';
import { cleanText, MAX_ANCHOR, MAX_TITLE } from './text.ts';
import { onclickUrl, srcsetUrls, trimDataUrl } from './url-values.ts';

export interface HtmlLinkExtractorOptions {
  /** The page's URL (the capture URL), or null for a loose HTML file: see finish-page.ts. */
  pageUrl: string | null;
  /** For `pageUrl: null`: the URL when the page names no canonical or og:url (`--base-url`, a file URL). */
  fallbackUrl?: string | null | undefined;
  /** The `X-Robots-Tag` header value(s), joined with ', '. */
  xRobotsTag?: string | null | undefined;
  /** A crawler name: its scoped `X-Robots-Tag` directives and `<meta name=NAME>` count too. */
  robotsAgent?: string | undefined;
  /** HTTP status of the capture. */
  status?: number | null | undefined;
  /** How the text was decoded (charset.ts), recorded in PageInfo. Default: utf-8 / default. */
  charset?: string | undefined;
  charsetSource?: CharsetSource | undefined;
  unknownCharsetLabel?: string | undefined;
  /**
   * Also count the page's visible text into PageInfo.textDigest (see above). Off by default: `extract`
   * does not need it; the ledger imports and the crawler turn it on.
   */
  textDigest?: boolean | undefined;
  /**
   * Also collect analytics / ad account ids into PageInfo.analyticsIds (see above). Default: the value of
   * `textDigest`, so the ledger imports and the crawler get them and `extract` does not pay for them.
   */
  analyticsIds?: boolean | undefined;
}

export interface HtmlLinkExtractor {
  /** Feeds the next piece of the document (any size, even one character). */
  write(text: string): void;
  /** Ends the document and returns its links (resolved) and page facts. Call once. */
  end(): PageLinks;
}

export function createHtmlLinkExtractor(options: HtmlLinkExtractorOptions): HtmlLinkExtractor {
  return new LinkExtractor(options);
}

const TITLE_RAW_LIMIT = 8 * MAX_TITLE;
/** Text digest weights (see the header comment). */
const TITLE_WEIGHT = 3;
const HEADING_WEIGHT = 2;
const DIGEST_FLAGS = TagFlag.Hidden | TagFlag.Heading;

/** Text in the page's content, or where nothing says otherwise. */
function isOwnText(placement: Placement): boolean {
  return placement === 'content' || placement === 'unknown';
}

const GLOBAL_LINK_ATTRS =
  bit(Attr.Background) | bit(Attr.DataHref) | bit(Attr.DataUri) | bit(Attr.Onclick) | bit(Attr.Style);
const GLOBAL_URL_ATTRS = [Attr.Background, Attr.DataHref, Attr.DataUri] as const;
const CSS_URL = /url\s*\(/i;

class LinkExtractor extends ElementReader implements HtmlLinkExtractor {
  private readonly links: Link[] = [];
  private ended = false;

  /** The element whose links are being made, and their placement (computed at the first link). */
  private linkTag: TagInfo = IMG_TAG;
  private placement: Placement | null = null;

  // Text sinks: the open anchor, the title, a <style>.
  private readonly anchor = new AnchorText();
  private titleFrame = -1;
  private titleText = '';
  private styleFrame = -1;
  private readonly css = new CssCollector();
  // Analytics ids (null when off) and the open <script> whose text is scanned for them.
  private readonly analytics: AnalyticsIdCollector | null;
  private scriptFrame = -1;

  private readonly facts: PageFacts;
  private readonly robotsAgent: string | undefined;

  // Text digest: the counter (null when off), open elements whose text is hidden, open h1 elements.
  private readonly digest: TextDigester | null;
  private hiddenDepth = 0;
  private headingDepth = 0;

  constructor(options: HtmlLinkExtractorOptions) {
    super();
    this.robotsAgent = options.robotsAgent?.toLowerCase();
    const header = parseRobotsDirectives(options.xRobotsTag, this.robotsAgent);
    this.facts = {
      pageUrl: options.pageUrl,
      fallbackUrl: options.fallbackUrl ?? null,
      baseHref: null,
      canonicalHref: null,
      ogUrl: null,
      title: null,
      lang: null,
      noindex: header.noindex,
      nofollow: header.nofollow,
      status: options.status ?? null,
      charset: options.charset ?? 'utf-8',
      charsetSource: options.charsetSource ?? 'default',
      unknownCharsetLabel: options.unknownCharsetLabel,
    };
    this.digest = options.textDigest ? new TextDigester() : null;
    this.analytics = (options.analyticsIds ?? options.textDigest) ? new AnalyticsIdCollector() : null;
    this.updateTextWanted();
  }

  write(text: string): void {
    if (this.ended) throw new LinkledgerError('INTERNAL', 'HTML link extractor: write() after end()');
    if (text.length > 0) this.feed(text);
  }

  end(): PageLinks {
    if (this.ended) throw new LinkledgerError('INTERNAL', 'HTML link extractor: end() called twice');
    this.ended = true;
    this.finishInput();
    const result = finishPage(this.facts, this.links);
    const digest = this.digest;
    if (digest !== null) {
      digest.wordBreak();
      if (this.facts.title !== null) {
        digest.add(this.facts.title, TITLE_WEIGHT);
        digest.wordBreak();
      }
      result.page.textDigest = formatDigest(digest.finish(this.facts.lang));
    }
    if (this.analytics !== null) result.page.analyticsIds = this.analytics.finish();
    return result;
  }

  // --- hooks of ElementReader ----------------------------------------------------------------------

  protected elementOpened(info: TagInfo): void {
    const flags = info.flags;
    if (this.anchor.link !== null && (flags & TagFlag.Spacing) !== 0) this.anchor.space();
    if (this.digest !== null) {
      if ((flags & TagFlag.Spacing) !== 0) this.digest.wordBreak();
      // Void elements are never pushed, so only open elements count (none of the flagged ones is void).
      if ((flags & DIGEST_FLAGS) !== 0 && (flags & TagFlag.Void) === 0) this.digestElement(flags, 1);
    }
    if (info.hasLinks || (this.seen & GLOBAL_LINK_ATTRS) !== 0) this.elementLinks(info, this.seen);
    if (this.analytics !== null && (info.name === 'script' || info.name === 'iframe'))
      this.scriptOpened(info);
  }

  /** A script or iframe: ids in its `src`; a script's text is scanned until it closes. */
  private scriptOpened(info: TagInfo): void {
    const src = this.values[Attr.Src];
    if (src !== undefined) this.analytics!.url(src);
    if (
      info.name === 'script' &&
      this.scriptFrame < 0 &&
      this.stack.frames[this.stack.depth - 1]?.tag === info
    ) {
      this.scriptFrame = this.stack.depth - 1;
      this.updateTextWanted();
    }
  }

  protected elementClosed(frame: Frame, index: number): void {
    const anchor = this.anchor;
    const flags = frame.tag.flags;
    if (anchor.link !== null) {
      if ((flags & TagFlag.Spacing) !== 0) anchor.space();
      if (index === anchor.frame) this.finishAnchor();
    }
    if (this.digest !== null) {
      if ((flags & TagFlag.Spacing) !== 0) this.digest.wordBreak();
      if ((flags & DIGEST_FLAGS) !== 0) this.digestElement(flags, -1);
    }
    if (index === this.titleFrame) this.finishTitle();
    if (index === this.styleFrame) this.finishStyle(index);
    if (index === this.scriptFrame) {
      this.scriptFrame = -1;
      this.analytics!.scriptEnd();
      this.updateTextWanted();
    }
  }

  protected wordBreak(): void {
    if (this.anchor.link !== null) this.anchor.space();
    this.digest?.wordBreak();
  }

  /**
   * A text node for the digest: the page's own words, so not the text of a link (it names another page)
   * nor text placed in a nav, header, footer or aside (core/link/placement.ts; `unknown` counts); text left
   * out still separates the words around it.
   */
  private digestText(text: string): void {
    const digest = this.digest!;
    const stack = this.stack;
    if (this.anchor.link !== null || !isOwnText(stack.contextAt(stack.depth - 1).placement)) {
      digest.wordBreak();
      return;
    }
    digest.add(text, this.headingDepth > 0 ? HEADING_WEIGHT : 1);
  }

  /** A hidden or heading element opens (+1) or closes (-1). */
  private digestElement(flags: number, step: 1 | -1): void {
    // max(0, ...): an element pushed by a start tag cut off at the end of the input is closed unopened.
    if ((flags & TagFlag.Hidden) !== 0) {
      this.hiddenDepth = Math.max(0, this.hiddenDepth + step);
      this.updateTextWanted();
    }
    if ((flags & TagFlag.Heading) !== 0) this.headingDepth = Math.max(0, this.headingDepth + step);
  }

  protected text(text: string): void {
    if (this.scriptFrame >= 0) {
      // Script text is raw text: never anchor text nor page text.
      this.analytics!.scriptText(text);
      return;
    }
    if (this.styleFrame >= 0) {
      this.css.append(text);
      return;
    }
    if (this.titleFrame >= 0) {
      if (this.titleText.length < TITLE_RAW_LIMIT) this.titleText += text;
    } else if (this.digest !== null && this.hiddenDepth === 0) {
      this.digestText(text);
    }
    const stack = this.stack;
    if (this.anchor.link !== null && (stack.frames[stack.depth - 1]!.tag.flags & TagFlag.RawText) === 0) {
      this.anchor.append(text);
    }
  }

  private updateTextWanted(): void {
    this.textWanted =
      this.anchor.link !== null ||
      this.titleFrame >= 0 ||
      this.styleFrame >= 0 ||
      this.scriptFrame >= 0 ||
      (this.digest !== null && this.hiddenDepth === 0);
    // Style text is raw text in HTML: not decoded here (css-collector.ts decodes it, as upstream does).
    this.rawText = this.styleFrame >= 0;
    // Script text is raw too, and goes to the id scanner piece by piece rather than whole.
    this.streamText = this.scriptFrame >= 0;
  }

  // --- one element's links --------------------------------------------------------------------------

  private elementLinks(info: TagInfo, seen: number): void {
    this.placement = null;
    this.linkTag = info;
    const values = this.values;
    if (info.special !== Special.None) this.special(info);
    for (const urlAttr of info.urlAttrs) {
      const value = values[urlAttr.attr];
      if (value === undefined || isBlank(value)) continue;
      if (urlAttr.srcset)
        for (const url of srcsetUrls(value)) this.add(urlAttr.path, urlAttr.kind, url, '', NO_REL);
      else this.add(urlAttr.path, urlAttr.kind, value, '', NO_REL);
    }
    if ((seen & GLOBAL_LINK_ATTRS) === 0) return;
    for (const attr of GLOBAL_URL_ATTRS) {
      const value = values[attr];
      if (value === undefined || isBlank(value)) continue;
      const path = pathOf(info, attr);
      this.add(path, kindOf(path), value, '', NO_REL);
    }
    const onclick = values[Attr.Onclick];
    if (onclick !== undefined) {
      const url = onclickUrl(onclick);
      const path = pathOf(info, Attr.Onclick);
      if (url !== null) this.add(path, kindOf(path), url, '', NO_REL);
    }
    const style = values[Attr.Style];
    if (style !== undefined && CSS_URL.test(style)) {
      const path = pathOf(info, Attr.Style);
      for (const url of this.css.urlsOf(style)) this.add(path, kindOf(path), url, '', NO_REL);
    }
  }

  /** Placement of the links of the element being finished (its own class/id/role count). */
  private placeHere(): Placement {
    if (this.placement !== null) return this.placement;
    const stack = this.stack;
    const info = this.linkTag;
    let context = stack.contextAt(stack.depth - 1);
    if ((info.flags & TagFlag.Void) !== 0) {
      const values = this.values;
      const input = this.input;
      const id = this.idStart >= 0 ? input.attributeText(this.idStart, this.idEnd) : values[Attr.Id];
      const className =
        this.classStart >= 0 ? input.attributeText(this.classStart, this.classEnd) : values[Attr.Class];
      context = childPlacement(context, info.name, signalOf(info, id, className, values[Attr.Role]));
    }
    this.placement = context.placement;
    return this.placement;
  }

  private special(info: TagInfo): void {
    const values = this.values;
    switch (info.special) {
      case Special.Anchor: {
        const href = values[Attr.Href];
        if (href === undefined) return;
        if (this.anchor.link !== null) this.finishAnchor();
        this.anchor.open(
          this.add('A@/href', A_KIND, href, '', relOf(values[Attr.Rel])),
          this.stack.depth - 1,
        );
        this.updateTextWanted();
        return;
      }
      case Special.Img: {
        const src = values[Attr.Src];
        const alt = values[Attr.Alt];
        if (src !== undefined && !isBlank(src))
          this.add('IMG@/src', IMG_KIND, src, alt ? cleanText(alt, MAX_ANCHOR) : '', NO_REL);
        if (this.anchor.link !== null && alt !== undefined && !isBlank(alt)) this.anchor.image(alt);
        return;
      }
      case Special.Area: {
        const href = values[Attr.Href];
        const alt = values[Attr.Alt];
        if (href !== undefined)
          this.add(
            'AREA@/href',
            AREA_KIND,
            href,
            alt ? cleanText(alt, MAX_ANCHOR) : '',
            relOf(values[Attr.Rel]),
          );
        return;
      }
      case Special.Link: {
        const href = values[Attr.Href];
        if (href === undefined || isBlank(href)) return;
        const rel = relOf(values[Attr.Rel]);
        this.add('LINK@/href', LINK_KIND, href, '', rel);
        if (this.facts.canonicalHref === null && rel.rel.includes('canonical'))
          this.facts.canonicalHref = href;
        return;
      }
      case Special.Form: {
        const action = values[Attr.Action];
        if (action !== undefined) this.add('FORM@/action', FORM_KIND, action, '', relOf(values[Attr.Rel]));
        return;
      }
      case Special.Meta: {
        const refresh = readMeta(values, this.facts, this.robotsAgent);
        if (refresh !== null) this.add('META@/content', META_KIND, refresh, '', NO_REL);
        return;
      }
      case Special.Base: {
        const href = values[Attr.Href];
        if (href === undefined || isBlank(href)) return;
        this.add(BASE_PATH, BASE_KIND, href, '', NO_REL);
        this.facts.baseHref ??= href;
        return;
      }
      case Special.Html: {
        const lang = values[Attr.Lang] ?? values[Attr.XmlLang];
        if (this.facts.lang === null && lang !== undefined && !isBlank(lang))
          this.facts.lang = lang.trim().toLowerCase();
        return;
      }
      case Special.Title:
        // The document's title is the first non-empty one outside SVG (an SVG <title> names an image).
        if (this.facts.title === null && this.titleFrame < 0 && !this.tagInForeign) {
          this.titleFrame = this.stack.depth - 1;
          this.titleText = '';
          this.updateTextWanted();
        }
        return;
      case Special.Style:
        if (this.styleFrame < 0 && this.stack.frames[this.stack.depth - 1]?.tag === info) {
          this.styleFrame = this.stack.depth - 1;
          this.css.reset();
          this.updateTextWanted();
        }
        return;
    }
  }

  // --- ends of anchors, titles, styles --------------------------------------------------------------

  private finishAnchor(): void {
    this.anchor.close();
    this.updateTextWanted();
  }

  private finishTitle(): void {
    const title = cleanText(this.titleText, MAX_TITLE);
    if (title !== '') this.facts.title = title;
    this.titleFrame = -1;
    this.titleText = '';
    this.updateTextWanted();
  }

  /** Links of a `<style>`, placed where the element is (`frame`: its index, just popped). */
  private finishStyle(frame: number): void {
    this.styleFrame = -1;
    this.updateTextWanted();
    const urls = this.css.finish();
    if (urls.length === 0) return;
    this.placement = this.stack.contextAt(frame).placement;
    for (const url of urls) this.add('STYLE/#text', STYLE_KIND, url, '', NO_REL);
  }

  private add(path: string, kind: LinkKind, rawUrl: string, anchor: string, rel: RelFlags): Link {
    const link: Link = {
      source: '',
      target: null,
      rawUrl: trimDataUrl(rawUrl),
      kind,
      path,
      anchor,
      rel: rel.rel,
      nofollow: rel.nofollow,
      sponsored: rel.sponsored,
      ugc: rel.ugc,
      placement: this.placeHere(),
      position: this.links.length,
    };
    this.links.push(link);
    return link;
  }
}
