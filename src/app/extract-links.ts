/**
 * Use case: every link of every page of the given inputs. Inputs are read one after the other; an input
 * that cannot be read at all is reported and the others are still read (nothing good is lost because of
 * one bad file).
 */
import { LinkledgerError } from '../core/errors.ts';
import type { PageReader, ReadOptions } from '../core/extract/page-reader.ts';
import { type ExtractStats, emptyStats } from '../core/extract/stats.ts';
import type { PageLinks } from '../core/link/page.ts';

export interface ExtractResult {
  stats: ExtractStats;
  /** Inputs that could not be read at all, with the reason. */
  failures: LinkledgerError[];
}

export async function extractLinks(
  inputs: readonly string[],
  reader: PageReader,
  options: ReadOptions,
  onPage: (page: PageLinks) => Promise<void> | void,
): Promise<ExtractResult> {
  const stats = emptyStats();
  const failures: LinkledgerError[] = [];
  for (const input of inputs) {
    stats.files += 1;
    try {
      for await (const page of reader.read(input, options, stats)) {
        stats.pages += 1;
        stats.links += page.links.length;
        for (const link of page.links) if (link.target === null) stats.unresolvedLinks += 1;
        await onPage(page);
      }
    } catch (error) {
      if (!(error instanceof LinkledgerError) || error.code === 'INTERNAL') throw error;
      failures.push(error);
    }
  }
  return { stats, failures };
}
