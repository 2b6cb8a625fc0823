/**
 * Member offsets in a gzip WARC of many tiny members of one size (a crawl of small pages, or redirects):
 * the compressed reads run thousands of members ahead of the parser, and every record must still get its
 * own member's offset, the resume point of a killed import. A wrong one lost records on resume.
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readWarc } from '../../../src/adapters/warc/index.ts';
import { warcRecordBytes } from '../../support/warc-writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkledger-members-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gzip member offsets', () => {
  it('gives each of 20,000 tiny members of one size its own offset, far behind the compressed reads', async () => {
    const members = Array.from({ length: 20_000 }, (_, i) =>
      gzipSync(
        warcRecordBytes(
          {
            type: 'resource',
            targetUri: `https://s.example/${String(i).padStart(6, '0')}`,
            contentType: 'text/plain',
            block: 'x',
          },
          i,
        ),
      ),
    );
    const starts: number[] = [];
    let at = 0;
    for (const m of members) {
      starts.push(at);
      at += m.length;
    }
    const path = join(dir, 'many.warc.gz');
    writeFileSync(path, Buffer.concat(members));
    const offsets: (number | string)[] = [];
    for await (const event of readWarc(createReadStream(path, { highWaterMark: 1 << 20 }), { file: path })) {
      if (event.kind === 'record')
        offsets.push(event.offsetKind === 'member' ? event.offset : event.offsetKind);
    }
    expect(offsets).toEqual(starts);
  });
});
