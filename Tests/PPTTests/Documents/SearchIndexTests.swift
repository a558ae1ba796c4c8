import Foundation
import Logging
import PPTApp
import PPTDocuments
import PPTDomain
import PPTStorage
import Testing

/// Drives the real indexing path in tests: outbox → subscriber job → handler.
enum IndexingDriver {
    static func drain(_ runtime: Runtime) async throws { try await runtime.runPendingIndexing() }
}

/// An organization with documents at every access level, indexed through the real pipeline.
struct SearchWorld: Sendable {
    let runtime: Runtime
    let fixture: Fixture
    let other: Fixture
    let rules: Document
    let staffOnly: Document
    let otherUnitNote: Document
    let czech: Document
    let foreign: Document

    static func make(_ app: TestApp) async throws -> SearchWorld {
        let runtime = app.runtime
        let fixture = try await Fixture.make(runtime.database, name: "S")
        let other = try await Fixture.make(runtime.database, name: "T")
        let otherUnit = try await PropertyRepository(database: runtime.database).createUnit(fixture.admin, UnitInput(
            buildingID: fixture.building.id, number: "2", type: .flat, floor: 2, sizeSqm: 40, rooms: 1,
            ownershipShareNumerator: 1, ownershipShareDenominator: 10))
        let documents = DocumentRepository(database: runtime.database, blobs: runtime.blobs)
        func upload(_ scope: OrgScope, _ title: String, _ name: String, _ type: String, _ data: Data,
                    access: DocumentAccess? = nil) async throws -> Document {
            try await documents.upload(scope, DocumentMetadataInput(title: title, category: "test", access: access),
                                       file: DocumentFile(fileName: name, declaredType: type, data: data))
        }
        let rules = try await upload(fixture.admin, "Domový poriadok", "poriadok.pdf", "application/pdf",
                                     DocumentFixtures.pdf())
        let staffOnly = try await upload(fixture.admin, "Trezor", "trezor.txt", "text/plain",
                                         Data("Kód trezoru v kancelárii správcu je uložený u predsedu.".utf8),
                                         access: DocumentAccess(level: .staff))
        let otherUnitNote = try await upload(fixture.admin, "Pivnica 2", "pivnica.txt", "text/plain",
                                             Data("Kľúč od pivnice jednotky 2 je u suseda.".utf8),
                                             access: DocumentAccess(level: .unit, unitIDs: [otherUnit.id]))
        let czech = try await upload(fixture.admin, "Oznámení", "oznameni.docx", DocumentFormat.docx.rawValue,
                                     try DocumentFixtures.docx(DocumentFixtures.czechNotice))
        let foreign = try await upload(other.admin, "Cudzí poriadok", "cudzi.txt", "text/plain",
                                       Data("Nočný pokoj a kód trezoru v kancelárii, pivnice a kľúč.".utf8))
        try await IndexingDriver.drain(runtime)
        return SearchWorld(runtime: runtime, fixture: fixture, other: other, rules: rules, staffOnly: staffOnly,
                           otherUnitNote: otherUnitNote, czech: czech, foreign: foreign)
    }

    func search(_ scope: OrgScope, _ query: String) async throws -> SearchResults {
        try await runtime.search.search.search(scope, query: query, limit: 20)
    }
}

