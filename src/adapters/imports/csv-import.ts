/**
 * A CSV export as an import source: detects encoding, delimiter and format (by header, with a value-based
 * fallback for Search Console tables in unknown languages), then streams rows as ledger observations with a
 * checkpoint after each. Unknown headers are a BadInputError that lists the columns every known format
 * expects; a row that cannot be read is a `bad-row` with its line number and the rows around it are kept.
 */
import { BadInputError, UsageError } from '../../core/errors.ts';
import type { Checkpoint } from '../../core/ledger/import-run.ts';
import type { ImportSource, IngestItem } from '../../core/ledger/import-source.ts';
import type { SourceTag } from '../../core/ledger/model.ts';
import { isSourceTag } from '../../core/ledger/source-tag.ts';
import { normalizeUrl } from '../../core/url/normalize.ts';
import { type CsvFormat, type FormatMatch, matchFormat, type RowContext, rowView } from './csv-format.ts';
import { csvRecords, type Encoding, encodingOf, isGzipFile, utf8Bytes } from './csv-reader.ts';
import { headerKey } from './csv-values.ts';
import { fileIdentity, readHead } from './file-identity.ts';
import { GSC_FORMATS, sniffGsc } from './gsc-formats.ts';
import { GENERIC, VENDOR_FORMATS } from './vendor-formats.ts';

/** Every CSV format, in detection order (ties go to the earlier one). */
export const CSV_FORMATS: readonly CsvFormat[] = [...GSC_FORMATS, ...VENDOR_FORMATS, GENERIC];

export interface CsvImportOptions {
  /** Import time, epoch ms: the "seen" date of rows without one. */
  now: number;
  /** Force a format (`ahrefs-backlinks`, `generic`...); detected from the header otherwise. */
  format?: string;
  /** Record the links under this source instead of the format's (`gsc`, `ahrefs`...). */
  source?: SourceTag;
  /** The site of a Search Console export (its rows name no target). */
  target?: string | null;
  /** Read ambiguous dates like 03/04/2024 day first. */
  dayFirst?: boolean;
  delimiter?: string;
  chunkSize?: number;
}

const HEADER_SEARCH_RECORDS = 12;

export interface DetectedCsv {
  encoding: Encoding;
  delimiter: string;
  match: FormatMatch;
  /** Where the data rows start. */
  data: Checkpoint;
  /** Fields of the header row: a row with more (not empty) is misaligned. */
  columns: number;
}

