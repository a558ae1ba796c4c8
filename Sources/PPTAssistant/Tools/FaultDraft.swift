import Foundation
import PPTDomain
import PPTStorage

/// A fault report checked as `FaultRepository.report` checks it, but not saved: the arguments resolved to
/// a building and unit the member may report in, with defaults filled in.
struct FaultDraft: Sendable {
    /// Argument names for the repository's field pointers.
    static let pointers = ["/buildingID": "/building_id", "/unitID": "/unit_id", "/photoDocumentIDs": "/photos"]

    let input: FaultInput
    let building: Building
    let unit: BuildingUnit?

    /// Reads and checks the arguments: permission, title, building and unit (defaults: the member's only
    /// unit and its building), category (guessed from the words when absent) and priority.
    static func resolve(_ arguments: [String: JSONValue], context: ToolContext) async throws -> FaultDraft {
        let scope = context.scope
        try scope.require(.faultsReport)
        let args = ToolArguments(arguments)
        let title = try args.string("title", required: true, maxLength: 200) ?? ""
        let description = try args.string("description", maxLength: 10_000)
        let category = try args.choice("category", as: FaultCategory.self)
        let priority = try args.choice("priority", as: FaultPriority.self)
        let unitID: UnitID? = try args.id("unit_id")
        let buildingID: BuildingID? = try args.id("building_id")
        let properties = PropertyRepository(database: context.services.database, clock: context.services.clock)

        var unit: BuildingUnit?
        if let unitID {
            unit = try await lookUp("/unit_id", "no such unit among the units you may report for") {
                try await properties.unit(scope, id: unitID)
            }
        } else if buildingID == nil {
            switch scope.unitIDs.count {
            case 1: unit = try await properties.unit(scope, id: scope.unitIDs.first!)
            case 0 where scope.buildingIDs.count == 1: break
            case 0: throw DomainError.invalid("/building_id", "is required: say in which building the fault is")
            default: throw DomainError.invalid("/unit_id", "you have several units: say which one the fault is in")
            }
        }
        guard let resolvedBuilding = buildingID ?? unit?.buildingID ?? scope.buildingIDs.first else {
            throw DomainError.invalid("/building_id", "is required: say in which building the fault is")
        }
        let building = try await lookUp("/building_id", "no such building among the buildings you may report for") {
            try await properties.building(scope, id: resolvedBuilding)
        }
        if let unit, unit.buildingID != building.id {
            throw DomainError.invalid("/unit_id", "is not in that building")
        }
        // The same rule as `FaultRepository.report`: residents report only in their buildings and units.
        if scope.role.isResidentLike {
            if !scope.buildingIDs.contains(building.id) {
                throw DomainError.invalid("/building_id", "you can report faults only in your building")
            }
            if let unit, !scope.unitIDs.contains(unit.id) {
                throw DomainError.invalid("/unit_id", "you can report faults only in your unit")
            }
        }
        let text = description ?? title
        let input = FaultInput(buildingID: building.id, unitID: unit?.id, title: title, description: text,
                               category: category ?? FaultCategoryGuess.category(for: "\(title) \(text)"),
                               priority: priority)
        do { try input.validate() } catch { throw ToolArguments.renaming(error, pointers) }
        return FaultDraft(input: input, building: building, unit: unit)
    }

    /// The value, with "not found" turned into an invalid argument at `pointer`.
    private static func lookUp<T>(_ pointer: String, _ detail: String, _ read: () async throws -> T) async throws -> T {
        do { return try await read() } catch let error as DomainError where error.kind == .notFound {
            throw DomainError.invalid(pointer, detail)
        }
    }

    /// The checked arguments, as the proposal carries them to `perform`.
    var arguments: JSONValue {
        ["title": .string(input.title), "description": .string(input.description),
         "category": .string(input.category.rawValue), "priority": .string((input.priority ?? .medium).rawValue),
         "building_id": .id(input.buildingID), "unit_id": .id(input.unitID)]
    }

    /// Where the fault is: `v dome Slnečnica A, byt 3`.
    func location(_ locale: AppLocale) -> String {
        var text = AssistantText.pick(locale, sk: "v dome \(building.name)", cs: "v domě \(building.name)",
                                      de: "im Haus \(building.name)", en: "in \(building.name)")
        if let unit { text += ", \(AssistantText.unitType(unit.type, locale)) \(unit.number)" }
        return text
    }

    /// What confirming will do, in the member's language.
    func proposalText(_ locale: AppLocale) -> String {
        let title = AssistantText.quoted(input.title, locale)
        let category = AssistantText.faultCategory(input.category, locale)
        let priority = AssistantText.faultPriority(input.priority ?? .medium, locale)
        let place = location(locale)
        return AssistantText.pick(
            locale, sk: "Nahlásim poruchu \(title) \(place). Kategória: \(category), priorita: \(priority).",
            cs: "Nahlásím závadu \(title) \(place). Kategorie: \(category), priorita: \(priority).",
            de: "Ich melde die Störung \(title) \(place). Kategorie: \(category), Priorität: \(priority).",
            en: "I will report the fault \(title) \(place). Category: \(category), priority: \(priority).")
    }
}
