/**
 * A URL from the ledger as a link to the page itself: new tab, and rel noopener (no window.opener),
 * noreferrer (the dashboard's address stays private) and nofollow. Only http(s) URLs become links: the
 * ledger holds whatever pages wrote, and a `javascript:` href must never be clickable.
 */

const WEB_URL = /^https?:\/\//i;

/**
 * The URL without `https://`, the default that says nothing; `http://` stays, since the ledger keeps the
 * two as different pages and a table listing both must not show two identical rows.
 */
export function shortUrl(url: string): string {
  return url.replace(/^https:\/\//i, '');
}

interface Props {
  url: string;
  /** Text to show instead of the URL (still with the full URL as tooltip). */
  label?: string;
  className?: string;
}

export function ExternalUrl({ url, label, className }: Props) {
  const text = label ?? shortUrl(url);
  const classes = `url${className ? ` ${className}` : ''}`;
  if (!WEB_URL.test(url))
    return (
      <span className={classes} title={url}>
        {text}
      </span>
    );
  return (
    <a className={classes} href={url} title={url} target="_blank" rel="noopener noreferrer nofollow">
      {text}
    </a>
  );
}
