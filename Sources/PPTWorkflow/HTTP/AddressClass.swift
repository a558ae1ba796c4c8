/// What kind of network an address belongs to, for the SSRF guard (DESIGN §4).
package enum AddressClass: String, Sendable, Hashable, CaseIterable {
    /// Globally routable: any workflow may call it.
    case publicAddress = "public"
    /// `127.0.0.0/8`, `::1`.
    case loopback
    /// `10/8`, `172.16/12`, `192.168/16`, and the deprecated IPv6 site-local `fec0::/10`.
    case privateNetwork = "private"
    /// Carrier-grade NAT `100.64.0.0/10`.
    case sharedAddressSpace = "shared address space (CGNAT)"
    /// `169.254/16`, `fe80::/10`.
    case linkLocal = "link-local"
    /// Cloud instance metadata: `169.254.169.254`, `fd00:ec2::254`, `100.100.100.200` (Alibaba),
    /// `168.63.129.16` (Azure host). Never opened by the allow-list.
    case metadata = "cloud metadata"
    /// `0.0.0.0/8`, `::` (connecting to them reaches the local host on Linux).
    case unspecified
    /// `224/4`, `ff00::/8`.
    case multicast
    /// `255.255.255.255`.
    case broadcast
    /// `240/4`, IETF assignments (`192.0.0/24`), benchmarking (`198.18/15`), 6to4 relays
    /// (`192.88.99/24`), and IPv6 outside `2000::/3` or in special ranges (discard `100::/64`,
    /// IETF `2001::/23`, deprecated IPv4-compatible addresses with a public address inside).
    case reserved
    /// `fc00::/7`.
    case uniqueLocal = "unique-local"
    /// `192.0.2/24`, `198.51.100/24`, `203.0.113/24`, `2001:db8::/32`, `3fff::/20`.
    case documentation

    /// Whether an organization's allow-list can open this class for a listed host (an on-premises
    /// system on a private network). Metadata, unspecified, multicast, broadcast, reserved and
    /// documentation addresses stay closed whatever the list says.
    package var allowListable: Bool {
        switch self {
        case .loopback, .privateNetwork, .sharedAddressSpace, .linkLocal, .uniqueLocal: true
        case .publicAddress, .metadata, .unspecified, .multicast, .broadcast, .reserved, .documentation: false
        }
    }
}

extension IPAddress {
    /// The class of this address. IPv6 forms that carry an IPv4 address (mapped `::ffff:a.b.c.d`,
    /// compatible `::a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) take the class of the IPv4
    /// address inside, so `::ffff:127.0.0.1` is loopback.
    package var addressClass: AddressClass {
        switch self {
        case .v4(let value): return Self.classify(v4: value)
        case .v6(let bytes): return Self.classify(v6: bytes)
        }
    }

    /// The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 address.
    package var embeddedIPv4: UInt32? {
        guard case .v6(let b) = self else { return nil }
        func v4(_ at: Int) -> UInt32 {
            UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
        }
        if b[0..<10].allSatisfy({ $0 == 0 }) && (b[10] == 0xff && b[11] == 0xff || b[10] == 0 && b[11] == 0) {
            return v4(12)  // mapped ::ffff:a.b.c.d, compatible ::a.b.c.d
        }
        if b[0..<12] == [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0] { return v4(12) }  // NAT64 64:ff9b::/96
        if b[0] == 0x20 && b[1] == 0x02 { return v4(2) }  // 6to4 2002:aabb:ccdd::/48
        return nil
    }

    private static func classify(v4 a: UInt32) -> AddressClass {
        func within(_ base: UInt32, _ bits: UInt32) -> Bool {
            let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
            return a & mask == base & mask
        }
        func ip(_ x: UInt32, _ y: UInt32, _ z: UInt32, _ w: UInt32) -> UInt32 { x << 24 | y << 16 | z << 8 | w }
        if [ip(169, 254, 169, 254), ip(100, 100, 100, 200), ip(168, 63, 129, 16)].contains(a) { return .metadata }
        if a == ip(255, 255, 255, 255) { return .broadcast }
        if within(0, 8) { return .unspecified }
        if within(ip(127, 0, 0, 0), 8) { return .loopback }
        if within(ip(10, 0, 0, 0), 8) || within(ip(172, 16, 0, 0), 12) || within(ip(192, 168, 0, 0), 16) {
            return .privateNetwork
        }
        if within(ip(100, 64, 0, 0), 10) { return .sharedAddressSpace }
        if within(ip(169, 254, 0, 0), 16) { return .linkLocal }
        if within(ip(192, 0, 2, 0), 24) || within(ip(198, 51, 100, 0), 24) || within(ip(203, 0, 113, 0), 24) {
            return .documentation
        }
        if within(ip(224, 0, 0, 0), 4) { return .multicast }
        if within(ip(240, 0, 0, 0), 4) || within(ip(192, 0, 0, 0), 24) || within(ip(198, 18, 0, 0), 15)
            || within(ip(192, 88, 99, 0), 24) {
            return .reserved
        }
        return .publicAddress
    }

    private static func classify(v6 b: [UInt8]) -> AddressClass {
        if b.allSatisfy({ $0 == 0 }) { return .unspecified }
        if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return .loopback }
        if b == [0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54] { return .metadata }
        if let v4 = IPAddress.v6(b).embeddedIPv4 {
            let inner = classify(v4: v4)
            let compatible = b[0..<12].allSatisfy { $0 == 0 }
            // The deprecated IPv4-compatible form is not routed even for a public address.
            return compatible && inner == .publicAddress ? .reserved : inner
        }
        if b[0] == 0xff { return .multicast }
        if b[0] == 0xfe && b[1] & 0xc0 == 0x80 { return .linkLocal }
        if b[0] == 0xfe && b[1] & 0xc0 == 0xc0 { return .privateNetwork }  // site-local, deprecated
        if b[0] & 0xfe == 0xfc { return .uniqueLocal }
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8 { return .documentation }
        if b[0] == 0x3f && b[1] == 0xff && b[2] & 0xf0 == 0 { return .documentation }
        if b[0] == 0x01 && b[1] == 0 && b[2..<8].allSatisfy({ $0 == 0 }) { return .reserved }  // discard 100::/64
        if b[0] == 0x20 && b[1] == 0x01 && b[2] < 0x02 { return .reserved }  // IETF 2001::/23 (Teredo, ORCHID…)
        if b[0] & 0xe0 != 0x20 { return .reserved }  // outside global unicast 2000::/3
        return .publicAddress
    }
}
