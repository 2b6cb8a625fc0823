/**
 * The extractor against a naive oracle on the 258 real pages: the same link rules written the obvious
 * way on htmlparser2's Parser (attribute objects, decoded text events, its own element stack). The
 * oracle shares the element tables (tags.ts) and the value helpers, not the machinery under test: the
 * tokenizer callbacks, name lookups from the buffer, our element stack, our (deferred) entity decoding.
 * It checks every link's path, raw URL and anchor text, in order.
 *
 * One known, deliberate difference: htmlparser2's Parser drops a `<form>` nested in an open form (as
 * browsers do), so the oracle never sees its action; we keep its `FORM@/action` link, as Common Crawl's
 * extractor does. Those rows are the only ones allowed to be ours alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHTMLAttribute } from 'entities/decode';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { createHtmlLinkExtractor, cssUrls } from '../../../src/adapters/html/index.ts';
import { makeTagInfo, Special, TagFlag } from '../../../src/adapters/html/tags.ts';
import { cleanText, MAX_ANCHOR } from '../../../src/adapters/html/text.ts';
import { onclickUrl, srcsetUrls, trimDataUrl } from '../../../src/adapters/html/url-values.ts';
import { metaRefreshUrl } from '../../../src/core/link/meta-refresh.ts';
import { HTML_CORPUS_DIR } from '../../support/paths.ts';

type Row = [path: string, rawUrl: string, anchor: string];

const blank = (v: string | undefined) => v === undefined || v.trim() === '' || !/[^\x00-\x20]/.test(v);

function oracle(html: string): Row[] {
  const rows: Row[] = [];
  let depth = 0;
  let anchor: { row: Row; depth: number; text: string; alt: string | null } | null = null;
  let rawDepth = 0; // inside script/style
  let style: { depth: number; text: string } | null = null;
  const add = (path: string, raw: string, text = ''): Row => {
    const row: Row = [path, trimDataUrl(raw), text];
    rows.push(row);
    return row;
  };
  const endAnchor = () => {
    if (!anchor) return;
    let text = cleanText(anchor.text, MAX_ANCHOR);
    if (text === '' && anchor.alt !== null) text = cleanText(anchor.alt, MAX_ANCHOR);
    anchor.row[2] = text;
    anchor = null;
  };
  const parser = new Parser({
    onopentag(name, a) {
      const info = makeTagInfo(name);
      const isVoid = (info.flags & TagFlag.Void) !== 0;
      if (!isVoid) depth++;
      if (anchor && info.flags & TagFlag.Spacing) anchor.text += ' ';
      if (info.flags & TagFlag.RawText) rawDepth++;
      const cleanAlt = a.alt ? cleanText(a.alt, MAX_ANCHOR) : '';
      switch (info.special) {
        case Special.Anchor:
          if (a.href !== undefined) {
            endAnchor();
            anchor = { row: add('A@/href', a.href), depth, text: '', alt: null };
          }
          break;
        case Special.Img:
          if (!blank(a.src)) add('IMG@/src', a.src!, cleanAlt);
          if (anchor && anchor.alt === null && !blank(a.alt)) anchor.alt = a.alt!;
          break;
        case Special.Area:
          if (a.href !== undefined) add('AREA@/href', a.href, cleanAlt);
          break;
        case Special.Link:
          if (!blank(a.href)) add('LINK@/href', a.href!);
          break;
        case Special.Form:
          if (a.action !== undefined) add('FORM@/action', a.action);
          break;
        case Special.Meta: {
          const refresh =
            a.content !== undefined && a['http-equiv']?.trim().toLowerCase() === 'refresh'
              ? metaRefreshUrl(a.content)
              : null;
          if (refresh !== null) add('META@/content', refresh);
          break;
        }
        case Special.Base:
          if (!blank(a.href)) add('BASE@/href', a.href!);
          break;
        case Special.Style:
          style = { depth, text: '' };
          break;
      }
      for (const u of info.urlAttrs) {
        const value = a[u.path.slice(u.path.indexOf('@/') + 2)];
        if (blank(value)) continue;
        for (const url of u.srcset ? srcsetUrls(value!) : [value!]) add(u.path, url);
      }
      for (const attr of ['background', 'data-href', 'data-uri']) {
        if (!blank(a[attr])) add(`${info.upper}@/${attr}`, a[attr]!);
      }
      const onclick = a.onclick === undefined ? null : onclickUrl(a.onclick);
      if (onclick !== null) add(`${info.upper}@/onclick`, onclick);
      if (a.style !== undefined && /url\s*\(/i.test(a.style)) {
        for (const url of cssUrls(a.style)) add(`${info.upper}@/style`, url);
      }
    },
    ontext(text) {
      if (style) style.text += text;
      else if (anchor && rawDepth === 0) anchor.text += text;
    },
    onclosetag(name) {
      const info = makeTagInfo(name);
      if (anchor && info.flags & TagFlag.Spacing) anchor.text += ' ';
      if (info.flags & TagFlag.RawText) rawDepth--;
      if ((info.flags & TagFlag.Void) !== 0) return;
      if (anchor && depth === anchor.depth) endAnchor();
      if (style && depth === style.depth) {
        const css = style.text.includes('&') ? decodeHTMLAttribute(style.text) : style.text;
        style = null;
        for (const url of cssUrls(css.slice(0, 110_000))) add('STYLE/#text', url);
      }
      depth--;
    },
  });
  parser.end(html);
  endAnchor();
  return rows;
}

describe('extractor = naive Parser-based oracle on the corpus', () => {
  const files = readdirSync(HTML_CORPUS_DIR).filter((f) => f.endsWith('.html'));

  it.each(files.map((f, i) => [i, f] as const))('page %i', (_, file) => {
    const html = readFileSync(join(HTML_CORPUS_DIR, file), 'utf8');
    const extractor = createHtmlLinkExtractor({ pageUrl: 'http://corpus.invalid/' });
    extractor.write(html);
    const ours = extractor.end().links.map((l): Row => [l.path, l.rawUrl, l.anchor]);
    const theirs = oracle(html);
    const aligned: Row[] = [];
    for (const row of ours) {
      const next = theirs[aligned.length];
      if (row[0] === 'FORM@/action' && (next === undefined || next.join('\n') !== row.join('\n'))) continue;
      aligned.push(row);
    }
    expect(aligned).toEqual(theirs);
  });
});
