import Foundation
import PPTDomain

/// Clause texts with `{placeholders}`: which ones a text uses, whether they are all known, and the
/// text filled with a lease's values.
package enum LeaseTemplateText {
    /// Every placeholder a clause text may use.
    package static let known: Set<String> = [
        "landlord", "landlord.name", "tenants", "tenant.names", "building.address", "building.city",
        "unit.number", "unit.floor", "unit.size", "unit.rooms", "rent", "deposit", "startDate", "endDate",
        "term", "dueDay", "copies", "civilCode", "countryName",
    ]

    /// The placeholders `text` uses, in order of appearance.
    package static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            let name = String(after[..<close])
            if !name.isEmpty, !name.contains("{"), !name.contains(" ") { names.append(name) }
            rest = after[after.index(after: close)...]
        }
        return names
    }

    /// Checks an organization's text: only known placeholders, and every one in `required`.
    /// Errors point at `pointer`.
    package static func validate(_ text: String, requiring required: [String], pointer: String) throws {
        let used = placeholders(in: text)
        var problems: [FieldError] = []
        for name in Set(used).subtracting(known).sorted() {
            problems.append(FieldError(pointer: pointer, detail: "uses the unknown placeholder {\(name)}"))
        }
        for name in required where !used.contains(name) {
            problems.append(FieldError(pointer: pointer, detail: "must keep the placeholder {\(name)}"))
        }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
    }

    /// `text` with each placeholder replaced by its value; `endDate` of an open-ended lease is the only
    /// value that may be absent, and the library never uses it outside `{term}`.
    package static func fill(_ text: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else {
                result += rest[open...]
                return result
            }
            let name = String(after[..<close])
            if let value = values[name] {
                result += value
            } else {
                result += "{\(name)}"
            }
            rest = after[after.index(after: close)...]
        }
        return result + rest
    }

    /// The placeholders of the library's figures that a mandatory clause's replacement text must keep.
    package static func figurePlaceholders(in text: String) -> [String] {
        let figures: Set<String> = ["landlord", "landlord.name", "tenants", "tenant.names", "unit.number", "rent",
                                    "deposit", "startDate", "endDate", "term"]
        var seen = Set<String>()
        return placeholders(in: text).filter { figures.contains($0) && seen.insert($0).inserted }
    }
}
