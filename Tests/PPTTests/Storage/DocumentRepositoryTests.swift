import Foundation
import PPTDomain
import PPTStorage
import Testing

@Suite("Document repository contract")
struct DocumentRepositoryTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".utf8)
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])

    /// A repository over a fresh blob directory (removed with the process's temporary files).
    static func repository(_ database: any Database, maxUploadBytes: Int = DocumentRepository.defaultMaxUploadBytes)
        -> DocumentRepository
    {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-blobs-\(UUID().uuidString)")
        return DocumentRepository(database: database, blobs: BlobStore(directory: directory.path),
                                  maxUploadBytes: maxUploadBytes)
    }

    static func text(_ content: String, name: String = "notes.txt") -> DocumentFile {
        DocumentFile(fileName: name, declaredType: "text/plain; charset=utf-8", data: Data(content.utf8))
    }

    static func meta(_ title: String, _ access: DocumentAccess = DocumentAccess(), category: String = "general",
                     folder: String? = nil) -> DocumentMetadataInput {
        DocumentMetadataInput(title: title, category: category, folder: folder, language: .sk, access: access)
    }

    /// A new member of the fixture's organization with `role`, living in `unit` when given.
    static func member(_ database: any Database, _ f: Fixture, _ role: Role, _ name: String, unit: UnitID? = nil)
        async throws -> OrgScope
    {
        let accounts = AccountRepository(database: database)
        let user = try await accounts.createUser(email: "\(name)@example.com", name: name, passwordHash: "x",
                                                 locale: .sk)
        _ = try await accounts.setMember(f.admin, email: user.email, role: role)
        if let unit {
            _ = try await PropertyRepository(database: database).addResident(f.admin, unitID: unit, ResidentInput(
                userID: user.id, name: name, email: user.email, relation: .owner,
                startDate: CalendarDate("2024-01-01")!))
        }
        return try await accounts.scope(userID: user.id, organizationID: f.organization.id)!
    }

    static func uploadEvents(_ database: any Database, _ org: OrganizationID) async throws -> [DomainEvent] {
        try await OutboxStore(database: database).events(organizationID: org).map(\.event)
            .filter { $0.type == .documentUploaded }
    }


    @Test("every read honours the access scope: hidden documents are not found for list, get, versions and download",
          arguments: TestDatabase.dialects)
    func accessMatrix(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let f = try await Fixture.make(database)
            let otherUnit = try await PropertyRepository(database: database).createUnit(f.admin, UnitInput(
                buildingID: f.building.id, number: "2", type: .flat, floor: 1, sizeSqm: 50, rooms: 2,
                ownershipShareNumerator: 500, ownershipShareDenominator: 10_000))
            let named = try await Self.member(database, f, .resident, "named")
            let neighbour = try await Self.member(database, f, .owner, "neighbour", unit: otherUnit.id)
            let technician = try await Self.member(database, f, .technician, "tech")
            let repo = Self.repository(database)
            var docs: [String: Document] = [:]
            let accesses: [(String, DocumentAccess)] = [
                ("org", DocumentAccess()),
                ("staff", DocumentAccess(level: .staff)),
                ("myUnit", DocumentAccess(level: .unit, unitIDs: [f.unit.id])),
                ("otherUnit", DocumentAccess(level: .unit, unitIDs: [otherUnit.id])),
                ("building", DocumentAccess(level: .building, buildingIDs: [f.building.id])),
                ("owners", DocumentAccess(level: .roles, roles: [.owner])),
                ("named", DocumentAccess(level: .users, userIDs: [named.userID])),
            ]
            for (key, access) in accesses {
                docs[key] = try await repo.upload(f.admin, Self.meta(key, access), file: Self.text("about \(key)"))
            }
            let expected: [(OrgScope, Set<String>)] = [
                (f.admin, Set(docs.keys)),
                (f.tenant, ["org", "myUnit", "building"]),
                (named, ["org", "named"]),
                (neighbour, ["org", "otherUnit", "building", "owners"]),
                (technician, ["org"]),
            ]
            for (scope, visible) in expected {
                let listed = try await repo.documents(scope, page: PageRequest())
                #expect(Set(listed.items.map(\.title)) == visible, "role \(scope.role)")
                for (key, document) in docs where !visible.contains(key) {
                    await #expect(throws: DomainError.notFound("document")) {
                        try await repo.document(scope, id: document.id)
                    }
                    await #expect(throws: DomainError.notFound("document")) {
                        try await repo.download(scope, id: document.id)
                    }
                    await #expect(throws: DomainError.notFound("document")) {
                        try await repo.versions(scope, id: document.id)
                    }
                }
                for key in visible {
                    let download = try await repo.download(scope, id: docs[key]!.id)
                    #expect(download.data == Data("about \(key)".utf8) && download.contentType == "text/plain")
                }
            }
            await expectError("permission.denied") {
                try await repo.upload(f.tenant, Self.meta("mine"), file: Self.text("x"))
            }
            await expectError("permission.denied") {
                try await repo.updateMetadata(f.tenant, id: docs["org"]!.id, Self.meta("renamed"))
            }
        }
    }

    @Test("a new version increments the number, keeps every version downloadable and emits one event each",
          arguments: TestDatabase.dialects)
    func versioning(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let f = try await Fixture.make(database)
            let manager = try await Self.member(database, f, .manager, "manager")
            let repo = Self.repository(database)
            let v1 = try await repo.upload(f.admin, Self.meta("House rules", category: "rules"),
                                           file: Self.text("Quiet after 22:00.", name: "rules.txt"))
            #expect(v1.currentVersion == 1 && v1.contentType == "text/plain" && v1.fileName == "rules.txt")
            let v2 = try await repo.uploadVersion(manager, id: v1.id, file: DocumentFile(
                fileName: "C:\\scans\\rules.pdf", declaredType: "application/pdf", data: Self.pdf))
            #expect(v2.currentVersion == 2 && v2.contentType == "application/pdf" && v2.fileName == "rules.pdf")
            #expect(v2.uploadedBy == f.admin.userID && v2.title == "House rules")
            await expectError("permission.denied") {
                try await repo.uploadVersion(f.tenant, id: v1.id, file: Self.text("mine"))
            }
            let versions = try await repo.versions(f.tenant, id: v1.id)
            #expect(versions.map(\.version) == [2, 1])
            #expect(versions.map(\.uploadedBy) == [manager.userID, f.admin.userID])
            let current = try await repo.download(f.tenant, id: v1.id)
            #expect(current.data == Self.pdf && current.version == 2 && current.fileName == "rules.pdf")
            let first = try await repo.download(f.tenant, id: v1.id, version: 1)
            #expect(first.data == Data("Quiet after 22:00.".utf8) && first.contentType == "text/plain")
            await #expect(throws: DomainError.notFound("document_version")) {
                try await repo.download(f.tenant, id: v1.id, version: 3)
            }
            #expect(try await repo.document(f.admin, id: v1.id).sha256 == v2.sha256)
            let events = try await Self.uploadEvents(database, f.organization.id)
            #expect(events.count == 2)
            #expect(events.map { $0.payload["version"] } == [.int(1), .int(2)])
            #expect(events.allSatisfy { $0.aggregateID == v1.id.rawValue && $0.payload["documentID"] == .id(v1.id) })
            #expect(events[1].payload["contentType"] == "application/pdf")
            #expect(events[1].payload["sizeBytes"] == .int(Int64(Self.pdf.count)))
            #expect(events[1].payload["title"] == "House rules" && events[1].payload["category"] == "rules")
        }
    }

    @Test("content must match the declared type and stay under the size limit; rejected uploads leave no trace",
          arguments: TestDatabase.dialects)
    func contentChecks(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let f = try await Fixture.make(database)
            let repo = Self.repository(database, maxUploadBytes: 64)
            let rejected: [(DocumentFile, String)] = [
                (DocumentFile(fileName: "contract.pdf", declaredType: "application/pdf",
                              data: Data("This is plain text pretending.".utf8)), "document.unsupported_type"),
                (DocumentFile(fileName: "a.txt", declaredType: "text/plain", data: Data([0xFF, 0xFE, 0x41])),
                 "document.unsupported_type"),
                (DocumentFile(fileName: "a.gif", declaredType: "image/gif", data: Data("GIF89a".utf8)),
                 "document.unsupported_type"),
                (DocumentFile(fileName: "a.docx", declaredType: DocumentFormat.docx.rawValue, data: Self.pdf),
                 "document.unsupported_type"),
                (DocumentFile(fileName: "a.png", declaredType: "image/png", data: Self.pdf),
                 "document.unsupported_type"),
                (Self.text(String(repeating: "x", count: 65)), "document.too_large"),
                (Self.text(""), "validation.failed"),
            ]
            for (file, code) in rejected {
                await expectError(code, fields: ["/file"]) {
                    try await repo.upload(f.admin, Self.meta("Bad"), file: file)
                }
            }
            await expectError("validation.failed", fields: ["/title", "/access/unitIDs"]) {
                try await repo.upload(f.admin, Self.meta(" ", DocumentAccess(level: .unit)), file: Self.text("ok"))
            }
            #expect(try await repo.documents(f.admin, page: PageRequest()).items.isEmpty)
            #expect(try await Self.uploadEvents(database, f.organization.id).isEmpty)

            let accepted: [(DocumentFile, DocumentFormat)] = [
                (DocumentFile(fileName: "readme.md", declaredType: "application/octet-stream",
                              data: Data("# Schôdza".utf8)), .markdown),
                (DocumentFile(fileName: "photo", declaredType: "image/png", data: Self.png), .png),
                (DocumentFile(fileName: "p.jpg", declaredType: "image/jpg", data: Data([0xFF, 0xD8, 0xFF, 0xE0])),
                 .jpeg),
                (DocumentFile(fileName: "p.webp", declaredType: "image/webp",
                              data: Data("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)), .webp),
                (DocumentFile(fileName: "c.docx", declaredType: DocumentFormat.docx.rawValue,
                              data: Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00])), .docx),
                (DocumentFile(fileName: "i.html", declaredType: "text/html", data: Data("<p>Ahoj</p>".utf8)), .html),
            ]
            for (file, format) in accepted {
                let document = try await repo.upload(f.admin, Self.meta(file.fileName), file: file)
                #expect(document.contentType == format.rawValue)
            }
            #expect(try await Self.uploadEvents(database, f.organization.id).count == accepted.count)
        }
    }

    @Test("filters, metadata changes, deletion and other organizations", arguments: TestDatabase.dialects)
    func filtersAndIsolation(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let f = try await Fixture.make(database, name: "A")
            let b = try await Fixture.make(database, name: "B")
            let repo = Self.repository(database)
            let lease = try await repo.upload(f.admin, Self.meta("Zmluva o nájme", category: "contracts",
                                                                 folder: "/Contracts/2024/"), file: Self.text("a"))
            #expect(lease.folder == "Contracts/2024")
            _ = try await repo.upload(f.admin, Self.meta("Zápisnica", category: "minutes", folder: "Minutes"),
                                      file: Self.text("b"))
            func titles(_ filter: DocumentFilter) async throws -> [String] {
                try await repo.documents(f.tenant, filter: filter, page: PageRequest()).items.map(\.title)
            }
            #expect(try await titles(DocumentFilter(folder: "Contracts/2024")) == ["Zmluva o nájme"])
            #expect(try await titles(DocumentFilter(category: "minutes")) == ["Zápisnica"])
            #expect(try await titles(DocumentFilter(text: "NAJME zmluva")) == ["Zmluva o nájme"])
            #expect(try await titles(DocumentFilter(text: "rozpočet")).isEmpty)

            await expectError("validation.failed", fields: ["/access/unitIDs"]) {
                try await repo.updateMetadata(f.admin, id: lease.id, Self.meta("x", DocumentAccess(
                    level: .unit, unitIDs: [b.unit.id])))
            }
            let hidden = try await repo.updateMetadata(f.admin, id: lease.id, Self.meta(
                "Zmluva", DocumentAccess(level: .staff), category: "contracts"))
            #expect(hidden.access.level == .staff && hidden.title == "Zmluva" && hidden.currentVersion == 1)
            await #expect(throws: DomainError.notFound("document")) { try await repo.document(f.tenant, id: lease.id) }

            await #expect(throws: DomainError.notFound("document")) { try await repo.document(b.admin, id: lease.id) }
            await #expect(throws: DomainError.notFound("document")) { try await repo.delete(b.admin, id: lease.id) }
            #expect(try await repo.documents(b.admin, page: PageRequest()).items.isEmpty)

            await expectError("permission.denied") { try await repo.delete(f.tenant, id: lease.id) }
            try await repo.delete(f.admin, id: lease.id)
            await #expect(throws: DomainError.notFound("document")) { try await repo.document(f.admin, id: lease.id) }
            #expect(try await titles(DocumentFilter()) == ["Zápisnica"])
        }
    }

    @Test("pages of a filtered list are full, in order and without repeats even when most rows are hidden",
          arguments: TestDatabase.dialects)
    func filteredPagination(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let f = try await Fixture.make(database)
            let repo = Self.repository(database)
            var visible: [DocumentID] = []
            for index in 0..<130 {
                let shown = index % 13 == 0
                let document = try await repo.upload(
                    f.admin, Self.meta("D\(index)", shown ? DocumentAccess() : DocumentAccess(level: .staff)),
                    file: Self.text("\(index)"))
                if shown { visible.insert(document.id, at: 0) }
            }
            var seen: [DocumentID] = []
            var cursor: Cursor?
            repeat {
                let page = try await repo.documents(f.tenant, page: PageRequest(limit: 3, cursor: cursor))
                #expect(page.items.count == 3 || page.nextCursor == nil)
                seen += page.items.map(\.id)
                cursor = page.nextCursor.flatMap(Cursor.init(token:))
            } while cursor != nil
            #expect(seen == visible)
            #expect(try await repo.documents(f.admin, page: PageRequest(limit: 200)).items.count == 130)
        }
    }
}
