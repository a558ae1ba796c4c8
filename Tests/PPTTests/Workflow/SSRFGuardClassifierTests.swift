import Foundation
import Testing
@testable import PPTWorkflow

/// Address parsing and classification for the SSRF guard: every literal form a URL host can take.
@Suite struct SSRFGuardClassifierTests {
    @Test(arguments: [
        // IPv4
        ("8.8.8.8", AddressClass.publicAddress), ("1.1.1.1", .publicAddress), ("127.0.0.1", .loopback),
        ("127.255.255.254", .loopback), ("10.0.0.1", .privateNetwork), ("10.255.255.255", .privateNetwork),
        ("172.16.0.1", .privateNetwork), ("172.31.255.255", .privateNetwork), ("172.32.0.1", .publicAddress),
        ("172.15.255.255", .publicAddress), ("192.168.1.1", .privateNetwork), ("100.64.0.1", .sharedAddressSpace),
        ("100.127.255.255", .sharedAddressSpace), ("100.128.0.1", .publicAddress), ("169.254.1.1", .linkLocal),
        ("169.254.169.254", .metadata), ("100.100.100.200", .metadata), ("168.63.129.16", .metadata),
        ("0.0.0.0", .unspecified), ("0.1.2.3", .unspecified), ("224.0.0.1", .multicast),
        ("239.255.255.250", .multicast), ("255.255.255.255", .broadcast), ("240.0.0.1", .reserved),
        ("192.0.0.8", .reserved), ("198.18.0.1", .reserved), ("192.88.99.1", .reserved),
        ("192.0.2.1", .documentation), ("198.51.100.7", .documentation), ("203.0.113.9", .documentation),
        // IPv6
        ("::1", .loopback), ("::", .unspecified), ("fe80::1", .linkLocal), ("febf::1", .linkLocal),
        ("fec0::1", .privateNetwork), ("fc00::1", .uniqueLocal), ("fd12:3456::1", .uniqueLocal),
        ("fd00:ec2::254", .metadata), ("ff02::1", .multicast), ("2001:db8::1", .documentation),
        ("3fff::1", .documentation), ("2606:4700:4700::1111", .publicAddress), ("2a00:1450:4001::1", .publicAddress),
        ("100::1", .reserved), ("2001::1", .reserved), ("4000::1", .reserved),
        // IPv6 carrying IPv4
        ("::ffff:127.0.0.1", .loopback), ("::ffff:7f00:1", .loopback), ("::ffff:10.1.2.3", .privateNetwork),
        ("::ffff:169.254.169.254", .metadata), ("::ffff:8.8.8.8", .publicAddress), ("::127.0.0.1", .loopback),
        ("::10.0.0.1", .privateNetwork), ("::8.8.8.8", .reserved), ("64:ff9b::7f00:1", .loopback),
        ("64:ff9b::192.168.0.1", .privateNetwork), ("64:ff9b::8.8.8.8", .publicAddress),
        ("2002:7f00:1::", .loopback), ("2002:a00:1::1", .privateNetwork), ("2002:a9fe:a9fe::", .metadata),
        ("2002:808:808::1", .publicAddress),
    ])
    func literalsAreClassified(text: String, expected: AddressClass) throws {
        let address = try #require(IPAddress(literal: text), "\(text) should parse")
        #expect(address.addressClass == expected, "\(text)")
    }

