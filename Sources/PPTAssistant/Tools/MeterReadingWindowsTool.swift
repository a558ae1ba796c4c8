import Foundation
import PPTDomain
import PPTStorage

/// `meter_reading_windows`: reading windows that are open or coming, with their dates, and (for residents)
/// their meters with the last reading.
package struct MeterReadingWindowsTool: AssistantTool {
    /// Windows read at most (the newest).
    static let readLimit = 200
    /// Windows and meters described at most.
    static let listed = 10

    package init() {}

    package var name: String { "meter_reading_windows" }

    package var description: String {
        """
        Meter reading periods that are open now or coming up (dates, building), and the user's meters \
        with their last reading.
        """
    }

    package var parameters: JSONValue { ToolSchema.object([:]) }

    package func run(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolOutput {
        let scope = context.scope
        let locale = context.locale
        let repository = MeterRepository(database: context.services.database, clock: context.services.clock)
        let today = CalendarDate(context.services.clock.now())
        let windows = try await ToolPaging.collect(limit: Self.readLimit) { page in
            try await repository.readingWindows(scope, page: page)
        }.filter { $0.closesOn >= today }.sorted { ($0.opensOn, $0.closesOn, $0.id) < ($1.opensOn, $1.closesOn, $1.id) }
        let open = windows.filter { $0.isOpen(on: today) }.prefix(Self.listed)
        let upcoming = windows.filter { $0.opensOn > today }.prefix(Self.listed)
        let places = try await ToolPlaces.load(context, units: [UnitID](), buildings: windows.compactMap(\.buildingID))
        let whereText = { (window: ReadingWindow) -> String in
            guard let building = window.buildingID else { return "" }
            return " (\(places.name(building)))"
        }
        var sentences: [String] = []
        if open.isEmpty && upcoming.isEmpty {
            sentences.append(AssistantText.pick(
                locale, sk: "Momentálne nie je otvorený ani naplánovaný žiadny odpočet meračov.",
                cs: "Momentálně není otevřený ani naplánovaný žádný odečet měřidel.",
                de: "Derzeit ist keine Zählerablesung offen oder geplant.",
                en: "No meter reading period is open or planned at the moment."))
        }
        for window in open {
            let title = AssistantText.quoted(window.title, locale) + whereText(window)
            let (from, to) = (AssistantText.date(window.opensOn, locale), AssistantText.date(window.closesOn, locale))
            sentences.append(AssistantText.pick(
                locale, sk: "Odpočet \(title) prebieha do \(to) (od \(from)).",
                cs: "Odečet \(title) probíhá do \(to) (od \(from)).",
                de: "Die Ablesung \(title) läuft bis \(to) (seit \(from)).",
                en: "The meter reading \(title) is open until \(to) (since \(from))."))
        }
        if !upcoming.isEmpty {
            let list = AssistantText.list(upcoming.map { window in
                let (from, to) = (AssistantText.date(window.opensOn, locale),
                                  AssistantText.date(window.closesOn, locale))
                let title = AssistantText.quoted(window.title, locale) + whereText(window)
                return AssistantText.pick(locale, sk: "\(title) od \(from) do \(to)",
                                          cs: "\(title) od \(from) do \(to)",
                                          de: "\(title) vom \(from) bis \(to)", en: "\(title) from \(from) to \(to)")
            })
            sentences.append(AssistantText.pick(locale, sk: "Pripravované odpočty: \(list).",
                                                cs: "Připravované odečty: \(list).",
                                                de: "Geplante Ablesungen: \(list).",
                                                en: "Upcoming reading periods: \(list)."))
        }
        var data: [String: JSONValue] = [
            "today": .string(today.description),
            "open": .array(open.map { Self.json($0, places) }),
            "upcoming": .array(upcoming.map { Self.json($0, places) }),
        ]
        if scope.unitFilter != nil {
            let (sentence, meters) = try await Self.meters(context, repository)
            if let sentence { sentences.append(sentence) }
            data["meters"] = .array(meters)
        }
        return ToolOutput(summary: sentences.joined(separator: " "), data: .object(data))
    }

    private static func json(_ window: ReadingWindow, _ places: ToolPlaces) -> JSONValue {
        ["window_id": .id(window.id), "title": .string(window.title), "opens_on": .string(window.opensOn.description),
         "closes_on": .string(window.closesOn.description), "building_id": .id(window.buildingID),
         "building": window.buildingID.map { .string(places.name($0)) } ?? .null]
    }

    /// The resident's meters with their latest reading.
    private static func meters(_ context: ToolContext, _ repository: MeterRepository) async throws
        -> (String?, [JSONValue])
    {
        let locale = context.locale
        let meters = try await repository.meters(context.scope, page: PageRequest(limit: listed)).items
            .sorted { ($0.unitID, $0.kind.rawValue, $0.serialNumber) < ($1.unitID, $1.kind.rawValue, $1.serialNumber) }
        guard !meters.isEmpty else { return (nil, []) }
        var lines: [String] = []
        var items: [JSONValue] = []
        for meter in meters {
            let last = try await repository.readings(context.scope, meterID: meter.id, limit: 1).first
            var line = "\(AssistantText.meterKind(meter.kind, locale)) (\(meter.serialNumber)"
            if let last {
                let value = "\(AssistantText.number(last.value, locale)) \(meter.unit)"
                let day = AssistantText.date(last.readOn, locale)
                line += AssistantText.pick(locale, sk: ", posledný stav \(value) k \(day)",
                                           cs: ", poslední stav \(value) k \(day)",
                                           de: ", letzter Stand \(value) am \(day)",
                                           en: ", last reading \(value) on \(day)")
            }
            lines.append(line + ")")
            items.append(["meter_id": .id(meter.id), "unit_id": .id(meter.unitID), "kind": .string(meter.kind.rawValue),
                          "serial_number": .string(meter.serialNumber), "measure_unit": .string(meter.unit),
                          "last_value": last.map { .number($0.value) } ?? .null,
                          "last_read_on": last.map { .string($0.readOn.description) } ?? .null])
        }
        let list = lines.joined(separator: ", ")
        let sentence = AssistantText.pick(locale, sk: "Vaše merače: \(list).", cs: "Vaše měřidla: \(list).",
                                          de: "Ihre Zähler: \(list).", en: "Your meters: \(list).")
        return (sentence, items)
    }
}
