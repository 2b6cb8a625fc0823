/**
 * Elements, the attributes we use, and text, read from htmlparser2's Tokenizer callbacks: the part of the
 * extractor that runs for every tag of every page, kept apart from what is done with them (links, in
 * link-extractor.ts, through the hooks at the end).
 *
 * Tag and attribute names are looked up straight from the input (names.ts): no string per name. Only the
 * attributes the element's TagInfo wants are captured, as text with character references decoded once
 * (HTML attribute rules), except `id` and `class`, kept as positions in the input (element-stack.ts turns
 * the few it needs into text). The open elements follow htmlparser2's Parser: implied closes, void
 * elements, `</p>` and `</br>`, SVG and MathML foreign content with its self-closing tags. Text is kept
 * only while the subclass wants it (`textWanted`), raw until its node ends (`flushText`).
 *
 * The tokenizer runs with entity decoding off: decoding every text of a page costs it more than a third
 * of its time, and we need only the values and texts we keep, which we decode with the same decoder (npm
 * entities, attribute / legacy-text modes) on whole values. It skips ahead with native indexOf where it
 * can (fast-tokenizer.ts).
 */
import { decodeHTML, decodeHTMLAttribute } from 'entities/decode';
import type { QuoteType, Tokenizer, TokenizerCallbacks } from 'htmlparser2';
import { ATTR_COUNT, ATTRIBUTES, Attr, bit } from './attributes.ts';
import { ElementStack, type Frame } from './element-stack.ts';
import { ExtractorTokenizer } from './fast-tokenizer.ts';
import { InputBuffer } from './input-buffer.ts';
import { IMAGE_TAG, IMG_TAG, KNOWN_TAGS, otherTag, TagFlag, type TagInfo } from './tags.ts';

const FRAME_ATTRS = bit(Attr.Id) | bit(Attr.Class) | bit(Attr.Role);

export abstract class ElementReader implements TokenizerCallbacks {
  protected readonly input = new InputBuffer();
  protected readonly stack = new ElementStack(this.input);
  private readonly tokenizer: Tokenizer;

  // The open tag being read: its attributes of interest, by code; `seen` has a bit per value set.
  protected tag: TagInfo | null = null;
  /** The open tag started inside foreign content. */
  protected tagInForeign = false;
  protected readonly values = new Array<string | undefined>(ATTR_COUNT).fill(undefined);
  protected seen = 0;
  private capture = -1;
  private captured = '';
  /**
   * `id` and `class` are kept as positions in the input (`[start, end)`, -1: none) rather than text: only
   * the elements that enclose a link need them, for placement (element-stack.ts). `rangeStart` is the first
   * piece of the value being read.
   */
  private rangeStart = -1;
  private rangeEnd = -1;
  protected idStart = -1;
  protected idEnd = -1;
  protected classStart = -1;
  protected classEnd = -1;

  /** Set by the subclass: text is wanted now; and it is raw text (CSS), not to be decoded. */
  protected textWanted = false;
  protected rawText = false;
  /**
   * Set by the subclass: hand each piece of text over as it comes (raw, not decoded) instead of keeping
   * the node whole until it ends (inline scripts, scanned for analytics ids: link-extractor.ts).
   */
  protected streamText = false;
  private pendingText = '';

  constructor() {
    this.tokenizer = new ExtractorTokenizer({ xmlMode: false, decodeEntities: false }, this);
  }

  /** Hook: an element's start tag has been read (`values`, `seen`, the id/class positions are set). */
  protected abstract elementOpened(info: TagInfo): void;
  /** Hook: the element of `frame`, at stack index `index`, has closed (its frame is still readable). */
  protected abstract elementClosed(frame: Frame, index: number): void;
  /** Hook: a text node (or the part of one the subclass wanted), decoded unless `rawText`. */
  protected abstract text(text: string): void;
  /** Hook: a word break that is not an element of the stack (`</p>` alone, `</br>`). */
  protected abstract wordBreak(): void;

  protected feed(text: string): void {
    this.input.append(text);
    this.tokenizer.write(text);
  }

  protected finishInput(): void {
    this.tokenizer.end();
  }

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
        this.wordBreak(); // an implied empty <p></p>
      }
    } else if (info.name === 'br') {
      this.wordBreak(); // </br> is read as <br>
    }
  }

  onend(): void {
    this.flushText();
    while (this.stack.depth > 0) this.pop();
  }

  protected pop(): void {
    const frame = this.stack.pop();
    this.elementClosed(frame, this.stack.depth);
  }

  // --- tokenizer callbacks: text --------------------------------------------------------------------

  /**
   * A text node can arrive in several pieces (one per chunk written); it is kept raw until the node ends
   * (at the next tag, comment or the end), so that a character reference split between chunks is decoded
   * whole, and one that only looks whole across an element boundary is not.
   */
  ontext(start: number, end: number): void {
    if (!this.textWanted) return;
    if (this.streamText) this.text(this.input.slice(start, end));
    else this.pendingText += this.input.slice(start, end);
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
    this.text(!this.rawText && raw.includes('&') ? decodeHTML(raw) : raw);
  }

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
    this.elementOpened(info);
    if (seen !== 0) {
      const values = this.values;
      for (let rest = seen; rest !== 0; rest &= rest - 1) values[31 - Math.clz32(rest & -rest)] = undefined;
      this.seen = 0;
      this.idStart = -1;
      this.classStart = -1;
    }
  }
}
