/**
 * Shared network: referring domains hosted on one /24 IPv4 network ("class C"), the classic footprint of
 * a private blog network run from one operator's servers.
 *
 * Rule. Group the referring domains by the /24 of each of their public IPv4 addresses; a group of at least
 * `minDomains` distinct referring domains flags every link of its members. Two kinds of address say
 * nothing about who owns a site and are left out: addresses in `ignoredNetworks` (CDNs such as Cloudflare,
 * where millions of unrelated sites share a few ranges) and domains on hosting platforms
 * (`platformSuffixes`, matched on the domain and the linking hosts: `x.blogspot.com`, `x.typepad.com`),
 * whose addresses the platform picks.
 * Thresholds (config.ipv4): minDomains 3; severity 0.75 at 3 domains rising to 1 at 12.
 * Limits: ordinary shared hosting also puts unrelated sites on one /24; this is circumstantial evidence
 * (weight 0.4: it flags a link only together with another reason).
 * Needs: `domains[].ipv4` (a DNS lookup per referring domain, done by an adapter).
 */
import type { ToxicityConfig } from '../config.ts';
import type { Detector, DetectorOutcome, ToxicityView } from '../detector.ts';
import { type Cidr, inCidr, isPublicIpv4, network24, parseCidr, parseIpv4 } from '../ipv4.ts';
import { othersText, sharedKeyFindings } from '../shared-groups.ts';

export const sharedIpv4NetworkDetector: Detector = {
  code: 'shared-ipv4-network',
  detect(view: ToxicityView, config: ToxicityConfig): DetectorOutcome {
    const { minDomains, ignoredNetworks, platformSuffixes } = config.ipv4;
    const ignored = ignoredNetworks.map(parseCidr).filter((c): c is Cidr => c !== null);
    const platforms = platformSuffixes.map((s) => s.toLowerCase());
    let known = 0;
    const keysByDomain = new Map<string, Set<string>>();
    const onPlatform = (host: string): boolean => platforms.some((p) => host === p || host.endsWith(`.${p}`));
    for (const [domain, links] of view.linksByDomain) {
      const addresses = view.domains.get(domain)?.ipv4;
      if (!addresses) continue;
      known++;
      if (onPlatform(domain) || links.some((i) => onPlatform(view.link(i).sourceHost.toLowerCase())))
        continue;
      const keys = new Set<string>();
      for (const text of addresses) {
        const address = parseIpv4(text);
        if (address === null || !isPublicIpv4(address)) continue;
        if (ignored.some((range) => inCidr(address, range))) continue;
        keys.add(network24(address));
      }
      if (keys.size > 0) keysByDomain.set(domain, keys);
    }
    if (known === 0)
      return { unavailable: 'no IPv4 addresses known for the referring domains (domains[].ipv4)' };
    const findings = sharedKeyFindings(view, keysByDomain, {
      minDomains,
      atThreshold: config.severityAtThreshold,
      describe: (domain, network, others) =>
        `${domain} is hosted on ${network} ${othersText(others)} (flagged from ${minDomains} domains)`,
    });
    return { findings };
  },
};
