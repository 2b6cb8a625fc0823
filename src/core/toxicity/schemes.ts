/**
 * Google's examples of link spam ("link schemes"), as listed in Google Search Essentials, spam policies,
 * section "Link spam" (https://developers.google.com/search/docs/essentials/spam-policies#link-spam).
 * Every toxicity reason names exactly one of these ids, so a user can read which rule a flag is about.
 * The summaries are ours (paraphrased); the policy page is the authority.
 *
 * Google also says that links qualified with `rel="sponsored"`, `"nofollow"` (or `"ugc"` for user content)
 * do not violate the policy: that is why assess.ts reports such links without reasons by default.
 */

export const LINK_SCHEMES = {
  'buying-selling-links':
    'Buying or selling links for ranking purposes: money, goods or services, or a free product in exchange for a link',
  'excessive-link-exchanges':
    'Excessive link exchanges ("link to me and I\'ll link to you") or partner pages made only for cross-linking',
  'keyword-rich-campaigns':
    'Large-scale article marketing or guest posting campaigns with keyword-rich anchor text links',
  'automated-links': 'Using automated programs or services to create links to a site',
  'required-links': 'Requiring a link in terms of service or a contract without letting the owner qualify it',
  'text-ads-passing-credit': "Text advertisements or text links that don't block ranking credit",
  'advertorials-passing-credit':
    'Advertorials or native advertising paid for with links that pass ranking credit, or optimised anchors in articles, guest posts or press releases distributed on other sites',
  'low-quality-directories': 'Low-quality directory or bookmark site links',
  'widget-links': 'Keyword-rich, hidden or low-quality links embedded in widgets distributed across sites',
  'footer-template-links': 'Widely distributed links in the footers or templates of various sites',
  'forum-signature-links': 'Forum comments with optimised links in the post or signature',
} as const;

export type LinkSchemeId = keyof typeof LINK_SCHEMES;

export const LINK_SCHEME_IDS = Object.keys(LINK_SCHEMES) as LinkSchemeId[];

export const LINK_SCHEMES_SOURCE =
  'https://developers.google.com/search/docs/essentials/spam-policies#link-spam';
