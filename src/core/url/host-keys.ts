/**
 * Host and domain keys.
 *
 * Common Crawl's web graphs write host names reversed (`www.example.com` -> `com.example.www`) so that hosts
 * of one domain sort together. The registrable domain ("eTLD+1") comes from the Public Suffix List through
 * tldts; never split host names on dots by hand (`example.co.uk`, `foo.blogspot.com`).
 */
import { parse } from 'tldts';

/** `www.example.com` -> `com.example.www`. IP addresses are kept as written. */
export function reverseHost(host: string): string {
  if (isIpAddress(host)) return host;
  return host.split('.').reverse().join('.');
}

/** `com.example.www` -> `www.example.com` (the inverse of reverseHost). */
export function unreverseHost(reversed: string): string {
  return reverseHost(reversed);
}

export interface DomainParts {
  host: string;
  /** Registrable domain (eTLD+1), or the host itself for IPs and hosts with no public suffix. */
  domain: string;
  publicSuffix: string | null;
  isIp: boolean;
}

/**
 * Splits a host name into its registrable domain and public suffix. Private suffixes of the PSL (e.g.
 * `blogspot.com`, `github.io`) count as public suffixes: every blog on them is its own site, which is what
 * a backlink tool must treat as separate referring domains.
 */
export function domainParts(host: string): DomainParts {
  const lower = host.toLowerCase().replace(/\.$/, '');
  const parsed = parse(lower, { allowPrivateDomains: true, extractHostname: false });
  if (parsed.isIp) return { host: lower, domain: lower, publicSuffix: null, isIp: true };
  return {
    host: lower,
    domain: parsed.domain ?? lower,
    publicSuffix: parsed.publicSuffix,
    isIp: false,
  };
}

/**
 * The registrable domain of a host as the Public Suffix List defines it, or null when the host has none
 * (it is itself a public suffix, starts with a dot, or is empty).
 */
export function publicRegistrableDomain(host: string): string | null {
  if (host === '' || host.startsWith('.')) return null;
  const parsed = parse(host.toLowerCase(), { allowPrivateDomains: true, extractHostname: false });
  return parsed.isIp ? null : parsed.domain;
}

/** The registrable domain of a host, falling back to the host itself (see domainParts): a ledger key. */
export function registrableDomain(host: string): string {
  return domainParts(host).domain;
}

function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[') || host.includes(':');
}
