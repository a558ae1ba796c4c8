import Foundation
import PPTDomain

/// A validated scenario field value.
package enum AnnouncementFieldValue: Sendable, Hashable {
    case text(String)
    case list([String])
    case date(CalendarDate)
    case time(hour: Int, minute: Int)
    case money(Money)
    case choice(String)

    /// Parses `json` as a value of `field`, or throws `validation.failed` saying what is wrong with it.
    static func parse(_ json: JSONValue, as field: AnnouncementField, currency: Currency) throws(DomainError) -> Self {
        let pointer = "/fields/\(field.name)"
        func fail(_ detail: String) -> DomainError { DomainError.invalid(pointer, detail) }
        switch field.type {
        case .text:
            guard let text = json.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                throw fail("must be a non-empty text")
            }
            guard text.count <= 500 else { throw fail("must be at most 500 characters") }
            return .text(text)
        case .list:
            guard case .array(let items) = json else { throw fail("must be a list of texts") }
            let texts = items.compactMap { $0.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard texts.count == items.count, !texts.isEmpty, texts.allSatisfy({ !$0.isEmpty }) else {
                throw fail("must be a list of at least one non-empty text")
            }
            guard texts.count <= 20, texts.allSatisfy({ $0.count <= 300 }) else {
                throw fail("must hold at most 20 texts of at most 300 characters")
            }
            return .list(texts)
        case .date:
            guard let day = json.stringValue.flatMap(CalendarDate.init) else { throw fail("must be a date YYYY-MM-DD") }
            return .date(day)
        case .time:
            let parts = (json.stringValue ?? "").split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[1].count == 2, (1...2).contains(parts[0].count),
                  let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
            else { throw fail("must be a time HH:MM") }
            return .time(hour: hour, minute: minute)
        case .money:
            guard case .object(let object) = json, case .number(let amount)? = object["amountMinor"],
                  amount.rounded() == amount, amount >= 0, amount < 1e12 else {
                throw fail("must be {\"amountMinor\": whole number ≥ 0, \"currency\": \"EUR\" or \"CZK\"}")
            }
            var chosen = currency
            if let given = object["currency"], given != .null {
                guard let parsed = given.stringValue.flatMap(Currency.init(rawValue:)) else {
                    throw fail("has an unknown currency (EUR or CZK)")
                }
                chosen = parsed
            }
            return .money(Money(amountMinor: Int64(amount), currency: chosen))
        case .choice:
            guard let key = json.stringValue, field.options.contains(where: { $0.key == key }) else {
                throw fail("must be one of " + field.options.map(\.key).joined(separator: ", "))
            }
            return .choice(key)
        }
    }

    /// The value as stored with the request.
    var json: JSONValue {
        switch self {
        case .text(let text): .string(text)
        case .list(let items): .array(items.map { .string($0) })
        case .date(let day): .string(day.description)
        case .time(let hour, let minute): .string(String(format: "%02d:%02d", hour, minute))
        case .money(let money): .object(["amountMinor": .int(money.amountMinor), "currency": .string(money.currency.rawValue)])
        case .choice(let key): .string(key)
        }
    }

    /// The value as an announcement in `locale` writes it (a choice by its option's name).
    func written(_ locale: AppLocale, field: AnnouncementField) -> String {
        switch self {
        case .text(let text): text
        case .list(let items): items.joined(separator: "; ")
        case .date(let day): AssistantText.date(day, locale)
        case .time(let hour, let minute): String(format: "%d:%02d", hour, minute)
        case .money(let money): AssistantText.money(money, locale)
        case .choice(let key): field.options.first { $0.key == key }?.names[locale] ?? key
        }
    }
}

/// The validated values of a request's scenario fields, by field name.
package struct AnnouncementFieldValues: Sendable, Hashable {
    package let scenario: AnnouncementScenario
    package let values: [String: AnnouncementFieldValue]

    /// The written value of `name` in `locale`, or `nil` when the request did not give it.
    func written(_ name: String, _ locale: AppLocale) -> String? {
        guard let value = values[name], let field = scenario.field(name) else { return nil }
        return value.written(locale, field: field)
    }

    /// The key of the choice `name`.
    func choice(_ name: String) -> String? {
        if case .choice(let key)? = values[name] { key } else { nil }
    }

    /// The items of the list `name`.
    func list(_ name: String) -> [String] {
        if case .list(let items)? = values[name] { items } else { [] }
    }

    /// Label and written value of every given field, in the scenario's order.
    func facts(_ locale: AppLocale) -> [(label: String, value: String)] {
        scenario.fields.compactMap { field in
            values[field.name].map { (field.labels[locale], $0.written(locale, field: field)) }
        }
    }

    /// The values stored with the request.
    var json: JSONValue { .object(values.mapValues(\.json)) }
}