    @Test(arguments: [
        ("127.0.0.1", "127.0.0.1"), ("2130706433", "127.0.0.1"), ("0x7f000001", "127.0.0.1"),
        ("0X7F000001", "127.0.0.1"), ("0177.0.0.1", "127.0.0.1"), ("0177.0.0.01", "127.0.0.1"), ("127.1", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"), ("127.0.1", "127.0.0.1"), ("0x7f.0.0.0x1", "127.0.0.1"), ("017700000001", "127.0.0.1"),
        ("0", "0.0.0.0"), ("0x0", "0.0.0.0"), ("169.254.43518", "169.254.169.254"), ("2852039166", "169.254.169.254"),
        ("0xa9.0xfe.0xa9.0xfe", "169.254.169.254"), ("10.1", "10.0.0.1"), ("127.0.0.1.", "127.0.0.1"),
        ("[::1]", "::1"), ("[::ffff:127.0.0.1]", "::ffff:7f00:1"), ("[0:0:0:0:0:0:0:1]", "::1"),
        ("[fd00:ec2::254]", "fd00:ec2::254"), ("[2001:DB8:0:0:1:0:0:1]", "2001:db8::1:0:0:1"),
    ])
    func urlHostFormsAreAddresses(host: String, canonical: String) {
        guard case .address(let address) = IPAddress.urlHost(host) else {
            Issue.record("\(host) was not recognised as an address")
            return
        }
        #expect(address.description == canonical, "\(host)")
    }

    @Test(arguments: ["1.2.3.4.5", "256.0.0.1", "1.2.3.256", "0x100.1.1.1", "4294967296", "08.1.1.1", "1.2.3.09",
                      "[::1%eth0]", "[1::2::3]", "[12345::]", "[::ffff:1.2.3]", "[1:2:3:4:5:6:7:8:9]", "example.123"])
    func numericLookingHostsThatAreNoAddressAreRefused(host: String) {
        #expect(IPAddress.urlHost(host) == .invalidNumeric, "\(host)")
    }

    @Test(arguments: ["example.com", "localhost", "0x7f.example", "1.2.3.example", "metadata.google.internal", "a-b.c_d"])
    func namesStayNames(host: String) {
        #expect(IPAddress.urlHost(host) == .name(host))
    }

    @Test func onlyNetworksForOnPremisesSystemsCanBeAllowListed() {
        let open = AddressClass.allCases.filter(\.allowListable)
        #expect(Set(open) == [.loopback, .privateNetwork, .sharedAddressSpace, .linkLocal, .uniqueLocal])
    }

    @Test func outboundURLsAreCanonical() throws {
        #expect(try OutboundURL("http://2130706433/x").description == "http://127.0.0.1/x")
        #expect(try OutboundURL("HTTPS://Example.COM.:443/a b?q=č#frag").description
                == "https://example.com/a%20b?q=%C4%8D")
        #expect(try OutboundURL("http://[::FFFF:127.0.0.1]:8080").description == "http://[::ffff:7f00:1]:8080/")
        let base = try OutboundURL("https://api.example.com:8443/v1/hooks/in?x=1")
        #expect(try base.resolving("/other").description == "https://api.example.com:8443/other")
        #expect(try base.resolving("next?y=2").description == "https://api.example.com:8443/v1/hooks/next?y=2")
        #expect(try base.resolving("//cdn.example.net/f").description == "https://cdn.example.net/f")
        #expect(try base.resolving("http://169.254.169.254/latest").host == .address(.v4(0xa9fe_a9fe)))
    }

    @Test(arguments: ["ftp://example.com/", "file:///etc/passwd", "gopher://x/", "example.com/path",
                      "http://user:pw@example.com/", "http://example.com@127.0.0.1/", "http://evil.com\\@127.0.0.1/",
                      "http:///path", "http://exa mple.com/", "http://example.com:0/", "http://example.com:99999/",
                      "http://ex%61mple.com/", "http://bücher.de/", "http://1.2.3.4.5/", "http://[::1/",
                      "http://a\u{0}b.com/"])
    func invalidURLsAreRefusedBeforeAnyLookup(text: String) {
        #expect(throws: ActionFailure.self) { try OutboundURL(text) }
        do { _ = try OutboundURL(text) } catch let failure as ActionFailure {
            #expect(failure.code == "http.invalid_url" && !failure.retryable)
        } catch { Issue.record("unexpected \(error)") }
    }
}
