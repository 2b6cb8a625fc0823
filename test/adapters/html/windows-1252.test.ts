/**
 * windows-1252 as the WHATWG Encoding Standard defines it, whatever the runtime's TextDecoder does (Node
 * 20.18.3+ turns 0x80-0x9F into C1 controls: nodejs/node#56542). Expected characters are the standard's
 * index-windows-1252 entries, written out.
 */
import { describe, expect, it } from 'vitest';
import { createDecoder, extractLinksFromBytes } from '../../../src/adapters/html/index.ts';
import { decodeWindows1252 } from '../../../src/adapters/html/windows-1252.ts';

const INDEX_0X80 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

describe('windows-1252', () => {
  it('maps 0x80-0x9F by the WHATWG index and every other byte to the same code point', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = decodeWindows1252(bytes);
    expect(text.length).toBe(256);
    expect(text.slice(0x80, 0xa0)).toBe(INDEX_0X80);
    for (let b = 0; b < 256; b++) if (b < 0x80 || b >= 0xa0) expect(text.charCodeAt(b)).toBe(b);
  });

  it('is what createDecoder gives for windows-1252, chunk by chunk', () => {
    const decoder = createDecoder('windows-1252');
    const parts = [Uint8Array.of(0x93, 0x41), Uint8Array.of(0x94, 0x20, 0x80, 0x35, 0xe9)];
    const text = parts.map((p) => decoder.decode(p, { stream: true })).join('') + decoder.decode();
    expect(text).toBe('“A” €5é');
  });

  it('gives a windows-1252 page its real anchor text', async () => {
    const html = Uint8Array.from([
      ...new TextEncoder().encode('<meta charset="windows-1252"><a href="/x">'),
      0x93,
      0x53,
      0x6d,
      0x61,
      0x72,
      0x74,
      0x94,
      0x20,
      0x96,
      0x20,
      0x80,
      0x35,
      ...new TextEncoder().encode('</a>'),
    ]);
    const page = await extractLinksFromBytes(html, { pageUrl: 'http://example.com/' });
    expect(page.page.charset).toBe('windows-1252');
    expect(page.links[0]!.anchor).toBe('“Smart” – €5');
  });
});
