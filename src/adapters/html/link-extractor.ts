/**
 * Streaming HTML link extraction on htmlparser2's Tokenizer (no DOM, no Parser).
 *
 * Text goes in by `write(text)` in chunks of any size; `end()` returns the page's links and facts. The
 * extractor implements the Tokenizer's callbacks itself, because htmlparser2's Parser costs more than all
 * of our work: it makes a string per tag name, attribute name and value, and an object per tag. Here tag
 * and attribute names are looked up straight from the input (names.ts), only the attribute values we use
 * become strings, and text becomes a string only inside an anchor, a title or a `<style>`. The open
 * elements follow htmlparser2's Parser rules (implied closes, void elements, `</p>` and `</br>`, SVG and
 * MathML foreign content with its self-closing tags), so links end where the Parser would end them.
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
 * `rawUrl` is the attribute value with its character references decoded once (HTML attribute rules: see
 * the constructor for why we decode, not the tokenizer), `data:` URLs cut after the comma. `rel` (A, AREA, LINK, FORM) is read by core/link/rel.ts, placement by
 * core/link/placement.ts (element-stack.ts). Empty URL values are skipped, except `<a href="">` and
 * `<form action="">`, which do point at the page itself.
 */
import { decodeHTML, decodeHTMLAttribute } from 'entities/decode';
import { type QuoteType, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { LinkledgerError } from '../../core/errors.ts';
import type { Link, LinkKind, Placement } from '../../core/link/link.ts';
import type { PageLinks } from '../../core/link/page.ts';
import { childPlacement } from '../../core/link/placement.ts';
import { parseRobotsDirectives, type RelFlags } from '../../core/link/rel.ts';
import { AnchorText } from './anchor-text.ts';
import { ATTR_COUNT, ATTRIBUTES, Attr, bit } from './attributes.ts';
import type { CharsetSource } from './charset.ts';
import { CssCollector } from './css-collector.ts';
import { ElementStack, signalOf } from './element-stack.ts';
import { BASE_PATH, finishPage, type PageFacts } from './finish-page.ts';
import { InputBuffer } from './input-buffer.ts';
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
import { IMAGE_TAG, IMG_TAG, KNOWN_TAGS, otherTag, Special, TagFlag, type TagInfo } from './tags.ts';
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

const FRAME_ATTRS = bit(Attr.Id) | bit(Attr.Class) | bit(Attr.Role);
const GLOBAL_LINK_ATTRS =
  bit(Attr.Background) | bit(Attr.DataHref) | bit(Attr.DataUri) | bit(Attr.Onclick) | bit(Attr.Style);
const GLOBAL_URL_ATTRS = [Attr.Background, Attr.DataHref, Attr.DataUri] as const;
const CSS_URL = /url\s*\(/i;

class LinkExtractor implements TokenizerCallbacks, HtmlLinkExtractor {
  private readonly tokenizer: Tokenizer;
  private readonly input = new InputBuffer();
  private readonly stack = new ElementStack(this.input);
  private readonly links: Link[] = [];
  private ended = false;

  // The open tag being read: its attributes of interest, by code; `seen` has a bit per value set.
  private tag: TagInfo | null = null;
  private tagInForeign = false;
  private readonly values = new Array<string | undefined>(ATTR_COUNT).fill(undefined);
  private seen = 0;
  private capture = -1;
  private captured = '';
  /**
   * `id` and `class` are kept as positions in the input (`[start, end)`, -1: none) rather than text: only
   * the elements that enclose a link need them, for placement (element-stack.ts). `rangeStart` is the first
   * piece of the value being read.
   */
  private rangeStart = -1;
  private rangeEnd = -1;
  private idStart = -1;
  private idEnd = -1;
  private classStart = -1;
  private classEnd = -1;
  /** The element whose links are being made, and their placement (computed at the first link). */
  private linkTag: TagInfo = IMG_TAG;
  private placement: Placement | null = null;

  // Text sinks: the open anchor, the title, a <style>.
  private textWanted = false;
  private pendingText = '';
  private readonly anchor = new AnchorText();
  private titleFrame = -1;
  private titleText = '';
  private styleFrame = -1;
  private readonly css = new CssCollector();

  private readonly facts: PageFacts;
  private readonly robotsAgent: string | undefined;

  constructor(options: HtmlLinkExtractorOptions) {
    // Character references are decoded by us, only in the values and texts we keep (see onattribend and
    // flushText): the tokenizer's own decoding of every text on the page costs more than a third of its
    // time. The decoder is the same (npm entities, HTML attribute / legacy text modes), on whole values.
    this.tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: false }, this);
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
  }

  write(text: string): void {
    if (this.ended) throw new LinkledgerError('INTERNAL', 'HTML link extractor: write() after end()');
    if (text.length === 0) return;
    this.input.append(text);
    this.tokenizer.write(text);
  }

  end(): PageLinks {
    if (this.ended) throw new LinkledgerError('INTERNAL', 'HTML link extractor: end() called twice');
    this.ended = true;
    this.tokenizer.end();
    return finishPage(this.facts, this.links);
  }

  // --- tokenizer callbacks: tags --------------------------------------------------------------------

  /** Lets the input drop chunks no callback will point into again, keeping open elements' id/class. */
  private release(start: number): void {
    if (this.input.willRelease(start)) {
      this.stack.keepText();
      this.input.release(start);
    }
  }

  isInForeignContext(): boolean {
    return this.stack.inForeign;
  }

  private lookupTag(start: number, end: number): TagInfo {
    const input = this.input;
    const info = input.find(KNOWN_TAGS, start, end) ?? otherTag(input.slice(start, end).toLowerCase());
    return info === IMAGE_TAG && !this.stack.inForeign ? IMG_TAG : info;
  }

  onopentagname(start: number, end: number): void {
    if (this.pendingText !== '') this.flushText();
    this.release(start);
    const info = this.lookupTag(start, end);
    const stack = this.stack;
    const closes = info.closes;
    if (closes !== null) {
      while (stack.depth > 0 && closes.has(stack.frames[stack.depth - 1]!.tag.name)) this.pop();
    }
    this.tag = info;
    this.tagInForeign = stack.inForeign;
    if ((info.flags & TagFlag.Void) === 0) stack.push(info);
  }

  onattribname(start: number, end: number): void {
    const tag = this.tag;
    if (tag !== null) {
      const entry = this.input.find(ATTRIBUTES, start, end);
      if (entry !== undefined) {
        const mask = bit(entry.code);
        // The first of repeated attributes counts, as in HTML.
        if ((tag.wants & mask) !== 0 && (this.seen & mask) === 0) {
          this.capture = entry.code;
          this.captured = '';
          this.rangeStart = -1;
          return;
        }
      }
    }
    this.capture = -1;
  }

  onattribdata(start: number, end: number): void {
    const capture = this.capture;
    if (capture < 0) return;
    if (capture <= Attr.Class) {
      // Attr.Id and Attr.Class (codes 0 and 1).
      if (this.rangeStart < 0 && this.captured === '') {
        this.rangeStart = start;
        this.rangeEnd = end;
        return;
      }
      if (this.rangeStart >= 0) {
        // A value in several pieces (split between chunks): read it as text after all.
        this.captured = this.input.slice(this.rangeStart, this.rangeEnd);
        this.rangeStart = -1;
      }
    }
    this.captured += this.input.slice(start, end);
  }

  onattribentity(codepoint: number): void {
    if (this.capture >= 0) this.captured += String.fromCodePoint(codepoint);
  }

  onattribend(_quote: QuoteType, _end: number): void {
    const capture = this.capture;
    if (capture < 0) return;
    this.seen |= 1 << capture;
    this.capture = -1;
    if (this.rangeStart >= 0) {
      if (capture === Attr.Id) {
        this.idStart = this.rangeStart;
        this.idEnd = this.rangeEnd;
      } else {
        this.classStart = this.rangeStart;
        this.classEnd = this.rangeEnd;
      }
      this.rangeStart = -1;
      return;
    }
    const raw = this.captured;
    this.values[capture] = raw.includes('&') ? decodeHTMLAttribute(raw) : raw;
    this.captured = '';
  }

  onopentagend(_end: number): void {
    this.finishOpenTag();
  }

  onselfclosingtag(_end: number): void {
    const info = this.tag;
    this.finishOpenTag();
    // Only foreign content (SVG, MathML) has self-closing tags in HTML; elsewhere `/>` is ignored.
    const stack = this.stack;
    if (info !== null && stack.inForeign && stack.depth > 0 && stack.frames[stack.depth - 1]!.tag === info) {
      this.pop();
    }
  }

  onclosetag(start: number, end: number): void {
    if (this.pendingText !== '') this.flushText();
    const input = this.input;
    this.release(start);
    const stack = this.stack;
    // Most end tags close the innermost element: compare with it before any lookup.
    if (stack.depth > 0 && input.is(stack.frames[stack.depth - 1]!.tag.codes, start, end)) {
      this.pop();
      return;
    }
    const info = this.lookupTag(start, end);
    if ((info.flags & TagFlag.Void) === 0) {
      const at = stack.lastIndexOf(info.name);
      if (at >= 0) {
        while (stack.depth > at) this.pop();
      } else if (info.name === 'p') {
        this.space(); // an implied empty <p></p>
      }
    } else if (info.name === 'br') {
      this.space(); // </br> is read as <br>
    }
  }

  onend(): void {
    this.flushText();
    while (this.stack.depth > 0) this.pop();
  }

  private pop(): void {
    const frame = this.stack.pop();
    const d = this.stack.depth;
    const anchor = this.anchor;
    if (anchor.link !== null) {
      if ((frame.tag.flags & TagFlag.Spacing) !== 0) anchor.space();
      if (d === anchor.frame) this.finishAnchor();
    }
    if (d === this.titleFrame) this.finishTitle();
    if (d === this.styleFrame) this.finishStyle(d);
  }

  // --- tokenizer callbacks: text --------------------------------------------------------------------

  /**
   * A text node can arrive in several pieces (one per chunk written); it is kept raw until the node ends
   * (at the next tag, comment or the end), so that a character reference split between chunks is decoded
   * whole, and one that only looks whole across an element boundary is not.
   */
  ontext(start: number, end: number): void {
    if (this.textWanted) this.pendingText += this.input.slice(start, end);
  }

  ontextentity(codepoint: number, _end: number): void {
    // Not called: the tokenizer does not decode (decodeEntities: false).
    if (this.textWanted) this.pendingText += String.fromCodePoint(codepoint);
  }

  oncdata(): void {
    this.flushText();
  }
  oncomment(): void {
    this.flushText();
  }
  ondeclaration(): void {
    this.flushText();
  }
  onprocessinginstruction(): void {
    this.flushText();
  }

  private flushText(): void {
    const raw = this.pendingText;
    if (raw === '') return;
    this.pendingText = '';
    // Style text is raw text in HTML: it is never decoded here (css-collector.ts decodes it as upstream).
    this.takeText(this.styleFrame < 0 && raw.includes('&') ? decodeHTML(raw) : raw);
  }

  private takeText(text: string): void {
    if (this.styleFrame >= 0) {
      this.css.append(text);
      return;
    }
    if (this.titleFrame >= 0 && this.titleText.length < TITLE_RAW_LIMIT) this.titleText += text;
    const stack = this.stack;
    if (this.anchor.link !== null && (stack.frames[stack.depth - 1]!.tag.flags & TagFlag.RawText) === 0) {
      this.anchor.append(text);
    }
  }

  /** Separates words in the open anchor's text. */
  private space(): void {
    if (this.anchor.link !== null) this.anchor.space();
  }

  private updateTextWanted(): void {
    this.textWanted = this.anchor.link !== null || this.titleFrame >= 0 || this.styleFrame >= 0;
  }

  // --- one element's links --------------------------------------------------------------------------

  private finishOpenTag(): void {
    const info = this.tag;
    if (info === null) return;
    this.tag = null;
    const seen = this.seen;
    const flags = info.flags;
    if ((seen & FRAME_ATTRS) !== 0 && (flags & TagFlag.Void) === 0) {
      const values = this.values;
      const frame = this.stack.frames[this.stack.depth - 1]!;
      frame.id = values[Attr.Id];
      frame.idStart = this.idStart;
      frame.idEnd = this.idEnd;
      frame.className = values[Attr.Class];
      frame.classStart = this.classStart;
      frame.classEnd = this.classEnd;
      frame.role = values[Attr.Role];
    }
    if (this.anchor.link !== null && (flags & TagFlag.Spacing) !== 0) this.anchor.space();
    if (info.hasLinks || (seen & GLOBAL_LINK_ATTRS) !== 0) this.elementLinks(info, seen);
    if (seen !== 0) {
      const values = this.values;
      for (let rest = seen; rest !== 0; rest &= rest - 1) values[31 - Math.clz32(rest & -rest)] = undefined;
      this.seen = 0;
      this.idStart = -1;
      this.classStart = -1;
    }
  }

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
        this.textWanted = true;
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
          this.textWanted = true;
        }
        return;
      case Special.Style:
        if (this.styleFrame < 0 && this.stack.frames[this.stack.depth - 1]?.tag === info) {
          this.styleFrame = this.stack.depth - 1;
          this.css.reset();
          this.textWanted = true;
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
