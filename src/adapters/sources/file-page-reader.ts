/** The `PageReader` over local files: WARC / WAT files, HTML files and folders of HTML files. */
import type { PageReader, ReadOptions } from '../../core/extract/page-reader.ts';
import type { ExtractStats } from '../../core/extract/stats.ts';
import type { PageLinks } from '../../core/link/page.ts';
import { resolveUrl } from '../../core/url/normalize.ts';
import { detectInput } from './detect-format.ts';
import { htmlFilePage, htmlFolderPages } from './html-files.ts';
import { warcPages } from './warc-pages.ts';

export class FilePageReader implements PageReader {
  async *read(input: string, options: ReadOptions, stats: ExtractStats): AsyncGenerator<PageLinks> {
    const detected = await detectInput(input);
    const baseUrl = options.baseUrl ? resolveUrl(options.baseUrl) : null;
    switch (detected.format) {
      case 'warc':
        yield* warcPages(input, stats);
        return;
      case 'html':
        yield await htmlFilePage(input, baseUrl, stats);
        return;
      case 'html-dir':
        yield* htmlFolderPages(input, baseUrl, stats);
        return;
    }
  }
}
