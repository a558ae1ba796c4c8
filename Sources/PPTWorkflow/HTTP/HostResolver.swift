import Foundation
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves a host name to its addresses.
package protocol HostResolver: Sendable {
    /// Every address of `host` (A and AAAA), in the resolver's order, without duplicates.
    /// Throws `HostResolutionError`.
    func addresses(of host: String) async throws -> [IPAddress]
}

/// Why a name did not resolve.
package enum HostResolutionError: Error, Sendable, Hashable {
    /// The name does not exist (or has no addresses): another attempt will not help.
    case unknownHost
    /// The resolver failed for now (timeout, server failure).
    case temporaryFailure(String)
}

/// The system resolver (`getaddrinfo`, so `/etc/hosts` and the configured DNS servers), called on
/// NIO's blocking thread pool so it never blocks the event loops or the Swift cooperative pool.
package struct SystemHostResolver: HostResolver {
    private let threadPool: NIOThreadPool

    /// Resolves on `threadPool` (NIO's shared blocking pool by default).
    package init(threadPool: NIOThreadPool = .singleton) {
        self.threadPool = threadPool
    }

    /// Every address of `host`, by `getaddrinfo`.
    package func addresses(of host: String) async throws -> [IPAddress] {
        let result = try await threadPool.runIfActive { Self.lookup(host) }
        return try result.get()
    }

    private static func lookup(_ host: String) -> Result<[IPAddress], HostResolutionError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
        hints.ai_socktype = SOCK_STREAM
        #else
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        defer { if let list { freeaddrinfo(list) } }
        guard status == 0 else {
            if status == EAI_NONAME || status == EAI_NODATA_VALUE { return .failure(.unknownHost) }
            return .failure(.temporaryFailure(String(cString: gai_strerror(status))))
        }
        var addresses: [IPAddress] = []
        var cursor = list
        while let entry = cursor {
            defer { cursor = entry.pointee.ai_next }
            guard let socketAddress = entry.pointee.ai_addr else { continue }
            let address: IPAddress
            switch Int32(socketAddress.pointee.sa_family) {
            case AF_INET:
                let v4 = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                address = .v4(UInt32(bigEndian: v4.s_addr))
            case AF_INET6:
                let v6 = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                address = .v6(withUnsafeBytes(of: v6) { Array($0) })
            default:
                continue
            }
            if !addresses.contains(address) { addresses.append(address) }
        }
        return addresses.isEmpty ? .failure(.unknownHost) : .success(addresses)
    }
}

#if canImport(Darwin)
private let EAI_NODATA_VALUE: Int32 = EAI_NONAME
#else
// glibc's EAI_NODATA (-5) is only declared with _GNU_SOURCE.
private let EAI_NODATA_VALUE: Int32 = -5
#endif
