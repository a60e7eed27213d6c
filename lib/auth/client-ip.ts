// The client address for lockout and the audit log. The socket's own address comes from the server
// (peer-address.ts writes it onto each request under a header name no client can know); X-Forwarded-For
// and X-Forwarded-Proto are believed only when that socket is a configured proxy (TRUSTED_PROXIES). Read
// from the right, each trusted hop vouches for the one before it: the first address that is not a trusted
// proxy is the client. A request whose address cannot be told gets UNKNOWN_CLIENT_IP — a key of its own,
// locked like any other, never "no check".
import { BlockList, isIP } from "node:net";
import { readPeerAddress } from "./peer-address";

export const UNKNOWN_CLIENT_IP = "unknown";

export type ProxyTrust = { isTrusted(address: string): boolean };

/** "10.0.0.1, 10.1.0.0/16, ::1" → validated entries; throws with the entry at fault. */
export function parseProxyList(text: string): string[] {
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  createProxyTrust(entries);
  return entries;
}

export function createProxyTrust(entries: readonly string[]): ProxyTrust {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (family === 0 || !Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32)) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    }
    list.addSubnet(address, bits, family === 6 ? "ipv6" : "ipv4");
  }
  return {
    isTrusted: (candidate) => {
      const family = isIP(candidate);
      return family !== 0 && list.check(candidate, family === 6 ? "ipv6" : "ipv4");
    },
  };
}

/** An address as written by people: IPv4-mapped IPv6 (::ffff:10.1.2.3) becomes plain IPv4. */
export function normalizeIp(address: string): string | null {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  const plain = trimmed.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return isIP(plain) ? plain.toLowerCase() : null;
}

export function getClientIp(headers: Headers, trust: ProxyTrust): string {
  const peer = normalizeIp(readPeerAddress(headers) ?? "");
  if (!peer) return UNKNOWN_CLIENT_IP;
  let client = peer;
  if (!trust.isTrusted(client)) return client;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").reverse();
  for (const hop of hops) {
    // Blank hops (a trailing comma) say nothing; anything unreadable ends what the proxies vouch for.
    if (hop.trim() === "") continue;
    const address = normalizeIp(hop);
    if (!address) break;
    client = address;
    if (!trust.isTrusted(address)) break;
  }
  return client;
}

/** Whether a trusted proxy in front of us said the browser came over HTTPS. */
export function isHttpsRequest(headers: Headers, trust: ProxyTrust): boolean {
  const peer = normalizeIp(readPeerAddress(headers) ?? "");
  if (!peer || !trust.isTrusted(peer)) return false;
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}

/**
 * The lockout key of an address. One IPv6 subscriber holds a whole /64 (2^64 addresses), so IPv6 is
 * counted by its /64; IPv4 and "unknown" by themselves.
 */
export function toLockoutKey(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  return `${expandIpv6(ip).slice(0, 4).join(":")}::/64`;
}

/** The first four groups of an IPv6 address, without leading zeros ("2001:db8::1" → 2001, db8, 0, 0). */
function expandIpv6(address: string): string[] {
  const [head = "", tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // A dotted IPv4 tail (::ffff:1.2.3.4) stands for the last two groups.
  const width = (groups: string[]) => groups.reduce((sum, group) => sum + (group.includes(".") ? 2 : 1), 0);
  const zeros = Array.from({ length: tail === undefined ? 0 : 8 - width(left) - width(right) }, () => "0");
  return [...left, ...zeros, ...right].map((group) => group.replace(/^0+(?=.)/, ""));
}
