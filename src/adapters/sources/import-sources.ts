/**
 * Which import source reads each input of `linkledger import`, decided from the bytes:
 *   WARC / WAT                 -> page-import-source (resumable by record offset)
 *   HTML file or folder        -> page-import-source (resumable by file)
 *   `*vertices*` + `*edges*`   -> a Common Crawl web graph (both files among the inputs; crawl id from
 *                                 --crawl-id or the file name)
 *   anything else              -> a CSV/TSV export, detected by its header (imports/csv-import.ts), which
 *                                 refuses unknown headers with the list of expected columns
 */
import { statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BadInputError, UsageError } from '../../core/errors.ts';
import type { ImportSource, ImportSourceOptions } from '../../core/ledger/import-source.ts';
import { isSourceTag } from '../../core/ledger/source-tag.ts';
import { csvImportSource } from '../imports/csv-import.ts';
import { webGraphImportSource } from '../imports/webgraph.ts';
import { detectInput } from './detect-format.ts';
import { htmlImportSource, warcImportSource } from './page-import-source.ts';

const CRAWL_ID = /CC-MAIN-\d{4}-\d{2}/;

export async function openImportSources(
  inputs: readonly string[],
  options: ImportSourceOptions,
): Promise<ImportSource[]> {
  if (options.source && !isSourceTag(options.source)) {
    throw new UsageError(
      `--source must look like "crawl", "gsc" or "commoncrawl:CC-MAIN-2024-10", got ${options.source}`,
    );
  }
  const pageOptions = { now: options.now, source: options.source ?? null, baseUrl: options.baseUrl ?? null };
  const sources: ImportSource[] = [];
  const used = new Set<string>();
  for (const input of inputs) {
    if (used.has(input)) continue;
    const graph = webGraphPair(input, inputs);
    if (graph) {
      used.add(graph.vertices).add(graph.edges);
      const crawlId = options.crawlId ?? CRAWL_ID.exec(graph.vertices)?.[0] ?? null;
      if (crawlId === null)
        throw new UsageError(`${graph.vertices}: pass --crawl-id CC-MAIN-YYYY-WW for this web graph`);
      sources.push(
        await webGraphImportSource({
          vertices: graph.vertices,
          edges: graph.edges,
          crawlId,
          // The crawl's date, not the import's: the same on every run and on a resumed one. A crawl id
          // without a date (a graph of one's own) takes the vertices file's: stable in the same way.
          capturedAt: crawlIdDate(crawlId) ?? Math.floor(statSync(graph.vertices).mtimeMs),
          ...(options.target ? { targets: [options.target] } : {}),
        }),
      );
      continue;
    }
    let detected: Awaited<ReturnType<typeof detectInput>> | null = null;
    try {
      detected = await detectInput(input);
    } catch (error) {
      if (!(error instanceof BadInputError)) throw error;
    }
    if (detected?.format === 'warc') sources.push(await warcImportSource(detected, pageOptions));
    else if (detected) sources.push(await htmlImportSource(detected, pageOptions));
    else {
      sources.push(
        await csvImportSource(input, {
          now: options.now,
          ...(options.format ? { format: options.format } : {}),
          ...(options.source ? { source: options.source } : {}),
          ...(options.target ? { target: options.target } : {}),
        }),
      );
    }
  }
  return sources;
}

/** A vertices file and its edges file, both named on the command line. */
function webGraphPair(input: string, inputs: readonly string[]): { vertices: string; edges: string } | null {
  const name = basename(input);
  const partnerOf = (from: string, to: string) => join(dirname(input), name.replace(from, to));
  if (name.includes('vertices')) {
    const edges = partnerOf('vertices', 'edges');
    return inputs.includes(edges) ? { vertices: input, edges } : null;
  }
  if (name.includes('edges')) {
    const vertices = partnerOf('edges', 'vertices');
    return inputs.includes(vertices) ? { vertices, edges: input } : null;
  }
  return null;
}

/**
 * When a Common Crawl crawl took place, from its id: `CC-MAIN-2024-10` is ISO week 10 of 2024, whose
 * Monday (UTC) is returned; null for an id of another shape.
 */
export function crawlIdDate(crawlId: string): number | null {
  const m = /^CC-MAIN-(\d{4})-(\d{2})$/.exec(crawlId.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > 53) return null;
  // ISO week 1 holds 4 January; its Monday is 4 January minus (weekday - 1), with Sunday as 7.
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = new Date(jan4).getUTCDay() || 7;
  return jan4 - (weekday - 1) * 86_400_000 + (week - 1) * 7 * 86_400_000;
}
