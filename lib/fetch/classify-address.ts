// Which IP addresses the web importer must never connect to: loopback, private, shared (CGNAT), link-local
// (cloud metadata at 169.254.169.254 among them), unspecified, multicast, documentation and reserved ranges
// of IPv4 and IPv6, and IPv6 forms that carry an IPv4 address inside (::ffff:10.0.0.1, 6to4, NAT64), which
// are judged by the address they carry. Pure: nothing here connects anywhere.
//   classifyAddress("10.1.2.3") → "private";   classifyAddress("93.184.216.34") → null (public)
import net from "node:net";

export type BlockedAddressKind =
  | "loopback"
  | "private"
  | "shared"
  | "link_local"
  | "metadata"
  | "unspecified"
  | "multicast"
  | "reserved"
  | "invalid";

type Range = readonly [cidr: string, kind: BlockedAddressKind];

const IPV4_RANGES: readonly Range[] = [
  ["0.0.0.0/8", "unspecified"],
  ["10.0.0.0/8", "private"],
  ["100.64.0.0/10", "shared"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.169.254/32", "metadata"],
  ["169.254.0.0/16", "link_local"],
  ["172.16.0.0/12", "private"],
  ["192.0.0.0/24", "reserved"],
  ["192.0.2.0/24", "reserved"],
  ["192.88.99.0/24", "reserved"],
  ["192.168.0.0/16", "private"],
  ["198.18.0.0/15", "reserved"],
  ["198.51.100.0/24", "reserved"],
  ["203.0.113.0/24", "reserved"],
  ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved"],
];

const IPV6_RANGES: readonly Range[] = [
  ["::/128", "unspecified"],
  ["::1/128", "loopback"],
  ["fd00:ec2::254/128", "metadata"],
  ["fc00::/7", "private"],
  ["fe80::/10", "link_local"],
  ["fec0::/10", "private"],
  ["ff00::/8", "multicast"],
  ["100::/64", "reserved"],
  ["2001::/32", "reserved"],
  ["2001:db8::/32", "reserved"],
  ["::/96", "reserved"],
];

function buildLists(ranges: readonly Range[], family: "ipv4" | "ipv6") {
  return ranges.map(([cidr, kind]) => {
    const [network, prefix] = cidr.split("/") as [string, string];
    const list = new net.BlockList();
    list.addSubnet(network, Number(prefix), family);
    return { list, kind };
  });
}

const IPV4_LISTS = buildLists(IPV4_RANGES, "ipv4");
const IPV6_LISTS = buildLists(IPV6_RANGES, "ipv6");

/** The kind of a blocked address, or null for a public one. Anything that is not an IP address is "invalid". */
export function classifyAddress(address: string): BlockedAddressKind | null {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = net.isIP(bare);
  if (family === 4) return firstMatch(IPV4_LISTS, bare, "ipv4");
  if (family !== 6) return "invalid";
  const embedded = embeddedIpv4(bare);
  if (embedded !== null) return classifyAddress(embedded);
  return firstMatch(IPV6_LISTS, bare, "ipv6");
}

function firstMatch(
  lists: readonly { list: net.BlockList; kind: BlockedAddressKind }[],
  address: string,
  family: "ipv4" | "ipv6",
): BlockedAddressKind | null {
  for (const { list, kind } of lists) if (list.check(address, family)) return kind;
  return null;
}

/**
 * The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d, ::ffff:a00:1), NAT64 (64:ff9b::/96) or 6to4
 * (2002::/16) address — a connection to it reaches that IPv4 address, so it is judged as that one.
 */
function embeddedIpv4(address: string): string | null {
  const groups = expandIpv6(address);
  if (groups === null) return null;
  const isZero = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  const v4 = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  if (isZero(0, 5) && groups[5] === 0xffff) return v4(groups[6]!, groups[7]!);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && isZero(2, 6)) return v4(groups[6]!, groups[7]!);
  if (groups[0] === 0x2002) return v4(groups[1]!, groups[2]!);
  return null;
}

/** Eight 16-bit groups of an IPv6 address (a dotted IPv4 tail included), or null if it is not one. */
function expandIpv6(address: string): number[] | null {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const parts = dotted[1]!.split(".").map(Number);
    text = `${text.slice(0, -dotted[1]!.length)}${((parts[0]! << 8) | parts[1]!).toString(16)}:${((parts[2]! << 8) | parts[3]!).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...tailGroups];
  const numbers = groups.map((group) => parseInt(group, 16));
  return numbers.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffff) ? numbers : null;
}
