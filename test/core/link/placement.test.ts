import { describe, expect, it } from 'vitest';
import { kindOfPath } from '../../../src/core/link/kind-of.ts';
import {
  childPlacement,
  elementSignal,
  type PlacementContext,
  ROOT_PLACEMENT,
} from '../../../src/core/link/placement.ts';

type El = [tag: string, attrs?: { id?: string; class?: string; role?: string }];

/** Placement of a link nested in the given chain of elements, outermost first. */
function placementIn(...chain: El[]): string {
  let ctx: PlacementContext = ROOT_PLACEMENT;
  for (const [tag, attrs = {}] of chain) {
    ctx = childPlacement(ctx, tag, elementSignal(tag, attrs.id, attrs.class, attrs.role));
  }
  return ctx.placement;
}

describe('placement rules', () => {
  it('rule 1: HTML5 sectioning elements', () => {
    expect(placementIn(['body'], ['nav'], ['ul'], ['li'])).toBe('nav');
    expect(placementIn(['body'], ['header'])).toBe('header');
    expect(placementIn(['body'], ['footer'], ['p'])).toBe('footer');
    expect(placementIn(['body'], ['aside'])).toBe('aside');
    expect(placementIn(['body'], ['main'], ['p'])).toBe('content');
    expect(placementIn(['body'], ['article'])).toBe('content');
  });
  it('rule 2: ARIA roles', () => {
    expect(placementIn(['div', { role: 'navigation' }])).toBe('nav');
    expect(placementIn(['div', { role: 'contentinfo' }])).toBe('footer');
    expect(placementIn(['div', { role: 'complementary' }])).toBe('aside');
    expect(placementIn(['div', { role: 'banner' }])).toBe('header');
    expect(placementIn(['div', { role: 'main' }])).toBe('content');
  });
  it('rule 3: class and id words, boilerplate beating content on one element', () => {
    expect(placementIn(['div', { class: 'site-footer' }])).toBe('footer');
    expect(placementIn(['div', { id: 'mainNav' }])).toBe('nav');
    expect(placementIn(['div', { class: 'footer-content' }])).toBe('footer');
    expect(placementIn(['div', { class: 'entry-content' }])).toBe('content');
    expect(placementIn(['div', { class: 'widget_recent' }])).toBe('aside');
    expect(placementIn(['div', { class: 'contentious' }])).toBe('unknown');
  });
  it('innermost signal wins', () => {
    expect(placementIn(['div', { class: 'content' }], ['div', { class: 'related' }])).toBe('aside');
    expect(placementIn(['nav'], ['div', { class: 'content' }])).toBe('content');
  });
  it('rule 4: headers and footers inside an article are content', () => {
    expect(placementIn(['article'], ['footer'])).toBe('content');
    expect(placementIn(['main'], ['div', { class: 'post-header' }])).toBe('content');
    expect(placementIn(['body'], ['header'], ['nav'])).toBe('nav');
  });
  it('rule 5: no signal is unknown', () => {
    expect(placementIn(['html'], ['body'], ['div'], ['p'])).toBe('unknown');
  });
});

describe('kind of a WAT path', () => {
  it.each([
    ['A@/href', 'a'],
    ['AREA@/href', 'area'],
    ['IMG@/src', 'img'],
    ['IMG@/longdesc', 'img'],
    ['LINK@/href', 'link'],
    ['IFRAME@/src', 'iframe'],
    ['FORM@/action', 'form'],
    ['HTTP@/location', 'redirect'],
    ['META@/content', 'meta-refresh'],
    ['BASE@/href', 'base'],
    ['SOURCE@/src', 'media'],
    ['VIDEO@/poster', 'media'],
    ['Q@/cite', 'cite'],
    ['BLOCKQUOTE@/cite', 'cite'],
    ['DIV@/data-href', 'data-attr'],
    ['A@/data-href', 'data-attr'],
    ['BODY@/background', 'background'],
    ['INPUT@/onclick', 'onclick'],
    ['STYLE/#text', 'css'],
    ['OBJECT@/data', 'object'],
    ['BLINK@/href', 'other'],
  ])('%s is %s', (path, kind) => {
    expect(kindOfPath(path)).toBe(kind);
  });
});
