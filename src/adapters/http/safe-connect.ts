/**
 * The crawler's connector: every connection (first request, each redirect hop, robots.txt, sitemaps) goes
 * through here, so the address safety rule cannot be bypassed by a redirect or by DNS.
 *
 *   1. `--resolve HOST:PORT:ADDR` entries win (like curl), else IP literals are taken as they are, else
 *      the name is resolved (every address: A and AAAA).
 *   2. Every resolved address must pass core/crawl/address-policy.ts (no loopback, private, link-local or
 *      cloud-metadata address unless `allowPrivateNetwork`); if any address of a name is refused, the name
 *      is refused (a name that mixes public and private answers is a rebinding trick, not a web site).
 *   3. The socket connects to the checked address itself, never to the name again (no second lookup that
 *      could answer differently); TLS still verifies the certificate against the name (SNI servername).
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import { isFetchAllowed, type ResolveSpec } from '../../core/crawl/address-policy.ts';

export interface SafeConnectOptions {
  allowPrivateNetwork: boolean;
  resolve: readonly ResolveSpec[];
  connectTimeoutMs: number;
  /** Called with each connection made: its origin key (connectionKey) and the checked address. */
  onConnect?: ((key: string, address: string) => void) | undefined;
}

/** The key of an origin's connections: `protocol//host:port` (host lower-case, no brackets). */
export function connectionKey(protocol: string, hostname: string, port: string | number): string {
  const name = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return `${protocol}//${name}:${Number(port) || DEFAULT_PORT[protocol] || 80}`;
}

/** Thrown (through undici) when an address is refused; the fetcher reports it as `blocked-address`. */
export class BlockedAddressError extends Error {
  readonly code = 'LINKLEDGER_BLOCKED_ADDRESS';
  constructor(message: string) {
    super(message);
    this.name = 'BlockedAddressError';
  }
}

export class DnsError extends Error {
  readonly code = 'LINKLEDGER_DNS';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DnsError';
  }
}

const DEFAULT_PORT: Record<string, number> = { 'http:': 80, 'https:': 443 };

export function safeConnector(options: SafeConnectOptions): buildConnector.connector {
  const base = buildConnector({ timeout: options.connectTimeoutMs });
  const overrides = new Map(options.resolve.map((r) => [`${r.host}:${r.port}`, r.address]));
  return (connectOptions, callback) => {
    const name = connectOptions.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const port = Number(connectOptions.port) || DEFAULT_PORT[connectOptions.protocol] || 80;
    addressFor(name, port, overrides, options.allowPrivateNetwork).then(
      (address) => {
        const literal = isIP(name) !== 0;
        const onConnect = options.onConnect;
        base(
          {
            ...connectOptions,
            hostname: address,
            // SNI and certificate checks use the name, not the address we connect to.
            ...(literal ? {} : { servername: name }),
          },
          onConnect === undefined
            ? callback
            : (error, socket) => {
                if (socket !== null) onConnect(connectionKey(connectOptions.protocol, name, port), address);
                callback(error, socket as never);
              },
        );
      },
      (error: Error) => callback(error, null),
    );
  };
}

async function addressFor(
  name: string,
  port: number,
  overrides: ReadonlyMap<string, string>,
  allowPrivateNetwork: boolean,
): Promise<string> {
  const forced = overrides.get(`${name}:${port}`);
  let addresses: string[];
  if (forced !== undefined) addresses = [forced];
  else if (isIP(name) !== 0) addresses = [name];
  else {
    try {
      addresses = (await lookup(name, { all: true, verbatim: true })).map((a) => a.address);
    } catch (error) {
      throw new DnsError(`${name}: ${(error as NodeJS.ErrnoException).code ?? 'lookup failed'}`, {
        cause: error,
      });
    }
    if (addresses.length === 0) throw new DnsError(`${name}: no address`);
  }
  for (const address of addresses) {
    const decision = isFetchAllowed(address, { allowPrivateNetwork });
    if (!decision.allowed) throw new BlockedAddressError(`${name} -> ${decision.reason}`);
  }
  return addresses[0]!;
}
