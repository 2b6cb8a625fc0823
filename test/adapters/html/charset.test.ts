/** WHATWG encoding sniffing and decoding (charset.ts, extract-bytes.ts). */
import { describe, expect, it } from 'vitest';
import {
  charsetParameter,
  encodingForLabel,
  extractLinksFromBytes,
  sniffCharset,
} from '../../../src/adapters/html/index.ts';

const ascii = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...ascii(p)] : p)));

describe('sniffCharset', () => {
  it('a BOM wins over everything', () => {
    expect(
      sniffCharset(bytes([0xef, 0xbb, 0xbf], '<meta charset="koi8-r">'), 'text/html; charset=shift_jis'),
    ).toEqual({
      encoding: 'utf-8',
      source: 'bom',
    });
    expect(sniffCharset(bytes([0xfe, 0xff]), 'text/html;charset=utf-8').encoding).toBe('utf-16be');
    expect(sniffCharset(bytes([0xff, 0xfe])).encoding).toBe('utf-16le');
  });

  it('then the HTTP charset (labels normalised the WHATWG way)', () => {
    expect(sniffCharset(ascii('<meta charset="utf-8">'), 'text/html; Charset="Latin1"')).toEqual({
      encoding: 'windows-1252',
      source: 'http',
    });
    expect(sniffCharset(ascii(''), 'text/html;charset=SJIS').encoding).toBe('shift_jis');
    expect(sniffCharset(ascii(''), 'text/html; charset=gb2312').encoding).toBe('gbk');
  });

  it('then <meta charset> or http-equiv content-type in the first 1024 bytes', () => {
    expect(sniffCharset(ascii('<!doctype html><META CharSet=" KOI8-R ">'))).toEqual({
      encoding: 'koi8-r',
      source: 'meta',
    });
    expect(
      sniffCharset(ascii('<meta content="text/html; charset=windows-1251" http-equiv="Content-Type">')),
    ).toEqual({ encoding: 'windows-1251', source: 'meta' });
    // content without the pragma does not count; a comment is skipped; attributes of other tags too.
    expect(sniffCharset(ascii('<meta content="text/html; charset=koi8-r">')).source).toBe('default');
    expect(sniffCharset(ascii('<!-- <meta charset="koi8-r"> -->')).source).toBe('default');
    expect(sniffCharset(ascii('<div title="<meta charset=koi8-r>"></div>')).source).toBe('default');
    // UTF-16 declared in a meta means UTF-8; x-user-defined means windows-1252.
    expect(sniffCharset(ascii('<meta charset="utf-16le">')).encoding).toBe('utf-8');
    expect(sniffCharset(ascii('<meta charset="x-user-defined">')).encoding).toBe('windows-1252');
    // Beyond 1024 bytes is not looked at.
    expect(sniffCharset(ascii(`${' '.repeat(1024)}<meta charset="koi8-r">`)).source).toBe('default');
  });

  it('else UTF-8 when the bytes are valid UTF-8, windows-1252 when not', () => {
    expect(sniffCharset(ascii('<p>plain ascii</p>'))).toEqual({ encoding: 'utf-8', source: 'default' });
    expect(sniffCharset(bytes('<p>caf', [0xc3, 0xa9], '</p>')).encoding).toBe('utf-8');
    expect(sniffCharset(bytes('<p>caf', [0xe9], '</p>')).encoding).toBe('windows-1252');
    // A sequence cut at the end of a prefix is not evidence against UTF-8, unless the bytes are complete.
    expect(sniffCharset(bytes('<p>caf', [0xc3])).encoding).toBe('utf-8');
    expect(sniffCharset(bytes('<p>caf', [0xc3]), undefined, { complete: true }).encoding).toBe(
      'windows-1252',
    );
  });

  it('an unknown label falls through to the next step and is reported', () => {
    expect(sniffCharset(ascii('<meta charset="koi8-r">'), 'text/html; charset=klingon')).toEqual({
      encoding: 'koi8-r',
      source: 'meta',
      unknownLabel: 'klingon',
    });
    expect(sniffCharset(ascii('<meta charset="nope"><meta charset="iso-8859-2">'))).toEqual({
      encoding: 'iso-8859-2',
      source: 'meta',
      unknownLabel: 'nope',
    });
    expect(sniffCharset(ascii('<meta charset="iso-8859-16">'))).toEqual({
      encoding: 'utf-8',
      source: 'fallback',
      unknownLabel: 'iso-8859-16', // a WHATWG encoding Node 20 cannot decode
    });
  });

  it('knows the labels this runtime can decode', () => {
    expect(encodingForLabel(' UTF8 ')).toBe('utf-8');
    expect(encodingForLabel('ascii')).toBe('windows-1252');
    expect(encodingForLabel('x-sjis')).toBe('shift_jis');
    expect(encodingForLabel('iso-2022-kr')).toBe('replacement');
    expect(encodingForLabel('x-user-defined')).toBe('x-user-defined');
    expect(encodingForLabel('klingon')).toBeNull();
    expect(charsetParameter('text/html; foo=bar; charset="utf-8"')).toBe('utf-8');
    expect(charsetParameter('text/html')).toBeNull();
  });
});

