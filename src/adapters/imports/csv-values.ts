/**
 * Tolerant readers for the values vendor exports put in cells: URLs with or without a scheme, dates in
 * the spellings the tools use, yes/no flags, and header names normalised for matching.
 *
 * Dates: ISO (`2024-03-05`, `2024-03-05 10:11:12`, `...T10:11:12Z`, ` UTC` suffix), month names in English
 * (`Mar 5, 2024`, `5 Mar 2024`), and numeric `5/3/2024` / `5.3.2024`: day first when the first number is
 * over 12, month first when the second is, and otherwise month first (the English-language exports' order;
 * pass `dayFirst` for other locales). Times without a zone are UTC.
 */
import { isWebUrl, normalizeUrl } from '../../core/url/normalize.ts';

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
}; // prettier-ignore

/** Header text to a matching key: lower case, accents kept, `_`/`-`/spaces collapsed to one space. */
export function headerKey(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^"|"$/g, '')
    .toLowerCase()
    .replace(/[_\s-]+/g, ' ')
    .trim();
}

/** A web URL from a cell (scheme added as `http://` when missing), normalised; null when it is not one. */
export function cellUrl(value: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  // `mailto:x`, `javascript:...` carry a scheme without `//`; `host.com:8080/x` is a host with a port.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(v);
  const hasScheme = scheme !== null && (v.startsWith(`${scheme[1]}://`) || !scheme[1]!.includes('.'));
  const url = hasScheme ? normalizeUrl(v) : normalizeUrl(`http://${v}`);
  return url !== null && isWebUrl(url) ? url : null;
}

/** A site name (`example.com`, `www.example.co.uk`, optionally with a scheme or a trailing slash). */
export function cellSite(value: string): string | null {
  const v = value
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/$/, '')
    .toLowerCase();
  if (!/^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u.test(v) || !/\p{L}/u.test(v)) return null;
  const url = normalizeUrl(`http://${v}/`);
  return url === null ? null : new URL(url).hostname;
}

/** Epoch ms of a date cell; null when empty; NaN when present but unreadable. */
export function cellDate(value: string, dayFirst = false): number | null {
  const v = value.trim().replace(/\s+UTC$/i, '');
  if (v === '' || v === '-' || v.toLowerCase() === 'n/a') return null;
  let m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(
      v,
    );
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = m;
    const utc = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s);
    return zone && zone !== 'Z' ? utc - zoneMinutes(zone) * 60_000 : utc;
  }
  m = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(v);
  if (m) return monthDate(+m[3]!, m[1]!, +m[2]!);
  m = /^(\d{1,2}) ([A-Za-z]{3,9})\.?,? (\d{4})$/.exec(v);
  if (m) return monthDate(+m[3]!, m[2]!, +m[1]!);
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(v);
  if (m) {
    const a = +m[1]!;
    const b = +m[2]!;
    const day = a > 12 || (b <= 12 && dayFirst) ? a : b;
    const month = day === a ? b : a;
    return valid(+m[3]!, month, day);
  }
  return Number.NaN;
}

function monthDate(year: number, name: string, day: number): number {
  const month = MONTHS[name.toLowerCase().slice(0, 3)];
  return month === undefined ? Number.NaN : valid(year, month, day);
}

function valid(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1 || day > 31) return Number.NaN;
  return Date.UTC(year, month - 1, day);
}

function zoneMinutes(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

const TRUE = new Set(['true', 'yes', 'y', '1', '+', 't', 'x', 'nofollow']);

/** A yes/no cell: `true`, `yes`, `1`, `+`, `x`... are true; empty and anything else false. */
export function cellFlag(value: string | undefined): boolean {
  return value !== undefined && TRUE.has(value.trim().toLowerCase());
}

/** An integer cell (`1,240`, `1 240`, `1.240` as thousands); null when not a count. */
export function cellCount(value: string): number | null {
  const v = value.trim().replace(/[\s,.\u00a0']/g, '');
  return /^\d+$/.test(v) ? Number(v) : null;
}