@Suite("Document indexing and permission-aware search")
struct SearchIndexTests {
    @Test("Upload events index every format; status shows method, language, chunks and embeddings",
          arguments: TestDatabase.dialects)
    func indexing(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await SearchWorld.make(app)
            let index = world.runtime.search.repository
            let rules = try await index.status(world.fixture.admin, documentID: world.rules.id)
            #expect(rules.state == .indexed && rules.progress == 1)
            #expect(rules.method == "pdftotext" && (rules.pageCount ?? 0) >= 2)
            #expect(rules.language == .sk && rules.chunkCount > 3 && rules.embeddedChunks == rules.chunkCount)
            #expect(rules.embeddingModel?.hasPrefix("builtin/") == true)
            let czech = try await index.status(world.fixture.admin, documentID: world.czech.id)
            #expect(czech.state == .indexed && czech.method == "docx" && czech.language == .cs)
            let overview = try await index.overview(world.fixture.admin)
            #expect(overview.states["indexed"] == 4 && overview.states["failed"] == 0)
        }
    }

    @Test("Full text is insensitive to diacritics, in Slovak and Czech; hits carry page and snippet",
          arguments: TestDatabase.dialects)
    func diacritics(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await SearchWorld.make(app)
            let sk = try await world.search(world.fixture.tenant, "zivotne prostredie")
            let skHit = try #require(sk.hits.first)
            #expect(skHit.documentID == world.rules.id && skHit.page == 1)
            #expect(SearchText.fold(skHit.text).contains("zivotne prostredie"))
            #expect(sk.mode == "hybrid")
            let cs = try await world.search(world.fixture.tenant, "zivotni prostredi")
            #expect(cs.hits.first?.documentID == world.czech.id)
            let night = try await world.search(world.fixture.tenant, "nocny pokoj")
            let hit = try #require(night.hits.first)
            #expect(hit.documentID == world.rules.id && hit.heading.contains("pokoj"))
            // Highlights point at the words that matched, in UTF-16 offsets.
            let snippet = hit.snippet as NSString
            let marked = hit.highlights.map { SearchText.fold(snippet.substring(with: NSRange(location: $0.start, length: $0.length))) }
            #expect(marked.contains("nocny") && marked.contains("pokoj"), "\(marked)")
        }
    }

    @Test("A tenant never retrieves a staff-only document, another unit's, or another organization's",
          arguments: TestDatabase.dialects)
    func permissions(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await SearchWorld.make(app)
            let forbidden: Set<DocumentID> = [world.staffOnly.id, world.otherUnitNote.id, world.foreign.id]
            for query in ["kód trezoru kancelárii", "kľúč od pivnice", "nočný pokoj", "trezor pivnica kľúč suseda"] {
                let results = try await world.search(world.fixture.tenant, query)
                #expect(results.hits.allSatisfy { !forbidden.contains($0.documentID) }, "\(query)")
            }
            // Staff see the staff-only document; nobody in org S sees org T's.
            let admin = try await world.search(world.fixture.admin, "kód trezoru")
            #expect(admin.hits.first?.documentID == world.staffOnly.id)
            #expect(admin.hits.allSatisfy { $0.documentID != world.foreign.id })
            // And org T's tenant sees only org T's document.
            let foreign = try await world.search(world.other.tenant, "nočný pokoj trezoru")
            #expect(foreign.hits.map(\.documentID) == [world.foreign.id])
        }
    }

    @Test("Access changes apply to search at once; new versions and re-indexing replace chunks; delete removes them",
          arguments: TestDatabase.dialects)
    func lifecycle(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let world = try await SearchWorld.make(app)
            let (runtime, admin, tenant) = (world.runtime, world.fixture.admin, world.fixture.tenant)
            let documents = DocumentRepository(database: runtime.database, blobs: runtime.blobs)
            let index = runtime.search.repository

            _ = try await documents.updateMetadata(admin, id: world.czech.id, DocumentMetadataInput(
                title: "Oznámení", category: "test", access: DocumentAccess(level: .staff)))
            #expect(try await world.search(tenant, "vytah").hits.isEmpty)
            #expect(try await world.search(admin, "vytah").hits.first?.documentID == world.czech.id)

            _ = try await documents.uploadVersion(admin, id: world.czech.id, file: DocumentFile(
                fileName: "oznameni.txt", declaredType: "text/plain", data: Data("Kotolňa bude revidovaná v piatok.".utf8)))
            #expect(try await index.status(admin, documentID: world.czech.id).state == .pending)
            try await IndexingDriver.drain(runtime)
            let status = try await index.status(admin, documentID: world.czech.id)
            #expect(status.state == .indexed && status.version == 2 && status.chunkCount == 1 && status.method == "text")
            #expect(try await world.search(admin, "vytah").hits.isEmpty, "the old version's chunks are gone")
            #expect(try await world.search(admin, "kotolna").hits.first?.version == 2)

            let before = try await index.status(admin, documentID: world.rules.id).chunkCount
            let queued = try await runtime.search.jobs.requestReindex(admin, documentID: world.rules.id)
            #expect(queued.state == .pending)
            try await IndexingDriver.drain(runtime)
            let reindexed = try await index.status(admin, documentID: world.rules.id)
            #expect(reindexed.state == .indexed && reindexed.chunkCount == before && reindexed.attempts >= 1)
            let hits = try await world.search(admin, "upratovanie schodiska")
            #expect(Set(hits.hits.map(\.chunkID)).count == hits.hits.count, "no duplicate chunks")

            try await documents.delete(admin, id: world.rules.id)
            #expect(try await world.search(admin, "nocny pokoj").hits.allSatisfy { $0.documentID != world.rules.id })
            await #expect(throws: DomainError.self) { _ = try await index.status(admin, documentID: world.rules.id) }
        }
    }

    @Test("An unreadable file fails with a clear status and is not retried", arguments: TestDatabase.dialects)
    func failure(dialect: DatabaseDialect) async throws {
        try await TestApp.with(dialect) { app in
            let runtime = app.runtime
            let fixture = try await Fixture.make(runtime.database, name: "F")
            let broken = try await DocumentRepository(database: runtime.database, blobs: runtime.blobs).upload(
                fixture.admin, DocumentMetadataInput(title: "Broken", category: "test"),
                file: DocumentFile(fileName: "broken.pdf", declaredType: "application/pdf",
                                   data: Data("%PDF-1.7\nnot really a pdf".utf8)))
            try await IndexingDriver.drain(runtime)
            let status = try await runtime.search.repository.status(fixture.admin, documentID: broken.id)
            #expect(status.state == .failed && status.errorCode == "extraction.corrupt")
            #expect(status.errorMessage?.isEmpty == false)
            let overview = try await runtime.search.repository.overview(fixture.admin)
            #expect(overview.failed.map(\.documentID) == [broken.id])
            #expect(try await runtime.queue.jobs(status: .pending).isEmpty, "a permanent failure is not retried")
        }
    }

    @Test("Tenants may not re-index or see the overview; bad queries are clear errors")
    func rules() async throws {
        try await TestApp.with(.sqlite) { app in
            let world = try await SearchWorld.make(app)
            await #expect(throws: DomainError.self) {
                _ = try await world.runtime.search.jobs.requestReindex(world.fixture.tenant, documentID: world.rules.id)
            }
            await #expect(throws: DomainError.self) { _ = try await world.runtime.search.repository.overview(world.fixture.tenant) }
            for bad in ["", "   ", String(repeating: "a", count: 501)] {
                do {
                    _ = try await world.search(world.fixture.tenant, bad)
                    Issue.record("query \(bad.prefix(10)) accepted")
                } catch let error as DomainError {
                    #expect(error.code == "validation.failed")
                }
            }
        }
    }
}
