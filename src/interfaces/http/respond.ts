/**
 * Rendering of API responses: JSON by default, CSV when `format=csv` or the client accepts `text/csv`
 * (the CLI's CSV columns, src/interfaces/cli/output, so both exports agree). A page of a listing says
 * where the next one starts, in the body (`page.nextOffset`) and in a `Link: <...>; rel="next"` header.
 */
import type { Context } from 'hono';

export type Format = 'json' | 'csv';

/** The format asked for: the `format` parameter wins over the Accept header. */
export function formatOf(c: Context, asked: Format | undefined): Format {
  if (asked !== undefined) return asked;
  return acceptsCsv(c.req.header('accept')) ? 'csv' : 'json';
}

/** An Accept header that asks for CSV rather than JSON. */
export function acceptsCsv(accept: string | undefined): boolean {
  return /\btext\/csv\b/i.test(accept ?? '') && !/\bapplication\/json\b/i.test(accept ?? '');
}

export interface Paging {
  limit: number;
  offset: number;
}

export function pageInfo(rows: number, paging: Paging) {
  return {
    limit: paging.limit,
    offset: paging.offset,
    count: rows,
    nextOffset: rows === paging.limit ? paging.offset + paging.limit : null,
  };
}

/** The request's URL with `offset` set to the next page's, for the Link header. */
function nextLink(c: Context, nextOffset: number): string {
  const url = new URL(c.req.url);
  url.searchParams.set('offset', String(nextOffset));
  return `<${url.pathname}${url.search}>; rel="next"`;
}

export function csvResponse(c: Context, name: string, chunks: Iterable<string>): Response {
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header('content-disposition', `attachment; filename="${name}.csv"`);
  return c.body([...chunks].join(''), 200);
}

/**
 * A CSV download written while it is produced: `produce` calls `write` for each chunk and waits when the
 * client reads slower than we write (back-pressure), so a million-row export holds a few chunks in memory.
 * A client that goes away makes `write` throw, which stops `produce`. Headers are sent before the first
 * row, so an error midway can only cut the download short (and is logged).
 */
export function csvStream(
  c: Context,
  name: string,
  produce: (write: (chunk: string) => Promise<void>) => Promise<void>,
  log: (message: string) => void,
): Response {
  const encoder = new TextEncoder();
  let wake: (() => void) | null = null;
  let gone = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const write = async (chunk: string) => {
          if (gone) throw new Error('the client closed the download');
          controller.enqueue(encoder.encode(chunk));
          if ((controller.desiredSize ?? 1) <= 0)
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
          if (gone) throw new Error('the client closed the download');
        };
        produce(write).then(
          () => controller.close(),
          (error: unknown) => {
            if (!gone) {
              log(
                `export ${name} stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
              );
              controller.error(error);
            }
          },
        );
      },
      pull() {
        wake?.();
        wake = null;
      },
      cancel() {
        gone = true;
        wake?.();
        wake = null;
      },
    },
    { highWaterMark: 8 },
  );
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header('content-disposition', `attachment; filename="${name}.csv"`);
  return c.body(stream, 200);
}

/**
 * A page of a listing: `{data, ...extra, page}` as JSON, or the CSV rows. Both carry the Link header
 * when the page is full.
 */
export function listingResponse<Row>(
  c: Context,
  out: {
    name: string;
    format: Format;
    rows: readonly Row[];
    paging: Paging;
    csv: () => Iterable<string>;
    extra?: Record<string, unknown>;
  },
): Response {
  const page = pageInfo(out.rows.length, out.paging);
  if (page.nextOffset !== null) c.header('link', nextLink(c, page.nextOffset));
  if (out.format === 'csv') return csvResponse(c, out.name, out.csv());
  return c.json({ data: out.rows, ...out.extra, page }, 200);
}
