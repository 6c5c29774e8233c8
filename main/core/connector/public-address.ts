/**
 * Is an IP address reachable from the public internet? Claude's custom connectors connect from
 * Anthropic's cloud (docs/claude-routes.md), so a host that resolves to a special-purpose address
 * cannot be reached. Ranges: IANA IPv4/IPv6 Special-Purpose Address Registries (RFC 6890 and
 * updates: RFC 1918 private, RFC 6598 CGNAT, RFC 3927 link-local, RFC 4193 ULA, RFC 4291
 * loopback/link-local/multicast, RFC 5737/3849 documentation, RFC 2544 benchmarking, RFC 6052/8215 NAT64).
 * Matching is node:net's BlockList (CIDR arithmetic), not string patterns.
 */
import net from 'node:net';

interface Range { cidr: string; name: string }

const V4: Range[] = [
  { cidr: '0.0.0.0/8', name: '"this network" (0.0.0.0/8)' },
  { cidr: '10.0.0.0/8', name: 'private (RFC 1918, 10.0.0.0/8)' },
  { cidr: '100.64.0.0/10', name: 'carrier-grade NAT (RFC 6598, 100.64.0.0/10)' },
  { cidr: '127.0.0.0/8', name: 'loopback (127.0.0.0/8)' },
  { cidr: '169.254.0.0/16', name: 'link-local (169.254.0.0/16)' },
  { cidr: '172.16.0.0/12', name: 'private (RFC 1918, 172.16.0.0/12)' },
  { cidr: '192.0.0.0/24', name: 'IETF protocol assignments (192.0.0.0/24)' },
  { cidr: '192.0.2.0/24', name: 'documentation (TEST-NET-1)' },
  { cidr: '192.88.99.0/24', name: '6to4 relay anycast (deprecated)' },
  { cidr: '192.168.0.0/16', name: 'private (RFC 1918, 192.168.0.0/16)' },
  { cidr: '198.18.0.0/15', name: 'benchmarking (198.18.0.0/15)' },
  { cidr: '198.51.100.0/24', name: 'documentation (TEST-NET-2)' },
  { cidr: '203.0.113.0/24', name: 'documentation (TEST-NET-3)' },
  { cidr: '224.0.0.0/4', name: 'multicast (224.0.0.0/4)' },
  { cidr: '240.0.0.0/4', name: 'reserved (240.0.0.0/4, incl. broadcast)' },
];

const V6: Range[] = [
  { cidr: '::/128', name: 'unspecified (::)' },
  { cidr: '::1/128', name: 'loopback (::1)' },
  { cidr: '64:ff9b:1::/48', name: 'local-use NAT64 (64:ff9b:1::/48)' },
  { cidr: '100::/64', name: 'discard-only (100::/64)' },
  { cidr: '2001:db8::/32', name: 'documentation (2001:db8::/32)' },
  { cidr: 'fc00::/7', name: 'unique local (ULA, fc00::/7)' },
  { cidr: 'fe80::/10', name: 'link-local (fe80::/10)' },
  { cidr: 'fec0::/10', name: 'site-local (deprecated, fec0::/10)' },
  { cidr: 'ff00::/8', name: 'multicast (ff00::/8)' },
];

function lists(ranges: Range[], type: 'ipv4' | 'ipv6'): { name: string; list: net.BlockList }[] {
  return ranges.map((r) => {
    const [addr, bits] = r.cidr.split('/') as [string, string];
    const list = new net.BlockList();
    list.addSubnet(addr, Number(bits), type);
    return { name: r.name, list };
  });
}
const V4_LISTS = lists(V4, 'ipv4');
const V6_LISTS = lists(V6, 'ipv6');

export interface AddressVerdict {
  address: string;
  public: boolean;
  /** The special-purpose range the address is in (when not public), or why it is not an address. */
  range?: string;
}

/** IPv4-mapped (::ffff:a.b.c.d) and NAT64 well-known-prefix (64:ff9b::a.b.c.d) IPv6 carry an IPv4 address. */
function embeddedV4(address: string): string | undefined {
  const sock = new net.SocketAddress({ address, family: 'ipv6' });
  const m = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(sock.address);
  return m?.[1];
}

export function classifyAddress(raw: string): AddressVerdict {
  const address = raw.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = net.isIP(address);
  if (family === 4) {
    const hit = V4_LISTS.find((r) => r.list.check(address, 'ipv4'));
    return hit ? { address, public: false, range: hit.name } : { address, public: true };
  }
  if (family === 6) {
    const v4 = embeddedV4(address);
    if (v4) {
      const inner = classifyAddress(v4);
      return inner.public ? { address, public: true } : { address, public: false, range: `${inner.range} (as ${address})` };
    }
    const hit = V6_LISTS.find((r) => r.list.check(address, 'ipv6'));
    return hit ? { address, public: false, range: hit.name } : { address, public: true };
  }
  return { address, public: false, range: 'not an IP address' };
}
