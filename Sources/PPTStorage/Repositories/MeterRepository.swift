import Foundation
import PPTDomain
import SQLKit

/// Meters, their readings and reading windows; the daily scan writes `meter_reading_due` once per unit when a
/// window opens.
package struct MeterRepository: Sendable {
    private let database: any Database
    private let clock: any WallClock

    package init(database: any Database, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.clock = clock
    }

    static func meter(_ r: any SQLRow) throws -> Meter {
        Meter(id: try r.id("id"), organizationID: try r.id("org_id"), unitID: try r.id("unit_id"),
              kind: try r.enumValue("kind"), serialNumber: try r.string("serial_number"),
              unit: try r.string("measure_unit"), createdAt: try r.date("created_at"))
    }

    static func reading(_ r: any SQLRow) throws -> MeterReading {
        MeterReading(id: try r.string("id"), meterID: try r.id("meter_id"), value: try r.double("value"),
                     readOn: try r.calendarDate("read_on"), submittedBy: try r.id("submitted_by"),
                     windowID: try r.optionalID("window_id"), createdAt: try r.date("created_at"))
    }

    static func window(_ r: any SQLRow) throws -> ReadingWindow {
        ReadingWindow(id: try r.id("id"), organizationID: try r.id("org_id"),
                      buildingID: try r.optionalID("building_id"),
                      title: try r.string("title"), opensOn: try r.calendarDate("opens_on"),
                      closesOn: try r.calendarDate("closes_on"), openedAt: try r.optionalDate("opened_at"),
                      createdAt: try r.date("created_at"))
    }

    /// Whether the member may see every meter (staff, technicians) rather than only their units' ones.
    private static func readsAll(_ scope: OrgScope) throws -> Bool {
        if scope.unitFilter == nil && (scope.can(.metersReadAll) || scope.can(.metersManage)) { return true }
        try scope.require(.metersSubmitOwn)
        return false
    }

    // MARK: Meters

    /// Meters the member may see, newest first, optionally of one unit.
    package func meters(_ scope: OrgScope, unitID: UnitID? = nil, page: PageRequest) async throws -> Page<Meter> {
        let all = try Self.readsAll(scope)
        return try await database.read { sql in
            var q: SQLQueryString = "SELECT * FROM meters WHERE org_id = \(bind: scope.organizationID.rawValue)"
            if !all { q += FinanceRepository.unitCondition(scope.unitIDs) }
            if let unitID { q += " AND unit_id = \(bind: unitID.rawValue)" }
            q += Paging.after(sql, page, timeColumn: "created_at") + Paging.order(sql, page, timeColumn: "created_at")
            return Paging.page(try await sql.raw(q).all().map(Self.meter), page) { ($0.createdAt, $0.id.rawValue) }
        }
    }

    /// One meter the member may see.
    package func meter(_ scope: OrgScope, id: MeterID) async throws -> Meter {
        let all = try Self.readsAll(scope)
        return try await database.read { sql in try await Self.meter(sql, scope, id, units: all ? nil : scope.unitIDs) }
    }

    static func meter(_ sql: any SQLDatabase, _ scope: OrgScope, _ id: MeterID, units: Set<UnitID>?) async throws
        -> Meter
    {
        var q: SQLQueryString = """
            SELECT * FROM meters WHERE id = \(bind: id.rawValue) AND org_id = \(bind: scope.organizationID.rawValue)
            """
        q += FinanceRepository.unitCondition(units)
        guard let row = try await sql.raw(q).first() else { throw DomainError.notFound("meter") }
        return try meter(row)
    }

    /// Registers a meter in a unit; a serial number is unique per meter kind in the organization.
    package func createMeter(_ scope: OrgScope, _ input: MeterInput) async throws -> Meter {
        try scope.require(.metersManage)
        try input.validate()
        let now = clock.now()
        let measure = input.measureUnit?.trimmingCharacters(in: .whitespaces) ?? input.kind.defaultMeasureUnit
        let meter = Meter(id: .init(), organizationID: scope.organizationID, unitID: input.unitID, kind: input.kind,
                          serialNumber: input.serialNumber.trimmingCharacters(in: .whitespaces), unit: measure,
                          createdAt: now)
        try await database.write { sql in
            try await FinanceRepository.requireUnit(sql, scope, input.unitID)
            let clash = try await sql.raw("""
                SELECT id FROM meters WHERE org_id = \(bind: scope.organizationID.rawValue)
                AND kind = \(bind: meter.kind.rawValue) AND serial_number = \(bind: meter.serialNumber)
                """).first()
            if clash != nil {
                throw DomainError(code: "meter.serial_taken", kind: .conflict,
                                  message: "A meter of this kind with this serial number already exists.",
                                  fields: [FieldError(pointer: "/serialNumber", detail: "already registered")])
            }
            try await sql.raw("""
                INSERT INTO meters (id, org_id, unit_id, kind, serial_number, measure_unit, created_at)
                VALUES (\(bind: meter.id.rawValue), \(bind: scope.organizationID.rawValue),
                        \(bind: meter.unitID.rawValue),
                        \(bind: meter.kind.rawValue), \(bind: meter.serialNumber), \(bind: meter.unit), \(bind: now))
                """).run()
        }
        return meter
    }

    // MARK: Readings

    /// A meter's readings, latest first (at most `limit`).
    package func readings(_ scope: OrgScope, meterID: MeterID, limit: Int = 100) async throws -> [MeterReading] {
        let all = try Self.readsAll(scope)
        return try await database.read { sql in
            _ = try await Self.meter(sql, scope, meterID, units: all ? nil : scope.unitIDs)
            return try await sql.raw("""
                SELECT * FROM meter_readings WHERE meter_id = \(bind: meterID.rawValue)
                AND org_id = \(bind: scope.organizationID.rawValue)
                ORDER BY read_on DESC, created_at DESC, id DESC LIMIT \(bind: min(max(limit, 1), 500))
                """).all().map(Self.reading)
        }
    }

    /// Submits a reading. Staff (`metersManage`) may always submit; residents (`metersSubmitOwn`) only for their
    /// units' meters and only while a reading window for the unit's building (or the whole organization) is open.
    /// The value may not be lower than the reading before it nor higher than a later one.
    package func submitReading(_ scope: OrgScope, meterID: MeterID, _ input: ReadingInput) async throws
        -> MeterReading
    {
        let isStaff = scope.can(.metersManage) && scope.unitFilter == nil
        if !isStaff { try scope.require(.metersSubmitOwn) }
        try input.validate()
        let now = clock.now()
        let today = CalendarDate(now)
        let readOn = input.readOn ?? today
        if readOn > today { throw DomainError.invalid("/readOn", "must not be in the future") }
        return try await database.write { sql in
            let meter = try await Self.meter(sql, scope, meterID, units: isStaff ? nil : scope.unitIDs)
            let window = try await Self.openWindow(sql, scope, unitID: meter.unitID, today: today)
            if !isStaff && window == nil {
                throw DomainError(code: "reading.window_closed", kind: .conflict,
                                  message: "Readings can be submitted only while a reading window is open.")
            }
            try await Self.requireMonotonic(sql, meterID, value: input.value, readOn: readOn)
            let reading = MeterReading(id: UUID().uuidString.lowercased(), meterID: meterID, value: input.value,
                                       readOn: readOn, submittedBy: scope.userID, windowID: window, createdAt: now)
            try await sql.raw("""
                INSERT INTO meter_readings (id, org_id, meter_id, value, read_on, submitted_by, window_id, created_at)
                VALUES (\(bind: reading.id), \(bind: scope.organizationID.rawValue), \(bind: meterID.rawValue),
                        \(bind: reading.value), \(bind: readOn.description), \(bind: scope.userID.rawValue),
                        \(bind: window?.rawValue), \(bind: now))
                """).run()
            return reading
        }
    }

    /// The latest-opened window accepting readings for the unit today, if any.
    private static func openWindow(_ sql: any SQLDatabase, _ scope: OrgScope, unitID: UnitID, today: CalendarDate)
        async throws -> ReadingWindowID?
    {
        let day = today.description
        return try await sql.raw("""
            SELECT w.id FROM reading_windows w, units u
            WHERE u.id = \(bind: unitID.rawValue) AND w.org_id = \(bind: scope.organizationID.rawValue)
            AND (w.building_id IS NULL OR w.building_id = u.building_id)
            AND w.opens_on <= \(bind: day) AND w.closes_on >= \(bind: day)
            ORDER BY w.opens_on DESC, w.id LIMIT 1
            """).first().map { try $0.id("id") }
    }

    private static func requireMonotonic(_ sql: any SQLDatabase, _ meterID: MeterID, value: Double,
                                         readOn: CalendarDate) async throws {
        let day = readOn.description
        if let previous = try await sql.raw("""
            SELECT value, read_on FROM meter_readings WHERE meter_id = \(bind: meterID.rawValue)
            AND read_on <= \(bind: day) ORDER BY read_on DESC, created_at DESC, id DESC LIMIT 1
            """).first(), value < (try previous.double("value")) {
            throw DomainError.invalid("/value", """
                must not be lower than the previous reading (\(try previous.double("value")) on \
                \(try previous.string("read_on")))
                """)
        }
        if let next = try await sql.raw("""
            SELECT value, read_on FROM meter_readings WHERE meter_id = \(bind: meterID.rawValue)
            AND read_on > \(bind: day) ORDER BY read_on, created_at, id LIMIT 1
            """).first(), value > (try next.double("value")) {
            throw DomainError.invalid("/value", """
                must not be higher than the later reading (\(try next.double("value")) on \(try next.string("read_on")))
                """)
        }
    }

    // MARK: Reading windows

    /// Reading windows, newest first; residents see those of their buildings and the organization-wide ones.
    package func readingWindows(_ scope: OrgScope, page: PageRequest) async throws -> Page<ReadingWindow> {
        let all = try Self.readsAll(scope)
        return try await database.read { sql in
            var q: SQLQueryString = """
                SELECT * FROM reading_windows WHERE org_id = \(bind: scope.organizationID.rawValue)
                """
            if !all {
                let buildings = scope.buildingIDs.map(\.rawValue).sorted() + [""]
                q += " AND (building_id IS NULL OR building_id IN (\(binds: buildings)))"
            }
            q += Paging.after(sql, page, timeColumn: "created_at") + Paging.order(sql, page, timeColumn: "created_at")
            return Paging.page(try await sql.raw(q).all().map(Self.window), page) { ($0.createdAt, $0.id.rawValue) }
        }
    }

    /// Announces a reading window for one building or (without `buildingID`) the whole organization.
    package func createReadingWindow(_ scope: OrgScope, _ input: ReadingWindowInput) async throws -> ReadingWindow {
        try scope.require(.metersManage)
        try input.validate()
        let now = clock.now()
        let window = ReadingWindow(id: .init(), organizationID: scope.organizationID, buildingID: input.buildingID,
                                   title: input.title, opensOn: input.opensOn, closesOn: input.closesOn, createdAt: now)
        try await database.write { sql in
            if let buildingID = input.buildingID {
                do { _ = try await PropertyRepository.building(sql, scope, buildingID) } catch let error as DomainError
                    where error.kind == .notFound
                {
                    throw DomainError.invalid("/buildingID", "no such building in this organization")
                }
            }
            try await sql.raw("""
                INSERT INTO reading_windows (id, org_id, building_id, title, opens_on, closes_on, opened_at, created_at)
                VALUES (\(bind: window.id.rawValue), \(bind: scope.organizationID.rawValue),
                        \(bind: window.buildingID?.rawValue), \(bind: window.title),
                        \(bind: window.opensOn.description),
                        \(bind: window.closesOn.description), NULL, \(bind: now))
                """).run()
        }
        return window
    }

    // MARK: Scheduled scan

    /// Daily, as the system across all organizations: for each window that has opened (`opensOn` reached) and
    /// was not announced yet, writes `meter_reading_due` once per unit in its scope (its building, or every unit
    /// of the organization), then marks it opened. A window that already closed is marked without events.
    /// Returns how many events were new.
    package func scanReadingWindows(now: Date) async throws -> Int {
        let today = CalendarDate(now)
        return try await database.write { sql in
            let windows = try await sql.raw("""
                SELECT * FROM reading_windows WHERE opened_at IS NULL AND opens_on <= \(bind: today.description)
                ORDER BY org_id, opens_on, id
                """).all().map(Self.window)
            var written = 0
            for window in windows {
                if window.closesOn >= today {
                    var q: SQLQueryString = """
                        SELECT id, building_id FROM units WHERE org_id = \(bind: window.organizationID.rawValue)
                        """
                    if let buildingID = window.buildingID { q += " AND building_id = \(bind: buildingID.rawValue)" }
                    q += " ORDER BY id"
                    for row in try await sql.raw(q).all() {
                        let unitID: UnitID = try row.id("id")
                        let buildingID: BuildingID = try row.id("building_id")
                        let event = DomainEvent(
                            type: .meterReadingDue, organizationID: window.organizationID,
                            aggregateType: "reading_window", aggregateID: window.id.rawValue,
                            payload: ["windowID": .id(window.id), "unitID": .id(unitID), "buildingID": .id(buildingID),
                                      "title": .string(window.title), "opensOn": .string(window.opensOn.description),
                                      "closesOn": .string(window.closesOn.description)],
                            dedupeKey: "meter_reading_due:\(window.id.rawValue):\(unitID.rawValue)")
                        if try await Outbox.append(event, at: now, on: sql) { written += 1 }
                    }
                }
                try await sql.raw("""
                    UPDATE reading_windows SET opened_at = \(bind: now)
                    WHERE id = \(bind: window.id.rawValue) AND opened_at IS NULL
                    """).run()
            }
            return written
        }
    }
}
