import Foundation
import PPTDomain
import PPTStorage

/// `building_info`: the member's building(s) with address and, for staff, the number of units. Residents
/// see their own buildings and their own units in them (the unit count of a whole building is staff data).
package struct BuildingInfoTool: AssistantTool {
    /// Buildings described at most.
    static let buildingLimit = 10
    /// Units counted per building at most (staff).
    static let unitCountLimit = 5_000

    package init() {}

    package var name: String { "building_info" }

    package var description: String {
        """
        The user's building(s): name, address, year built and units (residents: their own units; staff: \
        the number of units). Staff may pass building_id for one building.
        """
    }

    package var parameters: JSONValue {
        ToolSchema.object(["building_id": ToolSchema.string("Id of one building (optional).")])
    }

    package func run(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolOutput {
        let args = ToolArguments(arguments)
        let buildingID: BuildingID? = try args.id("building_id")
        let scope = context.scope
        let properties = PropertyRepository(database: context.services.database, clock: context.services.clock)
        let buildings: [Building]
        if let buildingID {
            buildings = [try await properties.building(scope, id: buildingID)]
        } else {
            buildings = try await ToolPaging.collect(limit: Self.buildingLimit) { page in
                try await properties.buildings(scope, page: page)
            }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
        }
        let locale = context.locale
        guard !buildings.isEmpty else {
            return ToolOutput(summary: AssistantText.pick(
                locale, sk: "Nemáte priradený žiadny dom.", cs: "Nemáte přiřazený žádný dům.",
                de: "Ihnen ist kein Haus zugeordnet.", en: "No building is assigned to you."), data: ["buildings": []])
        }
        let resident = scope.role.isResidentLike
        var sentences: [String] = []
        var items: [JSONValue] = []
        for building in buildings {
            var text = "\(building.name), \(AssistantText.address(building))"
            if let year = building.yearBuilt {
                text += AssistantText.pick(locale, sk: " (postavený v roku \(year))", cs: " (postaven v roce \(year))",
                                           de: " (Baujahr \(year))", en: " (built in \(year))")
            }
            var item: [String: JSONValue] = [
                "building_id": .id(building.id), "name": .string(building.name), "street": .string(building.street),
                "city": .string(building.city), "postal_code": .string(building.postalCode),
                "country": .string(building.country), "year_built": building.yearBuilt.map { .int(Int64($0)) } ?? .null,
            ]
            let units = try await ToolPaging.collect(limit: resident ? 100 : Self.unitCountLimit) { page in
                try await properties.units(scope, buildingID: building.id, page: page)
            }
            if resident {
                let own = units.sorted { ($0.number, $0.id) < ($1.number, $1.id) }
                let names = own.map { "\(AssistantText.unitType($0.type, locale)) \($0.number)" }
                if !names.isEmpty {
                    let joined = names.joined(separator: ", ")
                    text += AssistantText.pick(locale, sk: ". Vaše jednotky: \(joined)",
                                               cs: ". Vaše jednotky: \(joined)",
                                               de: ". Ihre Einheiten: \(joined)", en: ". Your units: \(joined)")
                }
                item["your_units"] = .array(own.map { unit in
                    ["unit_id": .id(unit.id), "number": .string(unit.number), "type": .string(unit.type.rawValue),
                     "floor": .int(Int64(unit.floor)), "size_sqm": .number(unit.sizeSqm),
                     "rooms": .int(Int64(unit.rooms))]
                })
            } else {
                let n = units.count
                let count = AssistantText.pick(
                    locale, sk: AssistantText.counted(n, locale, one: "jednotka", few: "jednotky", many: "jednotiek"),
                    cs: AssistantText.counted(n, locale, one: "jednotka", few: "jednotky", many: "jednotek"),
                    de: AssistantText.counted(n, locale, one: "Einheit", few: "Einheiten", many: "Einheiten"),
                    en: AssistantText.counted(n, locale, one: "unit", few: "units", many: "units"))
                text += ": \(count)"
                item["units_count"] = .int(Int64(n))
            }
            sentences.append(text + ".")
            items.append(.object(item))
        }
        return ToolOutput(summary: sentences.joined(separator: " "), data: ["buildings": .array(items)])
    }
}
