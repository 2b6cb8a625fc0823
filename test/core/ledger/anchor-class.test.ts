/** Anchor classification (core/ledger/anchor-class.ts): every class, several languages, derived defaults. */
import { describe, expect, it } from 'vitest';
import {
  anchorClassifier,
  brandOfDomain,
  keywordsOfUrl,
  normalizeAnchor,
} from '../../../src/core/ledger/anchor-class.ts';

const classify = anchorClassifier({ brandTerms: ['Acme Widgets', 'acme'], keywords: ['blue widgets'] });

describe('anchor classification', () => {
  it.each([
    ['', false, 'empty'],
    ['   ', false, 'empty'],
    ['Acme logo', true, 'image'],
    ['https://acme-widgets.com/products', false, 'naked-url'],
    ['www.acme-widgets.com', false, 'naked-url'],
    ['acme-widgets.com', false, 'naked-url'],
    ['Click here!', false, 'generic'],
    ['READ MORE »', false, 'generic'],
    ['hier klicken', false, 'generic'],
    ['Cliquez ici', false, 'generic'],
    ['aquí', false, 'generic'],
    ['подробнее', false, 'generic'],
    ['こちら', false, 'generic'],
    ['Acme', false, 'branded'],
    ['AcmeWidgets store', false, 'branded'],
    ['the acme widgets shop', false, 'branded'],
    ['Blue Widgets', false, 'exact'],
    ['blue-widgets', false, 'exact'],
    ['cheap blue widgets online', false, 'partial'],
    ['widgets that are blue', false, 'partial'],
    ['garden furniture', false, 'other'],
    ['here is a great article about gardening', false, 'other'],
  ] as const)('%j (image: %s) is %s', (anchor, image, expected) => {
    expect(classify(anchor, image)).toBe(expected);
  });

  it('normalises case, punctuation and spacing', () => {
    expect(normalizeAnchor('  Click   HERE!! ')).toBe('click here');
    expect(normalizeAnchor('Ｃｌｉｃｋ here')).toBe('click here');
  });

  it('derives keywords from a URL and the brand from a domain', () => {
    expect(keywordsOfUrl('https://acme.com/products/blue-widgets.html')).toEqual(['blue widgets']);
    expect(keywordsOfUrl('https://acme.com/2024/05/')).toEqual([]);
    expect(keywordsOfUrl('https://acme.com/')).toEqual([]);
    expect(keywordsOfUrl('https://acme.com/caf%C3%A9_latte')).toEqual(['café latte']);
    expect(brandOfDomain('acme-widgets.co.uk', 'co.uk')).toEqual(['acme-widgets']);
    expect(
      anchorClassifier({ brandTerms: brandOfDomain('acme-widgets.co.uk', 'co.uk'), keywords: [] })(
        'Acme Widgets',
        false,
      ),
    ).toBe('branded');
  });
});
