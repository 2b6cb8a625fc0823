/**
 * The dashboard types the API by hand (web/src/api/types.ts, so that it builds without the server's
 * sources). This holds them to the contract, docs/openapi.json (itself checked against the server by
 * api.test.ts): every field the spec names, no field it does not, and optional exactly where the spec
 * does not require it, down through nested objects and arrays of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const spec = JSON.parse(readFileSync(join(root, 'docs', 'openapi.json'), 'utf8')) as {
  components: { schemas: Record<string, Schema> };
};

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
}

interface Member {
  optional: boolean;
  type: ts.TypeNode | undefined;
}

/** The interfaces of the dashboard's types file, with the members of the interfaces they extend. */
function webInterfaces(): Map<string, Map<string, Member>> {
  const path = join(root, 'web', 'src', 'api', 'types.ts');
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const declared = new Map<string, ts.InterfaceDeclaration>();
  file.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) declared.set(node.name.text, node);
  });
  const members = (name: string): Map<string, Member> => {
    const node = declared.get(name)!;
    const out = new Map<string, Member>();
    for (const clause of node.heritageClauses ?? []) {
      for (const base of clause.types)
        for (const [k, v] of members(base.expression.getText(file))) out.set(k, v);
    }
    for (const m of node.members) {
      if (ts.isPropertySignature(m)) out.set(nameOf(m.name), { optional: !!m.questionToken, type: m.type });
    }
    return out;
  };
  return new Map([...declared.keys()].map((name) => [name, members(name)]));
}

/** A schema with its `$ref` and `allOf` resolved and `null` alternatives dropped. */
function resolve(schema: Schema): Schema {
  if (schema.$ref) return resolve(spec.components.schemas[schema.$ref.split('/').pop()!]!);
  const parts = [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]
    .map(resolve)
    .filter((s) => s.type !== 'null');
  if (parts.length === 0) return schema;
  const merged: Schema = {
    ...schema,
    properties: { ...schema.properties },
    required: [...(schema.required ?? [])],
  };
  for (const part of parts) {
    Object.assign(merged.properties!, part.properties);
    merged.required!.push(...(part.required ?? []));
    if (part.items) merged.items ??= part.items;
  }
  return merged;
}

type Interfaces = Map<string, Map<string, Member>>;

const nameOf = (name: ts.PropertyName): string =>
  ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : name.getText();

function membersOfLiteral(node: ts.TypeLiteralNode): Map<string, Member> {
  const out = new Map<string, Member>();
  for (const m of node.members) {
    if (ts.isPropertySignature(m)) out.set(nameOf(m.name), { optional: !!m.questionToken, type: m.type });
  }
  return out;
}

/** The fields a member's type has (an interface of ours or an object literal, through `| null` and arrays). */
function fieldsOf(
  type: ts.TypeNode | undefined,
  web: Interfaces,
): { fields: Map<string, Member>; array: boolean } | null {
  if (!type) return null;
  if (ts.isUnionTypeNode(type)) {
    const rest = type.types.filter(
      (t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword),
    );
    return rest.length === 1 ? fieldsOf(rest[0], web) : null;
  }
  if (ts.isArrayTypeNode(type)) {
    const inner = fieldsOf(type.elementType, web);
    return inner && { fields: inner.fields, array: true };
  }
  if (ts.isTypeLiteralNode(type)) return { fields: membersOfLiteral(type), array: false };
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && web.has(type.typeName.text)) {
    return { fields: web.get(type.typeName.text)!, array: false };
  }
  return null;
}

function compare(
  web: Interfaces,
  fields: Map<string, Member>,
  schema: Schema,
  at: string,
  problems: string[],
) {
  const s = resolve(schema);
  if (!s.properties || Object.keys(s.properties).length === 0) return; // a free-form object
  const required = new Set(s.required ?? []);
  for (const key of Object.keys(s.properties))
    if (!fields.has(key)) problems.push(`${at}.${key}: in the spec, not here`);
  for (const [key, member] of fields) {
    const property = s.properties[key];
    if (!property) {
      problems.push(`${at}.${key}: here, not in the spec`);
      continue;
    }
    if (member.optional === required.has(key)) {
      problems.push(`${at}.${key}: ${member.optional ? 'optional' : 'required'} here, not in the spec`);
    }
    const inner = fieldsOf(member.type, web);
    if (inner) {
      const target = resolve(property);
      compare(web, inner.fields, inner.array ? (target.items ?? {}) : target, `${at}.${key}`, problems);
    }
  }
}

/** Dashboard interface -> the spec's schema of the same response. */
const RESPONSES: Record<string, string> = {
  Backlink: 'Backlink',
  RefDomain: 'RefDomain',
  AnchorListing: 'AnchorPage',
  LinkedPage: 'LinkedPage',
  BrokenPage: 'BrokenPage',
  Profile: 'Profile',
  History: 'History',
  GapDomain: 'GapDomain',
  ToxicReport: 'ToxicityReport',
  Whitelist: 'Whitelist',
  DisavowVersion: 'DisavowVersion',
  GeneratedDisavow: 'GeneratedDisavow',
  LedgerSummary: 'LedgerOverview',
  WhatIf: 'WhatIf',
  Job: 'Job',
  ApiErrorBody: 'Error',
  ExplainedLink: 'ExplainedLinks', // the schema is the array of them
};

describe("the dashboard's API types", () => {
  const web = webInterfaces();

  it.each(Object.entries(RESPONSES))('%s has the fields of the spec’s %s', (name, schema) => {
    expect(web.has(name)).toBe(true);
    const problems: string[] = [];
    const response = resolve(spec.components.schemas[schema]!);
    compare(web, web.get(name)!, response.items ?? response, schema, problems);
    expect(problems).toEqual([]);
  });

  it('finds a field that is missing, one the spec does not know, and the same in a nested object', () => {
    // The check itself: Backlink without `anchor` and with an extra field, and a RefDomain whose best
    // link lost its `kind`, must fail.
    const backlink = new Map(web.get('Backlink'));
    backlink.delete('anchor');
    backlink.set('extra', { optional: false, type: undefined });
    const problems: string[] = [];
    compare(web, backlink, spec.components.schemas.Backlink!, 'Backlink', problems);
    const refDomain = new Map(web.get('RefDomain'));
    const bestLink = fieldsOf(refDomain.get('bestLink')!.type, web)!.fields;
    bestLink.delete('kind');
    refDomain.set('bestLink', {
      optional: false,
      type: ts.factory.createTypeLiteralNode(
        [...bestLink].map(([key, m]) =>
          ts.factory.createPropertySignature(
            undefined,
            key,
            undefined,
            m.type ?? ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
          ),
        ),
      ),
    });
    compare(web, refDomain, spec.components.schemas.RefDomain!, 'RefDomain', problems);
    expect(problems).toEqual([
      'Backlink.anchor: in the spec, not here',
      'Backlink.extra: here, not in the spec',
      'RefDomain.bestLink.kind: in the spec, not here',
    ]);
  });
});
