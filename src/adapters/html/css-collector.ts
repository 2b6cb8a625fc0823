/**
 * The text of a `<style>` element, collected as it streams in, and the CSS URLs in it. Only the first
 * CSS_KEEP characters are kept: css-urls.ts searches the first 100,000 (as Common Crawl does), and a
 * `url()` starting there may run 8,000 more.
 */
import { decodeHTMLAttribute } from 'entities/decode';
import { cssUrls } from './css-urls.ts';

const CSS_KEEP = 110_000;

export class CssCollector {
  private text = '';

  reset(): void {
    this.text = '';
  }

  append(piece: string): void {
    if (this.text.length < CSS_KEEP) this.text += piece;
  }

  /**
   * The URLs of the collected CSS. Character references are decoded first, as Common Crawl does (an XHTML
   * page's `&amp;` in a `<style>` is an `&` for an XML parser; HTML browsers would not decode it).
   */
  finish(): string[] {
    const text = this.text;
    this.text = '';
    return cssUrls(text.includes('&') ? decodeHTMLAttribute(text) : text);
  }

  /** The URLs of a `style` attribute (already entity-decoded by the tokenizer). */
  urlsOf(style: string): string[] {
    return cssUrls(style);
  }
}
