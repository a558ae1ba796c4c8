import Foundation

/// Where the key ring comes from: `PPT_MASTER_KEY` when set, else `<data dir>/keyring`, created
/// with mode 0600 on first start.
package enum KeyRingSource: Sendable, Equatable {
    case environment(String)
    case file(path: String)

    /// Loads the ring, creating the file with one new key if it does not exist.
    package func load() throws -> KeyRing {
        switch self {
        case .environment(let value):
            return try KeyRing(serialized: value)
        case .file(let path):
            if FileManager.default.fileExists(atPath: path) {
                return try KeyRing(serialized: String(contentsOfFile: path, encoding: .utf8))
            }
            let ring = KeyRing.generate()
            try write(ring, to: path)
            return ring
        }
    }

    /// Persists a rotated ring (file source only).
    package func save(_ ring: KeyRing) throws {
        guard case .file(let path) = self else { throw KeyRingError.malformed("PPT_MASTER_KEY cannot be written") }
        try write(ring, to: path)
    }

    private func write(_ ring: KeyRing, to path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(
            atPath: temporary, contents: Data(ring.serialized.utf8), attributes: [.posixPermissions: 0o600])
        else { throw KeyRingError.malformed("cannot write \(temporary)") }
        // rename(2) replaces atomically, so a crash never leaves a half-written ring.
        guard rename(temporary, path) == 0 else {
            throw KeyRingError.malformed("cannot move the key ring into place at \(path) (errno \(errno))")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }
}
