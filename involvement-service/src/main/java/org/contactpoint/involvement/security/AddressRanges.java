package org.contactpoint.involvement.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The address ranges that are not the public internet (IANA's special-purpose registries, RFC 6890 and its
 * updates): whatever a webhook resolves to must lie outside all of them.
 */
final class AddressRanges {

    /** One CIDR block. */
    record Range(byte[] network, int prefix) {

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (bytes[whole] & mask) == (network[whole] & mask);
        }
    }

    private static final List<Range> NOT_PUBLIC = List.of(
            // IPv4
            parse("0.0.0.0/8"), parse("10.0.0.0/8"), parse("100.64.0.0/10"), parse("127.0.0.0/8"),
            parse("169.254.0.0/16"), parse("172.16.0.0/12"), parse("192.0.0.0/24"), parse("192.0.2.0/24"),
            parse("192.88.99.0/24"), parse("192.168.0.0/16"), parse("198.18.0.0/15"), parse("198.51.100.0/24"),
            parse("203.0.113.0/24"), parse("224.0.0.0/4"), parse("240.0.0.0/4"),
            // IPv6: unspecified, loopback, IPv4-compatible and -mapped, NAT64 and 6to4 (which can wrap a private
            // IPv4 address), discard, documentation, unique local (fd00:ec2::254 is a metadata address),
            // link-local, site-local, multicast
            parse("::/96"), parse("::ffff:0:0/96"), parse("64:ff9b::/96"), parse("64:ff9b:1::/48"),
            parse("100::/64"), parse("2001::/23"), parse("2001:db8::/32"), parse("2002::/16"), parse("fc00::/7"),
            parse("fe80::/10"), parse("fec0::/10"), parse("ff00::/8"));

    private AddressRanges() {
    }

    static boolean isPublic(InetAddress address) {
        return NOT_PUBLIC.stream().noneMatch(range -> range.contains(address));
    }

    /** A CIDR block such as {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address is a block of one. */
    static Range parse(String cidr) {
        int slash = cidr.indexOf('/');
        String literal = slash < 0 ? cidr : cidr.substring(0, slash);
        if (!literal.matches("[0-9a-fA-F:.]+")) {
            // Only a literal: a name here would be resolved through DNS.
            throw new IllegalArgumentException("Not an IP address range: " + cidr);
        }
        try {
            byte[] network = InetAddress.getByName(literal).getAddress();
            if (literal.contains(":") && network.length == 4) {
                // Java turns ::ffff:a.b.c.d into an IPv4 address; keep the block as written.
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(network, 0, mapped, 12, 4);
                network = mapped;
            }
            int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("Not an IP address range: " + cidr);
            }
            return new Range(Arrays.copyOf(network, network.length), prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("Not an IP address range: " + cidr, e);
        }
    }
}
