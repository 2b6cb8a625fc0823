/**
 * Foreign language: a linking page written in a language other than the target's.
 *
 * Rule. Compare the primary language subtags (`en-US` -> `en`) of the linking page (`pages[].lang`) and
 * the target (`target.lang`); a link is flagged when both are known and differ, unless the page's
 * language is in `alsoAccepted`. `und`, `mul` and `zxx` (undetermined, multiple, no linguistic content)
 * count as unknown.
 * Thresholds (config.language): none besides the accepted list. Weight 0.3: a multilingual audience is
 * normal, so this flags a link only together with another reason (it is mostly a review hint).
 * Needs: `target.lang` and page languages (our crawl reads `<html lang>`; franc-min can
 * detect it from the text).
 */
import type { ToxicityConfig } from '../config.ts';
import type { Detector, DetectorOutcome, Finding, ToxicityView } from '../detector.ts';

const UNKNOWN = new Set(['', 'und', 'mul', 'zxx']);

/** `en-US` -> `en`; null for unknown values. */
export function primaryLanguage(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return UNKNOWN.has(primary) ? null : primary;
}

export const foreignLanguageDetector: Detector = {
  code: 'foreign-language',
  detect(view: ToxicityView, config: ToxicityConfig): DetectorOutcome {
    const target = primaryLanguage(view.input.target.lang);
    if (target === null) return { unavailable: 'the target language is unknown (target.lang)' };
    const accepted = new Set([target, ...config.language.alsoAccepted.map((l) => primaryLanguage(l))]);
    let known = 0;
    const findings: Finding[] = [];
    for (const i of view.external) {
      const lang = primaryLanguage(view.pages.get(view.link(i).sourceUrl)?.lang);
      if (lang === null) continue;
      known++;
      if (accepted.has(lang)) continue;
      const evidence = `the linking page is in "${lang}", the target in "${target}"`;
      findings.push({ link: i, severity: 1, evidence });
    }
    if (known === 0) return { unavailable: 'no language known for the linking pages (pages[].lang)' };
    return { findings };
  },
};
