/**
 * The port through which the application reads pages and their links from an input (a WARC, WAT or HTML
 * file, a folder of HTML files). Adapters implement it; the core and the use cases only know this shape.
 */
import type { PageLinks } from '../link/page.ts';
import type { ExtractStats } from './stats.ts';

export interface ReadOptions {
  /** For loose HTML files: the URL of the page (one file) or the base the file paths are resolved against. */
  baseUrl?: string | null;
}

export interface PageReader {
  /**
   * Streams the pages of one input. Skipped records and damage are counted into `stats`; only an input
   * that cannot be read at all throws (a BadInputError naming the file and byte offset).
   */
  read(input: string, options: ReadOptions, stats: ExtractStats): AsyncIterable<PageLinks>;
}
