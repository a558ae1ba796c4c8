import Foundation
import Logging
import PPTApp
import PPTDocuments
import PPTDomain
import PPTLLM
import PPTStorage

/// A fresh, migrated database for one benchmark run, with a `Runtime` over it: SQLite in a temporary
/// directory, or a new database on the PostgreSQL server at `postgresURL` (dropped afterwards).
enum BenchEnvironment {
    /// `keep` leaves the data directory and the PostgreSQL database in place (for inspecting query plans).
    static func with<T: Sendable>(postgresURL: String?, keep: Bool = false, logger: Logger,
                                  _ body: @escaping @Sendable (Runtime) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer {
            if keep { BenchLog.say("kept the data directory \(directory.path)") } else {
                try? FileManager.default.removeItem(at: directory)
            }
        }
        let configuration = try AppConfiguration.make(overrides: ["PPT_DATA_DIR": directory.path])
        guard let adminURL = postgresURL else {
            let database = try await SQLiteDatabase.open(path: configuration.sqlitePath, logger: logger)
            return try await run(database, configuration, logger, body)
        }
        let name = "ppt_bench_" + UUID().uuidString.prefix(8).lowercased()
        try await administer(adminURL, logger, "CREATE DATABASE \(name)")
        do {
            guard var components = URLComponents(string: adminURL) else { throw DatabaseConfigurationError.invalidURL }
            components.path = "/" + name
            let database = try PostgresDatabase(url: components.string ?? adminURL, logger: logger)
            let value = try await run(database, configuration, logger, body)
            if keep { BenchLog.say("kept the database \(components.string ?? name)") } else {
                try await administer(adminURL, logger, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            }
            return value
        } catch {
            try? await administer(adminURL, logger, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            throw error
        }
    }

    private static func run<T: Sendable>(_ database: any Database, _ configuration: AppConfiguration, _ logger: Logger,
                                         _ body: @escaping @Sendable (Runtime) async throws -> T) async throws -> T {
        let runtime = try Runtime.make(configuration, database: database, keyRing: KeyRing.generate(), logger: logger)
        return try await database.withRunning {
            try await Migrator(database: database, logger: logger).migrate()
            return try await body(runtime)
        }
    }

    private static func administer(_ url: String, _ logger: Logger, _ statement: String) async throws {
        let admin = try PostgresDatabase(url: url, logger: logger, maximumConnections: 1)
        try await admin.withRunning { try await admin.read { sql in try await sql.control(statement) } }
    }
}

/// The people of the benchmark organization: an admin (who uploads), a manager (staff: reads
/// everything), a tenant of one unit and an owner of another.
struct BenchPeople: Sendable {
    let admin: OrgScope
    let manager: OrgScope
    let tenant: OrgScope
    let owner: OrgScope
    let buildings: [BuildingID]
    let units: [UnitID]

    var organizationID: OrganizationID { admin.organizationID }

    func scope(named name: String) -> OrgScope? {
        ["tenant": tenant, "owner": owner, "manager": manager, "admin": admin][name]
    }

    /// One organization with `buildings` buildings of `unitsPerBuilding` flats each.
    static func make(_ runtime: Runtime, buildings buildingCount: Int = 20, unitsPerBuilding: Int = 8) async throws
        -> BenchPeople
    {
        let accounts = runtime.accounts, properties = runtime.properties
        let adminUser = try await accounts.createUser(email: "admin@bench.ppt", name: "Admin", passwordHash: "x",
                                                      locale: .sk)
        let organization = try await accounts.createOrganization(
            name: "Bench cooperative", country: "SK", locale: .sk, currency: .EUR, admin: adminUser.id)
        let admin = try await accounts.scope(userID: adminUser.id, organizationID: organization.id)!
        var buildings: [BuildingID] = [], units: [UnitID] = []
        for b in 0..<buildingCount {
            let building = try await properties.createBuilding(admin, BuildingInput(
                name: "Bytový dom \(b + 1)", street: "Hlavná \(b + 1)", city: "Bratislava", postalCode: "81101",
                country: "SK"))
            buildings.append(building.id)
            for u in 0..<unitsPerBuilding {
                let unit = try await properties.createUnit(admin, UnitInput(
                    buildingID: building.id, number: "\(u + 1)", type: .flat, floor: u / 2, sizeSqm: 60, rooms: 3,
                    ownershipShareNumerator: 1, ownershipShareDenominator: Int64(buildingCount * unitsPerBuilding)))
                units.append(unit.id)
            }
        }
        func member(_ name: String, _ role: Role, unit: UnitID?, relation: ResidentRelation) async throws -> OrgScope {
            let user = try await accounts.createUser(email: "\(name)@bench.ppt", name: name.capitalized,
                                                     passwordHash: "x", locale: .sk)
            _ = try await accounts.setMember(admin, email: user.email, role: role)
            if let unit {
                _ = try await properties.addResident(admin, unitID: unit, ResidentInput(
                    userID: user.id, name: user.name, email: user.email, relation: relation,
                    startDate: CalendarDate("2024-01-01")!))
            }
            return try await accounts.scope(userID: user.id, organizationID: organization.id)!
        }
        return BenchPeople(
            admin: admin, manager: try await member("manager", .manager, unit: nil, relation: .owner),
            tenant: try await member("tenant", .tenant, unit: units[0], relation: .tenant),
            owner: try await member("owner", .owner, unit: units[min(unitsPerBuilding, units.count - 1)],
                                    relation: .owner),
            buildings: buildings, units: units)
    }
}

/// What populating the index produced.
struct CorpusStats: Sendable {
    var documents = 0
    var chunks = 0
    /// Chunks the measured user may read.
    var visibleChunks = 0
    var seconds = 0.0
}

/// Fills the search index with generated documents: rows and access keys through
/// `DocumentRepository.upload` (a small text file each), chunks with built-in embeddings straight
/// through `SearchIndexRepository.replaceChunks`, as the indexer would store them.
struct SearchCorpus: Sendable {
    let runtime: Runtime
    let people: BenchPeople
    let languages: [BenchLanguage]
    let seed: UInt64
    /// The model name the gateway reports for built-in embeddings (the vector index is per model).
    let model: String

    /// One document ready to store.
    private struct Planned: Sendable {
        var title: String
        var language: BenchLanguage
        var access: DocumentAccess
        var chunks: [ChunkRecord]
    }

    /// Creates documents until `chunkCount` chunks are stored; `reader` is the user whose visible
    /// share is counted. Generation of the next document overlaps the storing of the current one.
    func populate(chunks chunkCount: Int, reader: OrgScope, progress: @Sendable (String) -> Void) async throws
        -> CorpusStats
    {
        let started = ContinuousClock.now
        let documents = DocumentRepository(database: runtime.database, blobs: runtime.blobs)
        var stats = CorpusStats()
        var next: Task<Planned, any Error>? = Task { try await plan(0, remaining: chunkCount) }
        var reported = 0
        while let current = next {
            let planned = try await current.value
            let index = stats.documents
            let remaining = chunkCount - stats.chunks - planned.chunks.count
            next = remaining > 0 ? Task { try await plan(index + 1, remaining: remaining) } : nil
            let document = try await store(planned, index: index, documents)
            stats.documents += 1
            stats.chunks += planned.chunks.count
            if document.access.allows(reader, uploadedBy: document.uploadedBy) {
                stats.visibleChunks += planned.chunks.count
            }
            if stats.chunks * 10 / chunkCount > reported {
                reported = stats.chunks * 10 / chunkCount
                progress("  \(stats.chunks) chunks in \(stats.documents) documents "
                         + String(format: "(%.1f s)", BenchClock.seconds(ContinuousClock.now - started)))
            }
        }
        stats.seconds = BenchClock.seconds(ContinuousClock.now - started)
        return stats
    }

    /// Stores one more document (number `index`, after the corpus) as an upload and its indexing would;
    /// returns its chunk count.
    func add(index: Int) async throws -> Int {
        let planned = try await plan(index, remaining: 1_000)
        _ = try await store(planned, index: index, DocumentRepository(database: runtime.database, blobs: runtime.blobs))
        return planned.chunks.count
    }

    private func store(_ planned: Planned, index: Int, _ documents: DocumentRepository) async throws -> Document {
        let document = try await documents.upload(
            people.admin,
            DocumentMetadataInput(title: planned.title, category: "bench", folder: "bench/\(index % 50)",
                                  language: planned.language.locale, access: planned.access),
            file: DocumentFile(fileName: "document-\(index).txt", declaredType: "text/plain",
                               data: Data("\(planned.title)\n".utf8)))
        try await runtime.search.repository.replaceChunks(
            document, version: document.currentVersion, chunks: planned.chunks,
            result: IndexResult(method: "text", language: planned.language.locale, pageCount: nil,
                                embeddingModel: model, warning: nil))
        return document
    }

    /// Document `index`, from its own random stream (so planning may run ahead of storing): a language
    /// (Slovak three times in four), 8–32 chunks of 110–210 words under changing headings, and an access
    /// scope — organization 35 %, one building 25 %, one unit 15 %, roles 10 %, named users 5 %, staff 10 %.
    private func plan(_ index: Int, remaining: Int) async throws -> Planned {
        var random = BenchRandom(seed: seed &* 0x2545_F491_4F6C_DD1D &+ UInt64(index) &* 0x9E37_79B9)
        let language = random.unit() < 0.75 ? languages[0] : languages[1]
        let count = min(remaining, 8 + Int(random.next() % 25))
        var heading = language.heading(&random)
        var records: [ChunkRecord] = []
        var texts: [String] = []
        for ordinal in 0..<count {
            if random.unit() < 0.25 { heading = language.heading(&random) }
            let body = language.passage(words: 110 + Int(random.next() % 101), &random)
            records.append(ChunkRecord(ordinal: ordinal, page: nil, heading: heading, body: body,
                                       tokenCount: Chunker.estimateTokens(body)))
            texts.append(heading + "\n" + body)
        }
        // The built-in provider, called as the gateway calls it (without a ledger row per corpus batch).
        let response = try await BuiltinProvider().embed(
            LLMEmbeddingRequest(model: BuiltinProvider.embeddingModel, inputs: texts))
        for position in records.indices {
            records[position].embedding = VectorIndex.normalized(response.vectors[position])
        }
        return Planned(title: language.title(&random, number: index + 1), language: language,
                       access: access(&random), chunks: records)
    }

    private func access(_ random: inout BenchRandom) -> DocumentAccess {
        let draw = random.unit()
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        switch draw {
        case ..<0.35: return DocumentAccess(level: .organization)
        case ..<0.60: return DocumentAccess(level: .building, buildingIDs: [pick(people.buildings)])
        case ..<0.75: return DocumentAccess(level: .unit, unitIDs: [pick(people.units)])
        case ..<0.85:
            let roles = Role.allCases.filter { !$0.isStaff && random.unit() < 0.4 }
            return DocumentAccess(level: .roles, roles: roles.isEmpty ? [.owner] : roles)
        case ..<0.90:
            return DocumentAccess(level: .users, userIDs: [pick([people.manager.userID, people.owner.userID,
                                                                 people.tenant.userID, people.admin.userID])])
        default: return DocumentAccess(level: .staff)
        }
    }
}
