import Foundation
import X509

/// A signing certificate chain that passed the SAN and trust checks, as cached by URL.
package struct AlexaSigningCertificate: Sendable {
    /// The signing (first) certificate.
    package let leaf: Certificate
    /// The rest of the downloaded chain.
    package let intermediates: [Certificate]

    package init(leaf: Certificate, intermediates: [Certificate]) {
        self.leaf = leaf
        self.intermediates = intermediates
    }

    /// Its validity window.
    package var notBefore: Date { leaf.notValidBefore }
    package var notAfter: Date { leaf.notValidAfter }
}

/// Verified signing certificates by URL, each kept until its `notAfter` and at most `capacity`
/// of them (the entry expiring soonest makes room). Amazon rotates its certificate rarely, so the
/// cache saves a download and a chain validation on almost every request.
package actor AlexaCertificateCache {
    private var entries: [URL: AlexaSigningCertificate] = [:]
    private let capacity: Int

    /// A cache of at most `capacity` chains.
    package init(capacity: Int = 16) { self.capacity = max(1, capacity) }

    /// The cached certificate for `url`, if still valid at `now`.
    package func certificate(for url: URL, now: Date) -> AlexaSigningCertificate? {
        guard let entry = entries[url] else { return nil }
        guard now <= entry.notAfter else {
            entries[url] = nil
            return nil
        }
        return entry
    }

    /// Remembers a verified certificate.
    package func store(_ certificate: AlexaSigningCertificate, for url: URL, now: Date) {
        entries = entries.filter { $0.value.notAfter >= now }
        if entries[url] == nil, entries.count >= capacity,
            let soonest = entries.min(by: { $0.value.notAfter < $1.value.notAfter })?.key {
            entries[soonest] = nil
        }
        entries[url] = certificate
    }

    /// How many chains are cached.
    package var count: Int { entries.count }
}
