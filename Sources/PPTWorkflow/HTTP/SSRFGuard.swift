import Foundation
import PPTStorage

/// Decides whether a workflow may call a URL and which address to connect to (DESIGN §4).
///
/// Address hosts are classified as written (in any of their forms); names are resolved and every
/// address they resolve to must pass. Public addresses always pass. Loopback, private, CGNAT,
/// link-local and unique-local addresses pass only for a host on the organization's allow-list
/// (with the URL's port when the entry names one). Metadata, unspecified, multicast, broadcast,
/// reserved and documentation addresses never pass. The caller must connect only to the returned
/// address, so a second resolution cannot swap it (DNS rebinding).
package struct SSRFGuard: Sendable {
    private let resolver: any HostResolver

    /// A guard resolving names with `resolver`.
    package init(resolver: any HostResolver = SystemHostResolver()) {
        self.resolver = resolver
    }

    /// The checked address to connect to for `url`. Throws a non-retryable `http.blocked_address`
    /// naming the host and the class of address (never the addresses themselves), `http.unknown_host`
    /// for a name that does not exist, and a retryable `http.unreachable` when resolution fails for now.
    package func check(_ url: OutboundURL, allowlist: [HTTPAllowlistEntry]) async throws -> IPAddress {
        let listed = allowlist.contains { Self.matches($0, url) }
        let addresses: [IPAddress]
        switch url.host {
        case .address(let address):
            addresses = [address]
        case .name(let name):
            do {
                addresses = try await resolver.addresses(of: name)
            } catch HostResolutionError.unknownHost {
                throw ActionFailure(code: "http.unknown_host", message: "The host \(name) does not exist.", retryable: false)
            } catch HostResolutionError.temporaryFailure(let reason) {
                throw ActionFailure(code: "http.unreachable", message: "Could not resolve \(name): \(reason).",
                                    retryable: true)
            }
        }
        for address in addresses {
            let addressClass = address.addressClass
            if addressClass == .publicAddress || listed && addressClass.allowListable { continue }
            throw Self.blocked(url, addressClass)
        }
        // IPv4 first: on-premises systems and test servers listen there more often than on IPv6.
        guard let chosen = addresses.first(where: { if case .v4 = $0 { true } else { false } }) ?? addresses.first
        else { throw ActionFailure(code: "http.unknown_host", message: "The host \(url.host) has no address.", retryable: false) }
        return chosen
    }

    /// Whether `entry` names the URL's host (the same name, or the same address however written)
    /// and, if it names a port, the URL's port.
    package static func matches(_ entry: HTTPAllowlistEntry, _ url: OutboundURL) -> Bool {
        if let port = entry.port, port != url.port { return false }
        switch url.host {
        case .name(let name):
            return entry.host == name
        case .address(let address):
            return IPAddress(literal: entry.host) == address
        }
    }

    private static func blocked(_ url: OutboundURL, _ addressClass: AddressClass) -> ActionFailure {
        let how: String
        switch url.host {
        case .address: how = "\(url.host) is a \(addressClass.rawValue) address"
        case .name(let name): how = "\(name) resolves to a \(addressClass.rawValue) address"
        }
        let remedy = addressClass.allowListable
            ? "An administrator can allow-list the host (workflow HTTP allow-list) for an on-premises system."
            : "Workflows may never call such addresses."
        return ActionFailure(code: "http.blocked_address", message: "Refused: \(how). \(remedy)", retryable: false)
    }
}
