/**
 * `<meta http-equiv="refresh" content="5; URL=...">`: the URL part of the content, as written.
 * Follows the HTML standard's "shared declarative refresh steps" loosely: a leading delay (digits and
 * dots), a `;` or `,`, optional `url=` (any case, spaces around `=`), and optional quotes around the URL.
 * Returns null when the content has no URL (a plain reload).
 */
export function metaRefreshUrl(content: string): string | null {
  const match = /^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(.*)$/is.exec(content);
  let url = match?.[1]?.trim() ?? '';
  const quote = url[0];
  if (quote === '"' || quote === "'") {
    const end = url.indexOf(quote, 1);
    url = end === -1 ? url.slice(1) : url.slice(1, end);
  }
  return url === '' ? null : url;
}
