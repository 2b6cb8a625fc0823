/**
 * The text of the open `<a href>`: raw pieces while it is open, cleaned when it closes. Word breaks from
 * block elements are added by the extractor (`space`). Capture stops once the clean text is sure to fill
 * MAX_ANCHOR, so a never-closed anchor around a whole page costs little. With no text at all, the `alt`
 * of the first image inside that has one is the anchor text.
 */
import type { Link } from '../../core/link/link.ts';
import { cleanText, collapseWhitespace, MAX_ANCHOR } from './text.ts';

/** Raw text is re-collapsed past this length, to see whether the clean text is full yet. */
const RAW_LIMIT = 4 * MAX_ANCHOR;

export class AnchorText {
  /** The open anchor's link (its `anchor` is set when it closes), or null. */
  link: Link | null = null;
  /** Stack index of the `<a>` element. */
  frame = -1;
  private text = '';
  private full = false;
  private alt: string | null = null;

  open(link: Link, frame: number): void {
    this.link = link;
    this.frame = frame;
    this.text = '';
    this.full = false;
    this.alt = null;
  }

  append(text: string): void {
    if (this.full) return;
    this.text += text;
    if (this.text.length > RAW_LIMIT) {
      this.text = collapseWhitespace(this.text);
      if (this.text.trimStart().length > MAX_ANCHOR) this.full = true;
    }
  }

  /** A word break (block element boundary). */
  space(): void {
    if (!this.full) this.text += ' ';
  }

  /** An image inside: its alt is the fallback text. */
  image(alt: string): void {
    if (this.alt === null) this.alt = alt;
  }

  close(): void {
    const link = this.link;
    if (link === null) return;
    let text = cleanText(this.text, MAX_ANCHOR);
    if (text === '' && this.alt !== null) text = cleanText(this.alt, MAX_ANCHOR);
    link.anchor = text;
    this.link = null;
    this.frame = -1;
    this.text = '';
    this.alt = null;
  }
}