export function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';', '|']) {
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count += 1;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

export async function detectCsv(
  path: string,
  options: Pick<CsvImportOptions, 'format' | 'delimiter'> = {},
): Promise<DetectedCsv> {
  const head = await readHead(path);
  const encoding = isGzipFile(path) ? 'utf8' : encodingOf(head);
  let text = '';
  for await (const chunk of utf8Bytes(path, encoding)) {
    text += Buffer.from(chunk).toString('utf8');
    if (text.length > 16_384) break;
  }
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const formats = options.format ? CSV_FORMATS.filter((f) => f.id === options.format) : CSV_FORMATS;
  if (formats.length === 0) {
    throw new UsageError(
      `unknown CSV format "${options.format}"; known: ${CSV_FORMATS.map((f) => f.id).join(', ')}`,
    );
  }
  const records: { fields: string[]; end: Checkpoint }[] = [];
  for await (const r of csvRecords(utf8Bytes(path, encoding), { delimiter })) {
    if (r.kind === 'record') records.push({ fields: r.fields, end: { offset: r.end, line: r.nextLine } });
    if (records.length >= HEADER_SEARCH_RECORDS) break;
  }
  for (const [i, record] of records.entries()) {
    const keys = record.fields.map(headerKey);
    let best: FormatMatch | null = null;
    for (const f of formats) {
      const m = matchFormat(f, keys);
      if (m && (best === null || m.roles.size > best.roles.size)) best = m;
    }
    if (best) {
      refuseRepeatedColumns(path, record.fields, keys, best);
      return { encoding, delimiter, match: best, data: record.end, columns: record.fields.length };
    }
    if (i === 0) {
      const sniffed = sniffGsc(record.fields, records[1]?.fields);
      if (sniffed && formats.includes(sniffed)) {
        const roles = new Map(Object.keys(sniffed.columns).map((role, index) => [role, index]));
        return {
          encoding,
          delimiter,
          match: { format: sniffed, roles },
          data: record.end,
          columns: record.fields.length,
        };
      }
    }
  }
  const seen = records[0]?.fields.map((f) => `"${f}"`).join(', ') ?? '(empty file)';
  const expected = formats.map((f) => `  ${f.id} (${f.label}): ${f.expected}`).join('\n');
  throw new BadInputError(
    `unrecognised CSV header ${seen}. Export one of these (or pass --format):\n${expected}`,
    {
      file: path,
    },
  );
}

/** A column the format reads that the header names twice: which one holds the value is a guess. */
function refuseRepeatedColumns(
  path: string,
  header: readonly string[],
  keys: readonly string[],
  m: FormatMatch,
) {
  for (const index of m.roles.values()) {
    const again = keys.indexOf(keys[index]!, index + 1);
    const before = keys.indexOf(keys[index]!);
    if (again !== -1 || before !== index) {
      const [a, b] = again !== -1 ? [index, again] : [before, index];
      throw new BadInputError(
        `the header names "${header[index]}" twice (columns ${a + 1} and ${b + 1}): rename or remove one, so that it is clear which holds the value`,
        { file: path },
      );
    }
  }
}

/** The site URL of a target-less export: `example.com` reads as `https://example.com/`. */
export function siteTarget(target: string): string {
  const url = normalizeUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? target : `https://${target}`);
  if (url === null) throw new UsageError(`--target is not a URL: ${target}`);
  return url;
}

export async function csvImportSource(path: string, options: CsvImportOptions): Promise<ImportSource> {
  const identity = await fileIdentity(path);
  const detected = await detectCsv(path, options);
  const { format, roles } = detected.match;
  const source = options.source ?? format.source;
  if (!isSourceTag(source)) throw new UsageError(`not a source tag: "${source}"`);
  const target = options.target ? siteTarget(options.target) : null;
  if (format.needsTarget && target === null) {
    throw new UsageError(
      `${format.label} exports do not say which site they are about: pass --target https://your-site/`,
    );
  }
  const ctx: RowContext = { source, now: options.now, target, dayFirst: options.dayFirst ?? false };
  return {
    identity,
    format: format.id,
    source,
    totalBytes: identity.size,
    async *read(from: Checkpoint): AsyncIterable<IngestItem> {
      const start = from.offset < detected.data.offset ? detected.data : from;
      const records = csvRecords(utf8Bytes(path, detected.encoding, options.chunkSize), {
        delimiter: detected.delimiter,
        offset: start.offset,
        line: start.line,
        ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize }),
      });
      for await (const r of records) {
        const end = { offset: r.end, line: r.nextLine };
        if (r.kind === 'bad') {
          yield { kind: 'bad-row', line: r.line, reason: r.reason, end };
          continue;
        }
        if (
          r.fields.length > detected.columns &&
          r.fields.slice(detected.columns).some((f) => f.trim() !== '')
        ) {
          // Fields would land in the wrong columns (an anchor "hello, world" without quotes makes its
          // second half the target): refuse the row rather than guess.
          yield {
            kind: 'bad-row',
            line: r.line,
            reason: `${r.fields.length} fields where the header has ${detected.columns} (a value with an unquoted ${JSON.stringify(detected.delimiter)}?)`,
            end,
          };
          continue;
        }
        const result = format.map(rowView(r.fields, roles), ctx);
        if (result.kind === 'observation')
          yield { kind: 'observation', observation: result.observation, end };
        else if (result.kind === 'skip') yield { kind: 'skip', reason: result.reason, end };
        else yield { kind: 'bad-row', line: r.line, reason: result.reason, end };
      }
    },
  };
}
