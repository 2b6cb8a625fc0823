/**
 * What a `<meta>` element tells about its page: robots directives (`name=robots`, or the crawler's own
 * name), og:url (`property` or `name`), and the URL of an `http-equiv=refresh` (returned, to become a
 * `META@/content` link).
 */
import { metaRefreshUrl } from '../../core/link/meta-refresh.ts';
import { parseRobotsDirectives } from '../../core/link/rel.ts';
import { Attr } from './attributes.ts';
import type { PageFacts } from './finish-page.ts';

/** Records the meta's page facts; returns its refresh URL, if any. */
export function readMeta(
  values: readonly (string | undefined)[],
  facts: PageFacts,
  robotsAgent: string | undefined,
): string | null {
  const content = values[Attr.Content];
  if (content === undefined) return null;
  const name = values[Attr.Name]?.trim().toLowerCase();
  if (name === 'robots' || (name !== undefined && name === robotsAgent)) {
    const directives = parseRobotsDirectives(content);
    if (directives.nofollow) facts.nofollow = true;
    if (directives.noindex) facts.noindex = true;
  }
  const property = values[Attr.Property]?.trim().toLowerCase() ?? name;
  if (property === 'og:url' && facts.ogUrl === null && content.trim() !== '') facts.ogUrl = content.trim();
  const httpEquiv = values[Attr.HttpEquiv];
  return httpEquiv !== undefined && httpEquiv.trim().toLowerCase() === 'refresh'
    ? metaRefreshUrl(content)
    : null;
}
