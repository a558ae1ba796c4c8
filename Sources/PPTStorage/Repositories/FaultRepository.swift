import Foundation
import PPTDomain
import SQLKit

/// Faults with their status lifecycle and timeline; emits `fault_created`, `fault_status_changed`
/// and `fault_resolved` in the transaction of the change.
package struct FaultRepository: Sendable {
    private let database: any Database
    private let clock: any WallClock

    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    static func fault(_ r: any SQLRow) throws -> Fault {
        Fault(id: try r.id("id"), organizationID: try r.id("org_id"), buildingID: try r.id("building_id"),
              unitID: try r.optionalID("unit_id"), title: try r.string("title"), description: try r.string("description"),
              category: try r.enumValue("category"), priority: try r.enumValue("priority"), status: try r.enumValue("status"),
              reportedBy: try r.id("reported_by"), assigneeID: try r.optionalID("assignee_id"),
              photoDocumentIDs: try r.json("photo_document_ids"), createdAt: try r.date("created_at"),
              updatedAt: try r.date("updated_at"), resolvedAt: try r.optionalDate("resolved_at"))
    }

    static func entry(_ r: any SQLRow) throws -> FaultTimelineEntry {
        FaultTimelineEntry(id: try r.string("id"), faultID: try r.id("fault_id"), kind: try r.enumValue("kind"),
                           actorID: try r.id("actor_id"), fromStatus: try r.optionalString("from_status").flatMap(FaultStatus.init),
                           toStatus: try r.optionalString("to_status").flatMap(FaultStatus.init),
                           assigneeID: try r.optionalID("assignee_id"), comment: try r.optionalString("comment"),
                           createdAt: try r.date("created_at"))
    }

    /// Filters for listing faults.
    package struct Filter: Sendable {
        package var status: FaultStatus?
        package var priority: FaultPriority?
        package var buildingID: BuildingID?
        package var assigneeID: UserID?
        package init(status: FaultStatus? = nil, priority: FaultPriority? = nil, buildingID: BuildingID? = nil,
                     assigneeID: UserID? = nil) {
            self.status = status; self.priority = priority; self.buildingID = buildingID; self.assigneeID = assigneeID
        }
    }

    /// The visibility rule: staff and technicians see all; others see what they reported or what is in their units.
    private static func visibility(_ scope: OrgScope) -> SQLQueryString {
        if scope.can(.faultsReadAll) { return "" }
        return " AND (reported_by = \(bind: scope.userID.rawValue) OR unit_id IN (\(binds: scope.unitIDs.map(\.rawValue) + [""])))"
    }

    /// Faults visible to the member, newest first.
    package func faults(_ scope: OrgScope, filter: Filter = .init(), page: PageRequest) async throws -> Page<Fault> {
        try await database.read { sql in
            var q: SQLQueryString = "SELECT * FROM faults WHERE org_id = \(bind: scope.organizationID.rawValue)"
            q += Self.visibility(scope)
            if let s = filter.status { q += " AND status = \(bind: s.rawValue)" }
            if let p = filter.priority { q += " AND priority = \(bind: p.rawValue)" }
            if let b = filter.buildingID { q += " AND building_id = \(bind: b.rawValue)" }
            if let a = filter.assigneeID { q += " AND assignee_id = \(bind: a.rawValue)" }
            q += Paging.after(sql, page, timeColumn: "created_at") + Paging.order(sql, page, timeColumn: "created_at")
            return Paging.page(try await sql.raw(q).all().map(Self.fault), page) { ($0.createdAt, $0.id.rawValue) }
        }
    }

    /// One fault the member may see.
    package func fault(_ scope: OrgScope, id: FaultID) async throws -> Fault {
        try await database.read { sql in try await Self.fault(sql, scope, id) }
    }

    /// One fault the member may see, on an open transaction (`fault.not_found` otherwise).
    package static func fault(_ sql: any SQLDatabase, _ scope: OrgScope, _ id: FaultID) async throws -> Fault {
        guard let row = try await sql.raw("""
            SELECT * FROM faults WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
            \(visibility(scope))
            """).first() else { throw DomainError.notFound("fault") }
        return try fault(row)
    }

    /// The fault's timeline, oldest first.
    package func timeline(_ scope: OrgScope, id: FaultID) async throws -> [FaultTimelineEntry] {
        try await database.read { sql in
            _ = try await Self.fault(sql, scope, id)
            return try await sql.raw("""
                SELECT * FROM fault_timeline WHERE fault_id = \(bind: id.rawValue) ORDER BY created_at, id
                """).all().map(Self.entry)
        }
    }

    /// Reports a fault. Residents may report only in their own buildings and units.
    package func report(_ scope: OrgScope, _ input: FaultInput) async throws -> Fault {
        let now = clock.now()
        return try await database.write { sql in try await Self.report(sql, scope, input, at: now) }
    }

    /// `report(_:_:)` on an open transaction (workflow actions write on the run's transaction).
    package static func report(_ sql: any SQLDatabase, _ scope: OrgScope, _ input: FaultInput,
                               at now: Date) async throws -> Fault {
        try scope.require(.faultsReport)
        try input.validate()
        if scope.role.isResidentLike {
            if !scope.buildingIDs.contains(input.buildingID) {
                throw DomainError.invalid("/buildingID", "you can report faults only in your building")
            }
            if let unit = input.unitID, !scope.unitIDs.contains(unit) {
                throw DomainError.invalid("/unitID", "you can report faults only in your unit")
            }
        }
        let fault = Fault(id: .init(), organizationID: scope.organizationID, buildingID: input.buildingID,
                          unitID: input.unitID, title: input.title, description: input.description,
                          category: input.category, priority: input.priority ?? .medium, status: .new,
                          reportedBy: scope.userID, assigneeID: nil, photoDocumentIDs: input.photoDocumentIDs ?? [],
                          createdAt: now, updatedAt: now, resolvedAt: nil)
        try await requireReferences(sql, scope, building: input.buildingID, unit: input.unitID,
                                    photos: fault.photoDocumentIDs)
        try await sql.raw("""
            INSERT INTO faults (id, org_id, building_id, unit_id, title, description, category, priority, status,
                                reported_by, assignee_id, photo_document_ids, created_at, updated_at)
            VALUES (\(bind: fault.id.rawValue), \(bind: scope.organizationID.rawValue), \(bind: fault.buildingID.rawValue),
                    \(bind: fault.unitID?.rawValue), \(bind: fault.title), \(bind: fault.description),
                    \(bind: fault.category.rawValue), \(bind: fault.priority.rawValue), 'new', \(bind: scope.userID.rawValue),
                    NULL, \(bind: jsonText(fault.photoDocumentIDs)), \(bind: now), \(bind: now))
            """).run()
        try await addEntry(sql, scope, fault.id, kind: .created, to: .new, at: now)
        try await Outbox.append(DomainEvent(
            type: .faultCreated, organizationID: scope.organizationID, aggregateType: "fault",
            aggregateID: fault.id.rawValue, payload: payload(fault)), at: now, on: sql)
        return fault
    }

    private static func requireReferences(_ sql: any SQLDatabase, _ scope: OrgScope, building: BuildingID,
                                          unit: UnitID?, photos: [DocumentID]) async throws {
        let org = scope.organizationID.rawValue
        if try await sql.raw("SELECT id FROM buildings WHERE id = \(bind: building.rawValue) AND org_id = \(bind: org)")
            .first() == nil { throw DomainError.invalid("/buildingID", "no such building in this organization") }
        if let unit, try await sql.raw("""
            SELECT id FROM units WHERE id = \(bind: unit.rawValue) AND org_id = \(bind: org)
            AND building_id = \(bind: building.rawValue)
            """).first() == nil { throw DomainError.invalid("/unitID", "no such unit in this building") }
        if !photos.isEmpty {
            let found = try await sql.raw("""
                SELECT COUNT(*) AS n FROM documents WHERE org_id = \(bind: org) AND id IN (\(binds: photos.map(\.rawValue)))
                """).first()?.int("n") ?? 0
            if found != Set(photos).count {
                throw DomainError.invalid("/photoDocumentIDs", "every photo must be a document of this organization")
            }
        }
    }

    private static func payload(_ f: Fault) -> [String: JSONValue] {
        ["faultID": .id(f.id), "buildingID": .id(f.buildingID), "unitID": .id(f.unitID), "title": .string(f.title),
         "category": .string(f.category.rawValue), "priority": .string(f.priority.rawValue),
         "status": .string(f.status.rawValue), "reportedBy": .id(f.reportedBy), "assigneeID": .id(f.assigneeID)]
    }

    private static func addEntry(_ sql: any SQLDatabase, _ scope: OrgScope, _ fault: FaultID,
                                 kind: FaultTimelineEntry.Kind, from: FaultStatus? = nil, to: FaultStatus? = nil,
                                 assignee: UserID? = nil, comment: String? = nil, at now: Date) async throws {
        try await sql.raw("""
            INSERT INTO fault_timeline (id, org_id, fault_id, kind, actor_id, from_status, to_status, assignee_id, comment,
                                        created_at)
            VALUES (\(bind: UUID().uuidString.lowercased()), \(bind: scope.organizationID.rawValue), \(bind: fault.rawValue),
                    \(bind: kind.rawValue), \(bind: scope.userID.rawValue), \(bind: from?.rawValue), \(bind: to?.rawValue),
                    \(bind: assignee?.rawValue), \(bind: comment), \(bind: now))
            """).run()
    }

    /// Applies a change: status (along the lifecycle), priority, assignee, comment, photos.
    /// Reporters may only comment and add photos; technicians work faults; managers do everything.
    package func update(_ scope: OrgScope, id: FaultID, _ change: FaultUpdate) async throws -> Fault {
        let now = clock.now()
        return try await database.write { sql in try await Self.update(sql, scope, id: id, change, at: now) }
    }

    /// `update(_:id:_:)` on an open transaction (workflow actions write on the run's transaction).
    package static func update(_ sql: any SQLDatabase, _ scope: OrgScope, id: FaultID, _ change: FaultUpdate,
                               at now: Date) async throws -> Fault {
        if let comment = change.comment {
            var v = Validator()
            v.text(comment, "/comment", max: 5000)
            try v.finish()
        }
        let changesWork = change.status != nil || change.assigneeID != nil || change.unassign == true
        if changesWork { try scope.require(.faultsWork) }
        if change.priority != nil { try scope.require(.faultsManage) }
        if let assignee = change.assigneeID, assignee != scope.userID, !scope.can(.faultsManage) {
            throw DomainError.forbidden("Only managers assign faults to others.")
        }
        if let photos = change.photoDocumentIDs, photos.count > 20 {
            throw DomainError.invalid("/photoDocumentIDs", "at most 20 photos")
        }
        var fault = try await Self.fault(sql, scope, id)
        if !changesWork && change.priority == nil && fault.reportedBy != scope.userID {
            try scope.require(.faultsWork)
        }
        var events: [DomainEvent] = []
        if let next = change.status, next != fault.status {
            guard fault.status.allowedNext.contains(next) else {
                throw DomainError.invalidTransition("fault", from: fault.status.rawValue, to: next.rawValue)
            }
            let previous = fault.status
            fault.status = next
            fault.resolvedAt = next == .resolved ? now : (next == .closed ? fault.resolvedAt : nil)
            try await Self.addEntry(sql, scope, id, kind: .statusChanged, from: previous, to: next, at: now)
            var payload = Self.payload(fault)
            payload["fromStatus"] = .string(previous.rawValue)
            events.append(DomainEvent(type: .faultStatusChanged, organizationID: scope.organizationID,
                                      aggregateType: "fault", aggregateID: id.rawValue, payload: payload))
            if next == .resolved {
                events.append(DomainEvent(type: .faultResolved, organizationID: scope.organizationID,
                                          aggregateType: "fault", aggregateID: id.rawValue, payload: payload))
            }
        }
        if let priority = change.priority { fault.priority = priority }
        if change.unassign == true {
            // Technicians may give back their own assignment; taking others' is for managers.
            if fault.assigneeID != scope.userID && !scope.can(.faultsManage) {
                throw DomainError.forbidden("Only managers unassign others.")
            }
            fault.assigneeID = nil
            try await Self.addEntry(sql, scope, id, kind: .assigned, at: now)
        } else if let assignee = change.assigneeID, assignee != fault.assigneeID {
            let role = try await sql.raw("""
                SELECT role FROM memberships WHERE org_id = \(bind: scope.organizationID.rawValue)
                AND user_id = \(bind: assignee.rawValue)
                """).first().map { try $0.enumValue("role") as Role }
            guard let role, role.permissions.contains(.faultsWork) else {
                throw DomainError.invalid("/assigneeID", "must be a member who works on faults")
            }
            fault.assigneeID = assignee
            try await Self.addEntry(sql, scope, id, kind: .assigned, assignee: assignee, at: now)
        }
        if let photos = change.photoDocumentIDs {
            try await Self.requireReferences(sql, scope, building: fault.buildingID, unit: fault.unitID, photos: photos)
            fault.photoDocumentIDs = photos
        }
        if let comment = change.comment {
            try await Self.addEntry(sql, scope, id, kind: .comment, comment: comment, at: now)
        }
        fault.updatedAt = now
        try await sql.raw("""
            UPDATE faults SET status = \(bind: fault.status.rawValue), priority = \(bind: fault.priority.rawValue),
              assignee_id = \(bind: fault.assigneeID?.rawValue), photo_document_ids = \(bind: jsonText(fault.photoDocumentIDs)),
              resolved_at = \(bind: fault.resolvedAt), updated_at = \(bind: now)
            WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
            """).run()
        for event in events { try await Outbox.append(event, at: now, on: sql) }
        return fault
    }
}
