/**
 * Analytics and advertising account ids in a page (PageInfo.analyticsIds): the ids a site owner pastes
 * into every site they run, so pages of unrelated-looking domains that share one are likely one owner
 * (core/toxicity/detectors/shared-analytics-id.ts).
 *
 * Forms (matched case-sensitively, between word boundaries):
 *   - Universal Analytics `UA-1234567-1`, GA4 `G-XXXXXXXX`, Tag Manager `GTM-XXXXXX`, Google Ads `AW-123456`;
 *   - AdSense `ca-pub-1234567890` or `pub-1234567890`, both kept as `ca-pub-...`;
 *   - the Facebook pixel `fbq('init', '1234567890')`, kept as `fbq-1234567890`.
 * They are read from inline `<script>` text as it streams by (a regex pass per piece, carrying only the
 * last TAIL units to the next piece, so that an id split between pieces is found once and whole) and from
 * the `src` of scripts and iframes (`gtag/js?id=G-...`, `gtm.js?id=GTM-...`, `ns.html?id=GTM-...`).
 * The first MAX_IDS distinct ids in document order are kept, then sorted.
 */

/** Most ids kept per page. */
export const MAX_ANALYTICS_IDS = 16;
/** Units of script text carried to the next piece: more than the longest match. */
const TAIL = 64;

const ID_PATTERN =
  /\b(?:UA-\d{4,10}-\d{1,4}|G-[A-Z0-9]{6,12}|GTM-[A-Z0-9]{4,9}|AW-\d{6,12}|(?:ca-)?pub-\d{10,20})\b|\bfbq\(\s*['"]init['"]\s*,\s*['"]?(\d{10,20})\b/g;

export class AnalyticsIdCollector {
  private readonly ids = new Set<string>();
  /** The end of the script text scanned so far (at most TAIL units). */
  private tail = '';

  /** A piece of an inline script's text. */
  scriptText(piece: string): void {
    if (this.ids.size >= MAX_ANALYTICS_IDS) return;
    const text = this.tail === '' ? piece : this.tail + piece;
    this.scan(text, this.tail.length, false);
    this.tail = text.length > TAIL ? text.slice(text.length - TAIL) : text;
  }

  /** The script element ended: an id at the very end of its text is complete. */
  scriptEnd(): void {
    const tail = this.tail;
    this.tail = '';
    if (tail !== '' && this.ids.size < MAX_ANALYTICS_IDS) this.scan(tail, tail.length, true);
  }

  /** The `src` URL of a script or an iframe (decoded attribute value). */
  url(value: string): void {
    if (this.ids.size < MAX_ANALYTICS_IDS && value.includes('-')) this.scan(value, 0, true);
  }

  /** Sorted, distinct ids ([] when there are none). */
  finish(): string[] {
    return [...this.ids].sort();
  }

  /**
   * Adds the matches of `text` that end at or after `from` (earlier ones were decided on the previous
   * piece) and, unless `final`, before its end (an id there may go on in the next piece: it is decided then).
   */
  private scan(text: string, from: number, final: boolean): void {
    ID_PATTERN.lastIndex = 0;
    for (let m = ID_PATTERN.exec(text); m !== null; m = ID_PATTERN.exec(text)) {
      const end = m.index + m[0].length;
      if (end < from || (!final && end === text.length)) continue;
      const fbq = m[1];
      const id = fbq !== undefined ? `fbq-${fbq}` : m[0].startsWith('pub-') ? `ca-${m[0]}` : m[0];
      this.ids.add(id);
      if (this.ids.size >= MAX_ANALYTICS_IDS) return;
    }
  }
}
