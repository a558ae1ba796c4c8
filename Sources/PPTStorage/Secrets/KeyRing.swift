import Crypto
import Foundation

/// AES-256-GCM keys for secrets at rest (DESIGN §4). The last key encrypts; every key decrypts.
///
/// Ciphertexts are `v1:<key id>:<base64(nonce ‖ ciphertext ‖ tag)>`, so a rotated ring still reads
/// old values and `ppt keys rotate` can re-encrypt them under the new key.
package struct KeyRing: Sendable {
    /// One key.
    package struct Key: Sendable {
        package let id: String
        package let key: SymmetricKey
    }

    package let keys: [Key]

    /// The key new ciphertexts use.
    package var activeKey: Key { keys[keys.count - 1] }

    package init(keys: [Key]) throws {
        guard !keys.isEmpty else { throw KeyRingError.empty }
        self.keys = keys
    }

    private init(key: Key) { self.keys = [key] }

    /// Parses `id:base64,id:base64` (or one bare base64 key, id `k1`); each key must be 32 bytes.
    package init(serialized: String) throws {
        var keys: [Key] = []
        for (index, entry) in serialized.split(whereSeparator: { $0 == "," || $0 == "\n" }).enumerated() {
            let text = entry.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            let (id, encoded) = parts.count == 2 ? (parts[0], parts[1]) : ("k\(index + 1)", parts[0])
            guard let data = Data(base64Encoded: encoded), data.count == 32 else {
                throw KeyRingError.malformed("key \(id) is not 32 bytes of base64")
            }
            guard !id.isEmpty, !id.contains(":") else { throw KeyRingError.malformed("bad key id") }
            keys.append(Key(id: id, key: SymmetricKey(data: data)))
        }
        try self.init(keys: keys)
    }

    /// The ring in the format `init(serialized:)` reads. Contains key material: write only to a 0600 file.
    package var serialized: String {
        keys.map { key in "\(key.id):\(key.key.withUnsafeBytes { Data($0).base64EncodedString() })" }
            .joined(separator: "\n") + "\n"
    }

    /// A ring with one more, freshly generated key that becomes active.
    package func addingNewKey() throws -> KeyRing {
        let next = (keys.compactMap { Int($0.id.dropFirst()) }.max() ?? keys.count) + 1
        return try KeyRing(keys: keys + [Key(id: "k\(next)", key: SymmetricKey(size: .bits256))])
    }

    /// A ring with one new random key.
    package static func generate() -> KeyRing {
        KeyRing(key: Key(id: "k1", key: SymmetricKey(size: .bits256)))
    }

    /// Encrypts `plaintext`, binding it to `context` (e.g. `org:<id>:llm_api_key`) as associated data.
    package func encrypt(_ plaintext: String, context: String) throws -> String {
        let active = activeKey
        let sealed = try AES.GCM.seal(Data(plaintext.utf8), using: active.key, authenticating: Data(context.utf8))
        guard let combined = sealed.combined else { throw KeyRingError.malformed("nonce size") }
        return "v1:\(active.id):\(combined.base64EncodedString())"
    }

    /// Decrypts a value produced by `encrypt` under any key of the ring.
    package func decrypt(_ ciphertext: String, context: String) throws -> String {
        let parts = ciphertext.split(separator: ":", maxSplits: 2).map(String.init)
        guard parts.count == 3, parts[0] == "v1", let data = Data(base64Encoded: parts[2]) else {
            throw KeyRingError.malformed("not a PPT ciphertext")
        }
        guard let key = keys.first(where: { $0.id == parts[1] }) else { throw KeyRingError.unknownKey(parts[1]) }
        let box = try AES.GCM.SealedBox(combined: data)
        let plaintext = try AES.GCM.open(box, using: key.key, authenticating: Data(context.utf8))
        return String(decoding: plaintext, as: UTF8.self)
    }

    /// The id of the key a ciphertext was made with.
    package static func keyID(of ciphertext: String) -> String? {
        let parts = ciphertext.split(separator: ":", maxSplits: 2)
        return parts.count == 3 ? String(parts[1]) : nil
    }

    /// Derives a purpose-specific secret (e.g. the JWT signing key) from the first key of the ring,
    /// so it survives rotation of the encryption key.
    package func derivedKey(purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: keys[0].key, info: Data("ppt:\(purpose)".utf8), outputByteCount: 32)
    }
}

/// A key ring that cannot be loaded or used.
package enum KeyRingError: Error, CustomStringConvertible {
    case empty
    case malformed(String)
    case unknownKey(String)

    package var description: String {
        switch self {
        case .empty: "the key ring has no keys"
        case .malformed(let why): "the key ring or a ciphertext is malformed: \(why)"
        case .unknownKey(let id): "a secret was encrypted with key \(id), which is not in the key ring"
        }
    }
}
