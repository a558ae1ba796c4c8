import Foundation
import PPTDomain
import PPTStorage
import Testing
@testable import PPTWorkflow

/// The SSRF guard's decisions: literal and DNS-resolved private addresses refused, the allow-list
/// opening only what it may, and every resolved address checked.
@Suite struct SSRFGuardTests {
    /// A resolver answering from a fixed table, for names no real DNS server here can serve
    /// (a name with one public and one private address).
    struct TableResolver: HostResolver {
        let table: [String: [IPAddress]]
        func addresses(of host: String) async throws -> [IPAddress] {
            guard let addresses = table[host] else { throw HostResolutionError.unknownHost }
            return addresses
        }
    }

    private func refusal(_ url: String, allowlist: [HTTPAllowlistEntry] = [], guard ssrfGuard: SSRFGuard = SSRFGuard())
        async throws -> ActionFailure?
    {
        do {
            _ = try await ssrfGuard.check(try OutboundURL(url), allowlist: allowlist)
            return nil
        } catch let failure as ActionFailure {
            return failure
        }
    }

    @Test(arguments: [
        ("http://127.0.0.1/", "loopback"), ("http://localhost/", "loopback"), ("http://LOCALHOST./admin", "loopback"),
        ("http://[::1]/", "loopback"), ("http://[::ffff:127.0.0.1]/", "loopback"), ("http://2130706433/", "loopback"),
        ("http://0x7f.1/", "loopback"), ("http://0177.0.0.1/", "loopback"), ("http://127.1:8080/", "loopback"),
        ("http://169.254.169.254/latest/meta-data", "cloud metadata"), ("http://[fd00:ec2::254]/", "cloud metadata"),
        ("http://[::ffff:a9fe:a9fe]/", "cloud metadata"), ("http://10.0.0.5/", "private"),
        ("https://192.168.1.1/", "private"), ("http://100.64.1.1/", "shared address space (CGNAT)"),
        ("http://[fe80::1]/", "link-local"), ("http://[fc00::1]/", "unique-local"), ("http://0.0.0.0:9000/", "unspecified"),
        ("http://[::]/", "unspecified"), ("http://224.0.0.1/", "multicast"), ("http://255.255.255.255/", "broadcast"),
        ("http://240.0.0.1/", "reserved"), ("http://[64:ff9b::7f00:1]/", "loopback"), ("http://[2002:a00:1::]/", "private"),
    ])
    func privateTargetsAreRefused(url: String, kind: String) async throws {
        let failure = try #require(try await refusal(url), "\(url) was allowed")
        #expect(failure.code == "http.blocked_address")
        #expect(!failure.retryable)
        #expect(failure.message.contains("a \(kind) address"), "\(failure.message)")
    }

    @Test func aResolvedNameIsNamedWithItsClassButNotItsAddresses() async throws {
        let failure = try #require(try await refusal("http://localhost:8080/x"))
        #expect(failure.message.contains("localhost resolves to a loopback address"))
        #expect(!failure.message.contains("127.0.0.1"))
    }

    @Test func everyResolvedAddressMustPass() async throws {
        let resolver = TableResolver(table: [
            "mixed.test": [.v4(0x0808_0808), IPAddress(literal: "10.1.2.3")!],
            "public.test": [.v4(0x0808_0808), IPAddress(literal: "2606:4700:4700::1111")!],
            "rebind.test": [IPAddress(literal: "::ffff:169.254.169.254")!],
        ])
        let ssrfGuard = SSRFGuard(resolver: resolver)
        let mixed = try #require(try await refusal("https://mixed.test/", guard: ssrfGuard))
        #expect(mixed.message.contains("mixed.test resolves to a private address"))
        #expect(try await ssrfGuard.check(try OutboundURL("https://public.test/"), allowlist: []) == .v4(0x0808_0808))
        #expect(try await refusal("http://rebind.test/", guard: ssrfGuard)?.code == "http.blocked_address")
        let unknown = try #require(try await refusal("http://nowhere.test/", guard: ssrfGuard))
        #expect(unknown.code == "http.unknown_host" && !unknown.retryable)
    }

    @Test func theAllowListOpensAListedHostAndPortOnly() async throws {
        let entries = [
            try HTTPAllowlistEntry(parsing: "127.0.0.1:8080", pointer: "/0"),
            try HTTPAllowlistEntry(parsing: "localhost", pointer: "/1"),
            try HTTPAllowlistEntry(parsing: "[::1]:9090", pointer: "/2"),
        ]
        let ssrfGuard = SSRFGuard()
        #expect(try await ssrfGuard.check(try OutboundURL("http://127.0.0.1:8080/"), allowlist: entries) == .v4(0x7f00_0001))
        // The same address however written.
        #expect(try await ssrfGuard.check(try OutboundURL("http://2130706433:8080/"), allowlist: entries) == .v4(0x7f00_0001))
        #expect(try await refusal("http://127.0.0.1:8081/", allowlist: entries)?.code == "http.blocked_address")
        // A name entry without a port opens every port of that name, and only that name.
        #expect(try await ssrfGuard.check(try OutboundURL("http://localhost:1234/"), allowlist: entries) == .v4(0x7f00_0001))
        #expect(try await refusal("http://[::1]:1234/", allowlist: entries)?.code == "http.blocked_address")
        #expect(try await ssrfGuard.check(try OutboundURL("http://[::1]:9090/"), allowlist: entries) == IPAddress(literal: "::1"))
    }

    @Test func metadataAndReservedAddressesStayClosedWhenListed() async throws {
        let entries = ["169.254.169.254", "[fd00:ec2::254]", "0.0.0.0", "240.0.0.1"].enumerated().map {
            try! HTTPAllowlistEntry(parsing: $0.element, pointer: "/\($0.offset)")
        }
        for url in ["http://169.254.169.254/", "http://[fd00:ec2::254]/", "http://0.0.0.0/", "http://240.0.0.1/"] {
            let failure = try #require(try await refusal(url, allowlist: entries), "\(url) was allowed")
            #expect(failure.message.contains("never"), "\(failure.message)")
        }
    }

    @Test(arguments: [
        ("Example.COM", "example.com", nil as Int?), ("api.example.com:8443", "api.example.com", 8443),
        ("127.0.0.1:8080", "127.0.0.1", 8080), ("[::1]:9000", "::1", 9000), ("::1", "::1", nil),
        ("[FD00::0001]", "fd00::1", nil), ("intranet.local.", "intranet.local", nil),
    ])
    func allowListEntriesParse(text: String, host: String, port: Int?) throws {
        let entry = try HTTPAllowlistEntry(parsing: text, pointer: "/hosts/0")
        #expect(entry.host == host && entry.port == port)
    }

    @Test(arguments: ["*.example.com", "10.0.0.0/8", "127.1", "2130706433", "0x7f000001", "http://example.com",
                      "example.com:0", "example.com:70000", "[::1", "exa mple.com", "", "user@example.com", "010.0.0.1"])
    func allowListEntriesRefuseWildcardsRangesAndOddForms(text: String) {
        #expect(throws: DomainError.self) { try HTTPAllowlistEntry(parsing: text, pointer: "/hosts/3") }
    }
}
