/**
 * The small lexicon of paid placements read by the paid-link detector (detectors/paid-without-sponsored.ts).
 * Matched on whole words after anchor-class.ts normalisation (case, punctuation and spacing ignored), so
 * "Best CASINO-bonus!" contains `casino` and `bonus`.
 *
 * Two lists, because they are evidence of different strength:
 * - ANCHOR_TERMS: words of the verticals that buy most links (gambling, payday lending, pharmacy, replica
 *   goods, essay mills, adult, crypto and forex signals) and the buying verbs of a sales anchor
 *   (`buy ...`, `cheap ...`). In the anchor of a followed link they are the strongest sign of a text ad.
 * - DISCLOSURE_PHRASES: what publishers write on a paid post (`sponsored post`, `advertorial`, `paid
 *   partnership`): read in the text around the link, the page title and the page URL's path.
 * English first, with the words that are the same in most European languages (casino, poker, bonus,
 * viagra). Extend it through the config (config.ts `paid`), which replaces these lists when given.
 */

export const ANCHOR_TERMS: readonly string[] = [
  // gambling
  'casino',
  'casinos',
  'poker',
  'slots',
  'slot machines',
  'betting',
  'sportsbook',
  'roulette',
  'blackjack',
  'bonus',
  'free spins',
  'bookmaker',
  // lending
  'payday',
  'loan',
  'loans',
  'cash advance',
  'bad credit',
  'debt relief',
  // pharmacy and supplements
  'viagra',
  'cialis',
  'pharmacy',
  'pills',
  'weight loss',
  'cbd',
  // goods and services sold by the link
  'replica',
  'essay writing',
  'write my essay',
  'buy followers',
  'escort',
  'escorts',
  'forex',
  'crypto signals',
  // sales verbs of a bought anchor
  'buy',
  'cheap',
  'discount',
  'coupon',
  'promo code',
  'best price',
];

export const DISCLOSURE_PHRASES: readonly string[] = [
  'sponsored',
  'sponsored post',
  'sponsored content',
  'sponsored article',
  'advertorial',
  'paid post',
  'paid partnership',
  'partner content',
  'promoted post',
  'promoted content',
  'in partnership with',
  'brought to you by',
  'advertisement',
];
