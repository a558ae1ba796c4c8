import Crypto
import Foundation

/// Document bytes on the local disk, addressed by their SHA-256 (DESIGN §3): `blobs/ab/cd/<hash>`.
/// Identical uploads share one file; writes go to a temporary file and are renamed into place.
package struct BlobStore: Sendable {
    private let root: URL

    package init(directory: String) {
        self.root = URL(fileURLWithPath: directory, isDirectory: true)
    }

    /// Hex SHA-256 of `data`.
    package static func digest(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    private func url(for sha256: String) -> URL {
        let a = sha256.prefix(2), b = sha256.dropFirst(2).prefix(2)
        return root.appendingPathComponent(String(a)).appendingPathComponent(String(b)).appendingPathComponent(sha256)
    }

    /// Stores `data`; returns its hash.
    @discardableResult
    package func put(_ data: Data) throws -> String {
        let sha = Self.digest(data)
        let target = url(for: sha)
        if FileManager.default.fileExists(atPath: target.path) { return sha }
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(sha).\(UUID().uuidString)")
        try data.write(to: temporary)
        do {
            try FileManager.default.moveItem(at: temporary, to: target)
        } catch where FileManager.default.fileExists(atPath: target.path) {
            try? FileManager.default.removeItem(at: temporary)
        }
        return sha
    }

    /// The bytes of a stored blob, or `nil`.
    package func get(_ sha256: String) throws -> Data? {
        guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit) else { return nil }
        let target = url(for: sha256)
        guard FileManager.default.fileExists(atPath: target.path) else { return nil }
        return try Data(contentsOf: target)
    }
}
