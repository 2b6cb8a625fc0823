/**
 * Small pieces of a link: shared `rel` flags, kinds of WAT paths, paths of global attributes. Cached
 * across pages (bounded): the same few values recur on every page.
 */
import { kindOfPath } from '../../core/link/kind-of.ts';
import type { LinkKind } from '../../core/link/link.ts';
import { type RelFlags, relFlags } from '../../core/link/rel.ts';
import { ATTR_NAMES, type Attr } from './attributes.ts';
import { BASE_PATH } from './finish-page.ts';
import type { TagInfo } from './tags.ts';

export const NO_REL: RelFlags = {
  rel: Object.freeze([]) as unknown as string[],
  nofollow: false,
  sponsored: false,
  ugc: false,
};
const CACHE_LIMIT = 4096;
const relCache = new Map<string, RelFlags>();
const kindCache = new Map<string, LinkKind>();

/** Parsed `rel` flags, shared by links with the same value (their `rel` arrays are never mutated). */
export function relOf(value: string | undefined): RelFlags {
  if (value === undefined || value === '') return NO_REL;
  let flags = relCache.get(value);
  if (flags === undefined) {
    flags = relFlags(value);
    Object.freeze(flags.rel);
    if (relCache.size < CACHE_LIMIT) relCache.set(value, flags);
  }
  return flags;
}

/** Kinds of the fixed paths, from the one mapping every reader uses. */
export const A_KIND = kindOfPath('A@/href');
export const IMG_KIND = kindOfPath('IMG@/src');
export const AREA_KIND = kindOfPath('AREA@/href');
export const LINK_KIND = kindOfPath('LINK@/href');
export const FORM_KIND = kindOfPath('FORM@/action');
export const META_KIND = kindOfPath('META@/content');
export const BASE_KIND = kindOfPath(BASE_PATH);
export const STYLE_KIND = kindOfPath('STYLE/#text');

export function kindOf(path: string): LinkKind {
  let kind = kindCache.get(path);
  if (kind === undefined) {
    kind = kindOfPath(path);
    if (kindCache.size < CACHE_LIMIT) kindCache.set(path, kind);
  }
  return kind;
}

/** WAT path of a global URL attribute on an element, e.g. `DIV@/data-href`. */
export function pathOf(info: TagInfo, attr: Attr): string {
  let path = info.globalPaths[attr];
  if (path === undefined) {
    path = `${info.upper}@/${ATTR_NAMES[attr]}`;
    info.globalPaths[attr] = path;
  }
  return path;
}

/** Empty or only spaces and control characters. */
export function isBlank(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0x20) return false;
  return true;
}
