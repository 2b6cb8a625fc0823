/**
 * How `link_rows` stores a target URL: without its `scheme://host` start, which `target_host` already holds.
 * `target_scheme` says what was cut (TARGET_SCHEMES) and `target_rest` keeps the rest: port, path, query
 * (`https://example.com/a?b` -> 2, `/a?b`). A URL that does not start with `http(s)://` and its own host
 * (user info, or a host stored otherwise) keeps every character in `target_rest`, under scheme 0.
 *
 * Why: the URL was the costliest column to write. About 40% of its bytes repeated the host, and DuckDB
 * compresses every string it stores at commit, which was most of the commit (bench/results/ledger.md,
 * sessions 9 and 10). The `links` view rebuilds the URL (targetUrlSql), so reports read it as before.
 */

/** `target_scheme` codes: the position of what was cut, 0 for nothing. Never reorder: it is stored. */
export const TARGET_SCHEMES = ['', 'http://', 'https://'] as const;

/** The `target_scheme` code of `url` when its host is `host`. */
export function targetSchemeOf(url: string, host: string): number {
  if (url.startsWith('https://') && url.startsWith(host, 8)) return 2;
  if (url.startsWith('http://') && url.startsWith(host, 7)) return 1;
  return 0;
}

/** The `target_rest` of `url` under scheme code `scheme` (targetSchemeOf) and host `host`. */
export function targetRestOf(url: string, host: string, scheme: number): string {
  return scheme === 0 ? url : url.slice(TARGET_SCHEMES[scheme]!.length + host.length);
}

/** SQL: the target URL of a `link_rows` row under alias `r`, rebuilt from its three columns. */
export function targetUrlSql(r: string): string {
  const cut = TARGET_SCHEMES.slice(1).map((scheme) => `'${scheme}'`);
  return `CASE ${r}.target_scheme WHEN 0 THEN ${r}.target_rest
    ELSE [${cut.join(', ')}][${r}.target_scheme] || ${r}.target_host || ${r}.target_rest END`;
}

/**
 * SQL: the scheme code and rest of the URL in column `url` whose host is in column `host` (for rows
 * written before URLs were stored this way; the same rule as targetSchemeOf, longest scheme first).
 * Lengths are in characters, as DuckDB's substr counts them.
 */
export function splitTargetSql(url: string, host: string): { scheme: string; rest: string } {
  const codes = [2, 1] as const;
  const starts = (code: number) => `starts_with(${url}, '${TARGET_SCHEMES[code]}' || ${host})`;
  const cases = (value: (code: number) => string | number) =>
    codes.map((code) => `WHEN ${starts(code)} THEN ${value(code)}`).join(' ');
  return {
    scheme: `CASE ${cases((code) => code)} ELSE 0 END`,
    rest: `CASE ${cases((code) => `substr(${url}, length(${host}) + ${TARGET_SCHEMES[code]!.length + 1})`)} ELSE ${url} END`,
  };
}
