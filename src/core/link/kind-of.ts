/**
 * The link kind for a WAT-style path (`ELEMENT@/attribute`, `STYLE/#text`, `HTTP@/location`).
 *
 * One mapping serves every extractor (HTML, WAT, HTTP redirects), so a link gets the same kind whatever
 * file it was read from. The attribute decides first, because it says more than the element: a `data-href`
 * on an `<a>` is a script hook, not a hyperlink the user clicks; an `onclick` URL is navigation by script.
 */
import type { LinkKind } from './link.ts';

const KIND_BY_ELEMENT: Readonly<Record<string, LinkKind>> = {
  A: 'a',
  AREA: 'area',
  IMG: 'img',
  PICTURE: 'img',
  INPUT: 'img', // <input type=image src>; onclick handled by attribute
  LINK: 'link',
  IFRAME: 'iframe',
  FRAME: 'frame',
  FORM: 'form',
  BUTTON: 'form', // formaction
  META: 'meta-refresh',
  BASE: 'base',
  SCRIPT: 'script',
  OBJECT: 'object',
  APPLET: 'object',
  EMBED: 'embed',
  VIDEO: 'media',
  AUDIO: 'media',
  SOURCE: 'media',
  TRACK: 'media',
  Q: 'cite',
  BLOCKQUOTE: 'cite',
  DEL: 'cite',
  INS: 'cite',
  STYLE: 'css',
  HTTP: 'redirect',
};

export function kindOfPath(path: string): LinkKind {
  const at = path.indexOf('@/');
  const element = (at === -1 ? path.slice(0, path.indexOf('/')) : path.slice(0, at)).toUpperCase();
  const attribute = at === -1 ? '' : path.slice(at + 2).toLowerCase();
  if (attribute === 'onclick') return 'onclick';
  if (attribute === 'background') return 'background';
  if (attribute === 'style') return 'css';
  if (attribute.startsWith('data-')) return 'data-attr';
  if (attribute === 'cite') return 'cite';
  if (attribute === 'formaction') return 'form'; // <input formaction> submits a form; it is not an image
  return KIND_BY_ELEMENT[element] ?? 'other';
}