describe('extractLinksFromBytes decodes legacy encodings', () => {
  it('windows-1251 from a meta', async () => {
    const html = bytes(
      '<meta charset="windows-1251"><a href="/r">',
      [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2],
      '</a>',
    );
    const { page, links } = await extractLinksFromBytes(html, { pageUrl: 'http://example.ru/' });
    expect([page.charset, page.charsetSource, links[0]?.anchor]).toEqual(['windows-1251', 'meta', 'Привет']);
  });

  it('shift_jis from the HTTP header, in an attribute too', async () => {
    // 日本 = 93 FA 96 7B in Shift_JIS.
    const html = bytes('<a href="/jp?q=', [0x93, 0xfa, 0x96, 0x7b], '">', [0x93, 0xfa, 0x96, 0x7b], '</a>');
    const { page, links } = await extractLinksFromBytes(html, {
      pageUrl: 'http://example.jp/',
      contentType: 'text/html; charset=Shift_JIS',
    });
    expect([page.charset, page.charsetSource]).toEqual(['shift_jis', 'http']);
    expect(links[0]).toMatchObject({
      rawUrl: '/jp?q=日本',
      anchor: '日本',
      target: 'http://example.jp/jp?q=%E6%97%A5%E6%9C%AC',
    });
  });

  it('windows-1252 when undeclared bytes are not UTF-8, after a long ASCII start', async () => {
    const html = bytes(`<p>${'x'.repeat(5000)}</p><a href="/c">Caf`, [0xe9], '</a>');
    const { page, links } = await extractLinksFromBytes(html, { pageUrl: 'http://example.fr/' });
    expect([page.charset, page.charsetSource, links[0]?.anchor]).toEqual(['windows-1252', 'default', 'Café']);
  });

  it('an unknown label: decoded with the default, source fallback, label reported', async () => {
    const { page } = await extractLinksFromBytes(ascii('<a href="/x">x</a>'), {
      pageUrl: 'http://example.com/',
      contentType: 'text/html; charset=klingon',
    });
    expect(page).toMatchObject({
      charset: 'utf-8',
      charsetSource: 'fallback',
      unknownCharsetLabel: 'klingon',
    });
  });

  it('UTF-16LE with a BOM', async () => {
    const text = '<a href="/u">ünï</a>';
    const html = new Uint8Array(2 + text.length * 2);
    html.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) html[2 + 2 * i] = text.charCodeAt(i);
    const { page, links } = await extractLinksFromBytes(html, { pageUrl: 'http://example.com/' });
    expect([page.charset, page.charsetSource, links[0]?.anchor]).toEqual(['utf-16le', 'bom', 'ünï']);
  });

  it('a replacement encoding yields no links (the standard decodes it to one U+FFFD)', async () => {
    const { page, links } = await extractLinksFromBytes(ascii('<a href="/x">x</a>'), {
      pageUrl: 'http://example.com/',
      contentType: 'text/html; charset=iso-2022-kr',
    });
    expect([page.charset, links]).toEqual(['replacement', []]);
  });

  it('x-user-defined from HTTP maps high bytes to U+F780..U+F7FF', async () => {
    const { links } = await extractLinksFromBytes(bytes('<a href="/x">', [0x41, 0x80, 0xff], '</a>'), {
      pageUrl: 'http://example.com/',
      contentType: 'text/html; charset=x-user-defined',
    });
    expect(links[0]?.anchor).toBe('A\uf780\uf7ff');
  });
});
