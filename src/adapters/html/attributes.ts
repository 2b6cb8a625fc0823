/**
 * The attributes the extractor reads. Each has a small code (its bit in a tag's `wants` mask); every other
 * attribute is skipped by the tokenizer callbacks without a string being made.
 */
import { type NameEntry, NameTable, nameCodes } from './names.ts';

/** Attribute codes. The first eight are global: read on every element (placement signals, and Common Crawl's
 * global link attributes); the rest are read only on the elements that use them. */
export const Attr = {
  Id: 0,
  Class: 1,
  Role: 2,
  Style: 3,
  Background: 4,
  DataHref: 5,
  DataUri: 6,
  Onclick: 7,
  Href: 8,
  Rel: 9,
  Alt: 10,
  Src: 11,
  Longdesc: 12,
  Srcset: 13,
  Action: 14,
  Formaction: 15,
  Name: 16,
  Content: 17,
  HttpEquiv: 18,
  Property: 19,
  Data: 20,
  Codebase: 21,
  Cdata: 22,
  Cite: 23,
  Icon: 24,
  Poster: 25,
  Lang: 26,
  XmlLang: 27,
} as const;

export type Attr = (typeof Attr)[keyof typeof Attr];

export const ATTR_COUNT = 28;

/** Attribute names by code, lower-case. */
export const ATTR_NAMES: readonly string[] = [
  'id',
  'class',
  'role',
  'style',
  'background',
  'data-href',
  'data-uri',
  'onclick',
  'href',
  'rel',
  'alt',
  'src',
  'longdesc',
  'srcset',
  'action',
  'formaction',
  'name',
  'content',
  'http-equiv',
  'property',
  'data',
  'codebase',
  'cdata',
  'cite',
  'icon',
  'poster',
  'lang',
  'xml:lang',
];

export const bit = (attr: Attr): number => 1 << attr;

/** Attributes read on every element. */
export const GLOBAL_ATTRS: number =
  bit(Attr.Id) |
  bit(Attr.Class) |
  bit(Attr.Role) |
  bit(Attr.Style) |
  bit(Attr.Background) |
  bit(Attr.DataHref) |
  bit(Attr.DataUri) |
  bit(Attr.Onclick);

interface AttrEntry extends NameEntry {
  readonly code: Attr;
}

export const ATTRIBUTES = new NameTable<AttrEntry>(
  ATTR_NAMES.map((name, code) => ({ name, codes: nameCodes(name), code: code as Attr })),
);
