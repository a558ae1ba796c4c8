import Foundation
import PPTDomain
import PPTStorage

/// `my_balance`: what the member's units owe (balance, overdue amount, open invoices). Staff name a unit
/// with `unit_id` or get the organization's overdue totals.
package struct MyBalanceTool: AssistantTool {
    /// Invoices listed per unit.
    static let invoiceLimit = 10
    /// Units named in the organization overview.
    static let topUnits = 5

    package init() {}

    package var name: String { "my_balance" }

    package var description: String {
        """
        Balance of the user's flat(s): amount owed, overdue amount and open invoices with due dates. \
        Staff may pass unit_id for one unit; without it they get the organization's overdue totals.
        """
    }

    package var parameters: JSONValue {
        ToolSchema.object(["unit_id": ToolSchema.string("Id of one unit (optional; residents default to their own).")])
    }

    package func run(_ arguments: [String: JSONValue], context: ToolContext) async throws -> ToolOutput {
        let args = ToolArguments(arguments)
        let unitID: UnitID? = try args.id("unit_id")
        let scope = context.scope
        if let unitID { return try await units([unitID], context) }
        if scope.unitFilter == nil && scope.can(.financeReadAll) { return try await organization(context) }
        if !scope.can(.financeReadAll) { try scope.require(.financeReadOwn) }
        guard !scope.unitIDs.isEmpty else {
            let locale = context.locale
            return ToolOutput(summary: AssistantText.pick(
                locale, sk: "Nemáte priradenú žiadnu jednotku, takže nemáte ani žiadne platby.",
                cs: "Nemáte přiřazenou žádnou jednotku, takže nemáte ani žádné platby.",
                de: "Ihnen ist keine Einheit zugeordnet, daher gibt es keine Zahlungen.",
                en: "No unit is assigned to you, so there is nothing to pay."), data: ["units": []])
        }
        return try await units(scope.unitIDs.sorted(), context)
    }

    /// Balances and open invoices of the given units.
    private func units(_ ids: [UnitID], _ context: ToolContext) async throws -> ToolOutput {
        let finance = FinanceRepository(database: context.services.database, clock: context.services.clock)
        let today = CalendarDate(context.services.clock.now())
        let places = try await ToolPlaces.load(context, units: ids)
        let locale = context.locale
        var sentences: [String] = []
        var data: [JSONValue] = []
        for id in ids {
            let balance = try await finance.balance(context.scope, unitID: id)
            let invoices = try await finance.invoices(
                context.scope, filter: InvoiceFilter(unitID: id, status: .open),
                page: PageRequest(limit: Self.invoiceLimit)
            ).items.sorted { ($0.dueDate, $0.number) < ($1.dueDate, $1.number) }
            sentences.append(sentence(balance, invoices, place: places.label(id), today: today, locale))
            data.append(Self.json(balance, invoices, place: places.label(id), today: today, locale))
        }
        return ToolOutput(summary: sentences.joined(separator: " "), data: ["units": .array(data)])
    }

    private func sentence(_ b: UnitBalance, _ invoices: [Invoice], place: String, today: CalendarDate,
                          _ locale: AppLocale) -> String {
        let amount = { (minor: Int64) in AssistantText.money(minor, b.currency, locale) }
        var text: String
        if b.balanceMinor > 0 {
            text = AssistantText.pick(locale, sk: "\(place): zostáva uhradiť \(amount(b.balanceMinor))",
                                      cs: "\(place): zbývá uhradit \(amount(b.balanceMinor))",
                                      de: "\(place): offen \(amount(b.balanceMinor))",
                                      en: "\(place): \(amount(b.balanceMinor)) outstanding")
        } else if b.balanceMinor < 0 {
            text = AssistantText.pick(locale, sk: "\(place): preplatok \(amount(-b.balanceMinor))",
                                      cs: "\(place): přeplatek \(amount(-b.balanceMinor))",
                                      de: "\(place): Guthaben \(amount(-b.balanceMinor))",
                                      en: "\(place): credit of \(amount(-b.balanceMinor))")
        } else {
            text = AssistantText.pick(locale, sk: "\(place): všetko je uhradené", cs: "\(place): vše je uhrazeno",
                                      de: "\(place): alles bezahlt", en: "\(place): everything is paid")
        }
        if b.overdueMinor > 0 {
            let n = b.overdueInvoices
            let count = AssistantText.pick(
                locale, sk: AssistantText.counted(n, locale, one: "faktúra", few: "faktúry", many: "faktúr"),
                cs: AssistantText.counted(n, locale, one: "faktura", few: "faktury", many: "faktur"),
                de: AssistantText.counted(n, locale, one: "Rechnung", few: "Rechnungen", many: "Rechnungen"),
                en: AssistantText.counted(n, locale, one: "invoice", few: "invoices", many: "invoices"))
            text += AssistantText.pick(locale, sk: ", z toho po splatnosti \(amount(b.overdueMinor)) (\(count))",
                                       cs: ", z toho po splatnosti \(amount(b.overdueMinor)) (\(count))",
                                       de: ", davon überfällig \(amount(b.overdueMinor)) (\(count))",
                                       en: ", of which \(amount(b.overdueMinor)) is overdue (\(count))")
        }
        text += "."
        if let next = invoices.first(where: { !$0.isOverdue(on: today) }) {
            let due = AssistantText.date(next.dueDate, locale)
            let rest = amount(next.amount.amountMinor - next.paidMinor)
            text += AssistantText.pick(locale, sk: " Najbližšia splatnosť: \(due) (\(rest)).",
                                       cs: " Nejbližší splatnost: \(due) (\(rest)).",
                                       de: " Nächste Fälligkeit: \(due) (\(rest)).",
                                       en: " Next due date: \(due) (\(rest)).")
        }
        return text
    }

    private static func json(_ b: UnitBalance, _ invoices: [Invoice], place: String, today: CalendarDate,
                             _ locale: AppLocale) -> JSONValue {
        let open: [JSONValue] = invoices.map { invoice in
            let due = invoice.amount.amountMinor - invoice.paidMinor
            return ["invoice_id": .id(invoice.id), "number": .string(invoice.number),
                    "description": .string(invoice.description), "due_date": .string(invoice.dueDate.description),
                    "amount_due": .string(AssistantText.money(due, invoice.amount.currency, locale)),
                    "amount_due_minor": .int(due), "overdue": .bool(invoice.isOverdue(on: today))]
        }
        return ["unit_id": .id(b.unitID), "unit": .string(place), "currency": .string(b.currency.rawValue),
                "balance": .string(AssistantText.money(b.balanceMinor, b.currency, locale)),
                "balance_minor": .int(b.balanceMinor),
                "overdue": .string(AssistantText.money(b.overdueMinor, b.currency, locale)),
                "overdue_minor": .int(b.overdueMinor), "overdue_invoices": .int(Int64(b.overdueInvoices)),
                "open_invoices": .array(open)]
    }

    /// The organization's totals for staff: what is overdue, in how many units, and the largest debts.
    private func organization(_ context: ToolContext) async throws -> ToolOutput {
        let finance = FinanceRepository(database: context.services.database, clock: context.services.clock)
        let balances = try await finance.balances(context.scope)
        let locale = context.locale
        guard let currency = balances.first?.currency else {
            return ToolOutput(summary: AssistantText.pick(
                locale, sk: "Organizácia zatiaľ nemá žiadne jednotky.",
                cs: "Organizace zatím nemá žádné jednotky.",
                de: "Die Organisation hat noch keine Einheiten.", en: "The organization has no units yet."),
                data: ["units_with_overdue": 0, "overdue_minor": 0, "outstanding_minor": 0, "top": []])
        }
        let overdue = balances.filter { $0.overdueMinor > 0 }.sorted {
            ($0.overdueMinor, $1.unitID.rawValue) > ($1.overdueMinor, $0.unitID.rawValue)
        }
        let overdueTotal = overdue.reduce(Int64(0)) { $0 + $1.overdueMinor }
        let outstanding = balances.reduce(Int64(0)) { $0 + max($1.balanceMinor, 0) }
        let top = Array(overdue.prefix(Self.topUnits))
        let places = try await ToolPlaces.load(context, units: top.map(\.unitID))
        let amount = { (minor: Int64) in AssistantText.money(minor, currency, locale) }
        let outstandingText = amount(outstanding)
        var summary: String
        if overdue.isEmpty {
            summary = AssistantText.pick(
                locale, sk: "Žiadne platby nie sú po splatnosti; celkovo zostáva uhradiť \(outstandingText).",
                cs: "Žádné platby nejsou po splatnosti; celkem zbývá uhradit \(outstandingText).",
                de: "Keine Zahlungen sind überfällig; insgesamt offen: \(outstandingText).",
                en: "Nothing is overdue; \(outstandingText) is outstanding in total.")
        } else {
            let n = overdue.count
            let units = AssistantText.pick(
                locale, sk: AssistantText.counted(n, locale, one: "jednotke", few: "jednotkách", many: "jednotkách"),
                cs: AssistantText.counted(n, locale, one: "jednotce", few: "jednotkách", many: "jednotkách"),
                de: AssistantText.counted(n, locale, one: "Einheit", few: "Einheiten", many: "Einheiten"),
                en: AssistantText.counted(n, locale, one: "unit", few: "units", many: "units"))
            let total = amount(overdueTotal)
            summary = AssistantText.pick(
                locale, sk: "Po splatnosti je \(total) v \(units); celkovo zostáva uhradiť \(outstandingText).",
                cs: "Po splatnosti je \(total) v \(units); celkem zbývá uhradit \(outstandingText).",
                de: "Überfällig sind \(total) in \(units); insgesamt offen: \(outstandingText).",
                en: "\(total) is overdue in \(units); \(outstandingText) is outstanding in total.")
            let names = top.map { "\(places.label($0.unitID)) (\(amount($0.overdueMinor)))" }.joined(separator: ", ")
            summary += AssistantText.pick(locale, sk: " Najviac: \(names).", cs: " Nejvíce: \(names).",
                                          de: " Am meisten: \(names).", en: " Largest: \(names).")
        }
        let topJSON: [JSONValue] = top.map {
            ["unit_id": .id($0.unitID), "unit": .string(places.label($0.unitID)),
             "overdue": .string(amount($0.overdueMinor)), "overdue_minor": .int($0.overdueMinor),
             "overdue_invoices": .int(Int64($0.overdueInvoices))]
        }
        return ToolOutput(summary: summary, data: [
            "currency": .string(currency.rawValue), "units": .int(Int64(balances.count)),
            "units_with_overdue": .int(Int64(overdue.count)), "overdue": .string(amount(overdueTotal)),
            "overdue_minor": .int(overdueTotal), "outstanding": .string(outstandingText),
            "outstanding_minor": .int(outstanding), "top": .array(topJSON),
        ])
    }
}
