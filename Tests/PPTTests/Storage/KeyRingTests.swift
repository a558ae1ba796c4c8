import Foundation
import PPTDomain
import PPTStorage
import Testing

@Suite("Key ring and secrets")
struct KeyRingTests {
    @Test("secrets are stored encrypted, bound to their name, and survive rotation", arguments: TestDatabase.dialects)
    func rotation(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let ring = KeyRing.generate()
            let store = SecretStore(database: database, keyRing: ring)
            try await store.put("sk-live-very-secret", name: "llm_api_key", organizationID: a.organization.id)
            #expect(try await store.get(name: "llm_api_key", organizationID: a.organization.id) == "sk-live-very-secret")
            #expect(try await store.get(name: "llm_api_key", organizationID: nil) == nil)
            let rotated = try ring.addingNewKey()
            #expect(rotated.activeKey.id == "k2")
            let count = try await SecretStore(database: database, keyRing: rotated).reencryptAll()
            #expect(count == 1)
            // After rotation the old ring alone cannot read it; the new ring can.
            await #expect(throws: KeyRingError.self) {
                try await store.get(name: "llm_api_key", organizationID: a.organization.id)
            }
            #expect(try await SecretStore(database: database, keyRing: rotated)
                .get(name: "llm_api_key", organizationID: a.organization.id) == "sk-live-very-secret")
        }
    }

    @Test("ciphertexts carry the key id and fail on tampering or a wrong context")
    func ciphertexts() throws {
        let ring = KeyRing.generate()
        let sealed = try ring.encrypt("hello", context: "a")
        #expect(sealed.hasPrefix("v1:k1:"))
        #expect(!sealed.contains("hello"))
        #expect(try ring.decrypt(sealed, context: "a") == "hello")
        #expect(throws: (any Error).self) { try ring.decrypt(sealed, context: "b") }
        var bytes = Array(sealed.utf8)
        bytes[bytes.count - 3] = bytes[bytes.count - 3] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(throws: (any Error).self) { try ring.decrypt(String(decoding: bytes, as: UTF8.self), context: "a") }
        let parsed = try KeyRing(serialized: ring.serialized)
        #expect(try parsed.decrypt(sealed, context: "a") == "hello")
        #expect(throws: KeyRingError.self) { try KeyRing(serialized: "k1:bm90LTMyLWJ5dGVz") }
    }

    @Test("the key ring file is created with mode 0600")
    func keyFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-ring-\(UUID())/keyring").path
        let ring = try KeyRingSource.file(path: path).load()
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try KeyRingSource.file(path: path).load().activeKey.id == ring.activeKey.id)
    }
}
