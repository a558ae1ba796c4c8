import Foundation
import PPTDomain
import PPTStorage

/// `my_faults`: the faults the member reported or that are in their units, with status. Staff and
/// technicians, who see every fault, get the organization's faults (optionally only those assigned to them).
package struct MyFaultsTool: AssistantTool {
    /// Faults read at most (the newest).
    static let readLimit = 500
    /// Faults named in the summary.
    static let listed = 5
    /// The statuses of faults still being dealt with, for `status: "open"`.
    static let openStatuses: Set<FaultStatus> = [.new, .acknowledged, .inProgress, .onHold]

    package init() {}

    package var name: String { "my_faults" }

    package var description: String {
        """
        The user's reported faults (and faults in their units) with their status, newest first. \
        For staff: the organization's faults. Optional status filter; "open" means not yet resolved.
        """
    }

    package var parameters: JSONValue {
        ToolSchema.object([
            "status": ToolSchema.choice("Only faults in this status.", ["open"] + FaultStatus.allCases.map(\.rawValue)),
            "assigned_to_me": ToolSchema.boolean("Staff and technicians: only faults assigned to the user."),
        ])
    }

    package func run(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolOutput {
        let args = ToolArguments(arguments)
        var statuses: Set<FaultStatus>?
        var statusLabel: String?
        if let text = try args.string("status", maxLength: 50) {
            if SearchText.fold(text) == "open" {
                statuses = Self.openStatuses
                statusLabel = AssistantText.pick(context.locale, sk: "otvorené", cs: "otevřené", de: "offen",
                                                 en: "open")
            } else {
                let status = try ToolArguments.choice(text, key: "status", as: FaultStatus.self)
                statuses = [status]
                statusLabel = AssistantText.faultStatus(status, context.locale)
            }
        }
        let scope = context.scope
        let staffView = scope.can(.faultsReadAll)
        let assignedToMe = try args.flag("assigned_to_me") ?? false
        let repository = FaultRepository(database: context.services.database, clock: context.services.clock)
        let single = statuses?.count == 1 ? statuses?.first : nil
        let filter = FaultRepository.Filter(status: single, assigneeID: assignedToMe ? scope.userID : nil)
        let all = try await ToolPaging.collect(limit: Self.readLimit) { page in
            try await repository.faults(scope, filter: filter, page: page)
        }
        let faults = all.filter { statuses?.contains($0.status) ?? true }
        let places = try await ToolPlaces.load(context, units: faults.prefix(Self.listed).compactMap(\.unitID),
                                               buildings: faults.prefix(Self.listed).map(\.buildingID))
        let summary = Self.summary(faults, places: places, staffView: staffView, statusLabel: statusLabel,
                                   context.locale)
        var counts: [String: Int64] = [:]
        for fault in faults { counts[fault.status.rawValue, default: 0] += 1 }
        let items: [JSONValue] = faults.prefix(20).map { fault in
            ["fault_id": .id(fault.id), "title": .string(fault.title), "status": .string(fault.status.rawValue),
             "status_text": .string(AssistantText.faultStatus(fault.status, context.locale)),
             "category": .string(fault.category.rawValue), "priority": .string(fault.priority.rawValue),
             "building_id": .id(fault.buildingID), "unit_id": .id(fault.unitID),
             "reported_by_me": .bool(fault.reportedBy == scope.userID),
             "reported_on": .string(CalendarDate(fault.createdAt).description)]
        }
        return ToolOutput(summary: summary, data: [
            "scope": .string(staffView ? "organization" : "own"), "total": .int(Int64(faults.count)),
            "by_status": .object(counts.mapValues(JSONValue.int)), "faults": .array(items),
        ])
    }

    private static func summary(_ faults: [Fault], places: ToolPlaces, staffView: Bool, statusLabel: String?,
                                _ locale: AppLocale) -> String {
        let filter = statusLabel.map { label in
            AssistantText.pick(locale, sk: " (stav: \(label))", cs: " (stav: \(label))", de: " (Status: \(label))",
                               en: " (status: \(label))")
        } ?? ""
        guard !faults.isEmpty else {
            if staffView {
                return AssistantText.pick(locale, sk: "V organizácii nie sú žiadne poruchy\(filter).",
                                          cs: "V organizaci nejsou žádné závady\(filter).",
                                          de: "In der Organisation gibt es keine Störungen\(filter).",
                                          en: "There are no faults in the organization\(filter).")
            }
            return AssistantText.pick(locale, sk: "Nemáte žiadne nahlásené poruchy\(filter).",
                                      cs: "Nemáte žádné nahlášené závady\(filter).",
                                      de: "Sie haben keine gemeldeten Störungen\(filter).",
                                      en: "You have no reported faults\(filter).")
        }
        let n = faults.count
        let head = staffView
            ? AssistantText.pick(locale, sk: "Poruchy v organizácii\(filter): \(n).",
                                 cs: "Závady v organizaci\(filter): \(n).",
                                 de: "Störungen in der Organisation\(filter): \(n).",
                                 en: "Faults in the organization\(filter): \(n).")
            : AssistantText.pick(locale, sk: "Vaše poruchy\(filter): \(n).", cs: "Vaše závady\(filter): \(n).",
                                 de: "Ihre Störungen\(filter): \(n).", en: "Your faults\(filter): \(n).")
        let lines = faults.prefix(listed).map { fault in
            let place = fault.unitID.map(places.label) ?? places.name(fault.buildingID)
            let status = AssistantText.faultStatus(fault.status, locale)
            let day = AssistantText.date(fault.createdAt, locale)
            let reported = AssistantText.pick(locale, sk: "nahlásená \(day)", cs: "nahlášena \(day)",
                                              de: "gemeldet am \(day)", en: "reported \(day)")
            return "\(AssistantText.quoted(fault.title, locale)) – \(status), \(place), \(reported)"
        }
        var text = "\(head) \(AssistantText.list(lines))."
        if n > listed {
            let more = n - listed
            text += AssistantText.pick(locale, sk: " A ďalšie: \(more).", cs: " A další: \(more).",
                                       de: " Und weitere: \(more).", en: " And \(more) more.")
        }
        return text
    }
}
