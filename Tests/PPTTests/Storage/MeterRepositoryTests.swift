import Foundation
import PPTDomain
import PPTStorage
import Testing

@Suite("Meter repository contract")
struct MeterRepositoryTests {
    static let clock = FixedClock("2025-03-10")

    static func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    /// Another building of the fixture's organization, with `units` flats.
    static func building(_ database: any Database, _ fixture: Fixture, units: Int) async throws
        -> (Building, [BuildingUnit])
    {
        let properties = PropertyRepository(database: database)
        let building = try await properties.createBuilding(fixture.admin, BuildingInput(
            name: "Second", street: "Dlhá 2", city: "Nitra", postalCode: "94901", country: "SK"))
        var created: [BuildingUnit] = []
        for index in 0..<units {
            created.append(try await properties.createUnit(fixture.admin, UnitInput(
                buildingID: building.id, number: "\(index + 1)", type: .flat, floor: 1, sizeSqm: 50, rooms: 2,
                ownershipShareNumerator: 1, ownershipShareDenominator: 100)))
        }
        return (building, created)
    }

    @Test("a reading may not be lower than the one before it nor higher than a later one",
          arguments: TestDatabase.dialects)
    func monotonicity(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let meters = MeterRepository(database: database, clock: Self.clock)
            let meter = try await meters.createMeter(a.admin, MeterInput(unitID: a.unit.id, kind: .coldWater,
                                                                         serialNumber: "CW-1"))
            #expect(meter.unit == "m³")
            let submit = { (value: Double, day: String?) in
                try await meters.submitReading(a.admin, meterID: meter.id,
                                               ReadingInput(value: value, readOn: day.map(Self.day)))
            }
            _ = try await submit(100, "2025-01-31")
            _ = try await submit(120, "2025-02-28")
            await #expect { try await submit(119.5, nil) }
                throws: { ($0 as? DomainError)?.fields.map(\.pointer) == ["/value"] }
            await #expect { try await submit(130, "2025-02-10") }
                throws: { ($0 as? DomainError)?.fields.map(\.pointer) == ["/value"] }
            await #expect { try await submit(130, "2025-03-11") }
                throws: { ($0 as? DomainError)?.fields.map(\.pointer) == ["/readOn"] }
            await #expect { try await submit(-1, nil) }
                throws: { ($0 as? DomainError)?.fields.map(\.pointer) == ["/value"] }
            _ = try await submit(110, "2025-02-10")
            _ = try await submit(120, nil)
            let values = try await meters.readings(a.admin, meterID: meter.id).map(\.value)
            #expect(values == [120, 120, 110, 100])
            await #expect {
                try await meters.createMeter(a.admin, MeterInput(unitID: a.unit.id, kind: .coldWater,
                                                                 serialNumber: "CW-1"))
            } throws: { ($0 as? DomainError)?.code == "meter.serial_taken" }
        }
    }

    @Test("residents submit for their own meters only while a window for their building or organization is open",
          arguments: TestDatabase.dialects)
    func windowRule(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database, name: "A")
            let b = try await Fixture.make(database, name: "B")
            let (second, secondUnits) = try await Self.building(database, a, units: 1)
            let meters = MeterRepository(database: database, clock: Self.clock)
            let mine = try await meters.createMeter(a.admin, MeterInput(unitID: a.unit.id, kind: .heat,
                                                                        serialNumber: "H-1"))
            let theirs = try await meters.createMeter(a.admin, MeterInput(unitID: secondUnits[0].id, kind: .heat,
                                                                          serialNumber: "H-2"))
            await #expect { try await meters.submitReading(a.tenant, meterID: mine.id, ReadingInput(value: 5)) }
                throws: { ($0 as? DomainError)?.code == "reading.window_closed" }
            #expect(try await meters.submitReading(a.admin, meterID: mine.id, ReadingInput(value: 1)).windowID == nil)

            _ = try await meters.createReadingWindow(a.admin, ReadingWindowInput(
                buildingID: second.id, title: "Other building", opensOn: Self.day("2025-03-01"),
                closesOn: Self.day("2025-03-31")))
            _ = try await meters.createReadingWindow(a.admin, ReadingWindowInput(
                buildingID: a.building.id, title: "Later", opensOn: Self.day("2025-03-15"),
                closesOn: Self.day("2025-03-16")))
            await #expect { try await meters.submitReading(a.tenant, meterID: mine.id, ReadingInput(value: 5)) }
                throws: { ($0 as? DomainError)?.code == "reading.window_closed" }

            let window = try await meters.createReadingWindow(a.admin, ReadingWindowInput(
                buildingID: a.building.id, title: "March", opensOn: Self.day("2025-03-08"),
                closesOn: Self.day("2025-03-12")))
            let orgWide = try await meters.createReadingWindow(a.admin, ReadingWindowInput(
                title: "Everyone", opensOn: Self.day("2025-03-20"), closesOn: Self.day("2025-03-25")))
            let inWindow = try await meters.submitReading(a.tenant, meterID: mine.id, ReadingInput(value: 5))
            #expect(inWindow.windowID == window.id)
            await #expect(throws: DomainError.notFound("meter")) {
                try await meters.submitReading(a.tenant, meterID: theirs.id, ReadingInput(value: 5))
            }
            let between = MeterRepository(database: database, clock: FixedClock("2025-03-14"))
            await #expect { try await between.submitReading(a.tenant, meterID: mine.id, ReadingInput(value: 6)) }
                throws: { ($0 as? DomainError)?.code == "reading.window_closed" }
            let later = MeterRepository(database: database, clock: FixedClock("2025-03-21"))
            let orgWideReading = try await later.submitReading(a.tenant, meterID: mine.id, ReadingInput(value: 6))
            #expect(orgWideReading.windowID == orgWide.id)

            #expect(try await meters.meters(a.tenant, page: .init()).items.map(\.id) == [mine.id])
            let visible = try await meters.readingWindows(a.tenant, page: .init()).items.map(\.title)
            #expect(Set(visible) == ["Later", "March", "Everyone"])
            await #expect(throws: DomainError.notFound("meter")) { try await meters.meter(b.admin, id: mine.id) }
            await #expect { try await meters.createMeter(a.tenant, MeterInput(unitID: a.unit.id, kind: .gas,
                                                                              serialNumber: "G-1")) }
                throws: { ($0 as? DomainError)?.kind == .forbidden }
            await #expect { try await meters.createReadingWindow(b.admin, ReadingWindowInput(
                buildingID: a.building.id, title: "Foreign", opensOn: Self.day("2025-03-01"),
                closesOn: Self.day("2025-03-02"))) }
                throws: { ($0 as? DomainError)?.fields.map(\.pointer) == ["/buildingID"] }
        }
    }

    @Test("an opening window announces meter_reading_due once per unit in its scope", arguments: TestDatabase.dialects)
    func windowScan(dialect: DatabaseDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let a = try await Fixture.make(database)
            let (_, secondUnits) = try await Self.building(database, a, units: 2)
            let meters = MeterRepository(database: database, clock: Self.clock)
            let buildingWindow = try await meters.createReadingWindow(a.admin, ReadingWindowInput(
                buildingID: a.building.id, title: "Building A", opensOn: Self.day("2025-03-10"),
                closesOn: Self.day("2025-03-20")))
            let orgWide = try await meters.createReadingWindow(a.admin, ReadingWindowInput(
                title: "Everyone", opensOn: Self.day("2025-03-12"), closesOn: Self.day("2025-03-20")))
            _ = try await meters.createReadingWindow(a.admin, ReadingWindowInput(
                title: "Missed", opensOn: Self.day("2025-03-01"), closesOn: Self.day("2025-03-05")))

            let now = Self.clock.now()
            #expect(try await meters.scanReadingWindows(now: now) == 1)
            #expect(try await meters.scanReadingWindows(now: now.addingTimeInterval(3600)) == 0)
            #expect(try await meters.scanReadingWindows(now: now.addingTimeInterval(2 * 86_400)) == 3)
            #expect(try await meters.scanReadingWindows(now: now.addingTimeInterval(3 * 86_400)) == 0)

            let events = try await OutboxStore(database: database).events(organizationID: a.organization.id)
                .map(\.event).filter { $0.type == .meterReadingDue }
            let keys = events.compactMap(\.dedupeKey)
            let everyone = [a.unit.id] + secondUnits.map(\.id)
            #expect(keys.count == 4)
            #expect(keys[0] == "meter_reading_due:\(buildingWindow.id):\(a.unit.id)")
            #expect(Set(keys.dropFirst()) == Set(everyone.map { "meter_reading_due:\(orgWide.id):\($0)" }))
            #expect(events[0].payload["windowID"] == .string(buildingWindow.id.rawValue))
            #expect(events[0].payload["unitID"] == .string(a.unit.id.rawValue))
            let windows = try await meters.readingWindows(a.admin, page: .init()).items
            #expect(windows.allSatisfy { $0.openedAt != nil })
        }
    }
}
