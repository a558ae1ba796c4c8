import Foundation
import PPTDomain
import PPTStorage

/// The units and buildings an answer mentions, read with the member's scope so that names the member
/// may not see are never looked up.
struct ToolPlaces: Sendable {
    private(set) var units: [UnitID: BuildingUnit] = [:]
    private(set) var buildings: [BuildingID: Building] = [:]
    private let locale: AppLocale

    /// Reads `unitIDs` and their buildings (and `buildingIDs`); ids the member may not see are skipped.
    static func load(_ context: ToolContext, units unitIDs: some Sequence<UnitID>,
                     buildings buildingIDs: some Sequence<BuildingID> = [BuildingID]()) async throws -> ToolPlaces {
        let properties = PropertyRepository(database: context.services.database, clock: context.services.clock)
        var places = ToolPlaces(locale: context.locale)
        for id in Set(unitIDs).sorted() {
            if let unit = try await visible({ try await properties.unit(context.scope, id: id) }) {
                places.units[id] = unit
            }
        }
        for id in Set(places.units.values.map(\.buildingID)).union(buildingIDs).sorted() {
            if let building = try await visible({ try await properties.building(context.scope, id: id) }) {
                places.buildings[id] = building
            }
        }
        return places
    }

    /// The value, or `nil` when the member may not see it.
    private static func visible<T>(_ read: () async throws -> T) async throws -> T? {
        do {
            return try await read()
        } catch let error as DomainError where error.kind == .notFound || error.kind == .forbidden {
            return nil
        }
    }

    /// `Slnečnica A, byt 3`, or the id when the unit could not be read.
    func label(_ id: UnitID) -> String {
        guard let unit = units[id] else { return id.rawValue }
        return AssistantText.place(unit, in: buildings[unit.buildingID], locale)
    }

    /// The building's name, or the id when it could not be read.
    func name(_ id: BuildingID) -> String { buildings[id]?.name ?? id.rawValue }
}
