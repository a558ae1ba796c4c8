import Foundation
import Hummingbird
import PPTDomain

/// The search page's filters as a visitor typed them into the URL. Values that do not parse are kept
/// as typed (so the form shows them) and reported instead of searched.
struct PortalQuery: Sendable {
    var text = ""
    var city = ""
    var type: ListingType?
    var currency: Currency?
    var minPrice: String = ""
    var maxPrice: String = ""
    var minRooms: String = ""
    var sort: ListingSort = .newest
    var page = 1

    init(_ parameters: Parameters) {
        func value(_ name: String) -> String { parameters.get(name)?.trimmingCharacters(in: .whitespaces) ?? "" }
        text = String(value("text").prefix(200))
        city = String(value("city").prefix(100))
        type = ListingType(rawValue: value("type"))
        currency = Currency(rawValue: value("currency"))
        minPrice = value("minPrice")
        maxPrice = value("maxPrice")
        minRooms = value("minRooms")
        sort = ListingSort(rawValue: value("sort")) ?? .newest
        page = Int(value("page")).map { min(max($0, 1), 10_000 / 12) } ?? 1
    }

    private static func wholeNumber(_ text: String) -> Int64?? {
        if text.isEmpty { return .some(nil) }
        guard let value = Int64(text), value >= 0, value <= 100_000_000_000 else { return nil }
        return .some(value)
    }

    /// A problem to show instead of results, in the visitor's words.
    func problem(_ words: [String: String]) -> String? {
        guard let low = Self.wholeNumber(minPrice), let high = Self.wholeNumber(maxPrice),
              minRooms.isEmpty || Int(minRooms).map({ $0 >= 0 }) == true
        else { return words["formErrors"] }
        if currency == nil, low != nil || high != nil { return words["currencyNeeded"] }
        return nil
    }

    /// The search for one page (prices are typed in whole currency units).
    func search(pageSize: Int) -> ListingSearch {
        let low = Self.wholeNumber(minPrice).flatMap { $0 }
        let high = Self.wholeNumber(maxPrice).flatMap { $0 }
        return ListingSearch(
            text: text.isEmpty ? nil : text, city: city.isEmpty ? nil : city, type: type, currency: currency,
            minPrice: low.map { $0 * 100 }, maxPrice: high.map { $0 * 100 }, minRooms: Int(minRooms),
            sort: sort, limit: pageSize, offset: (page - 1) * pageSize)
    }

    /// The query string of these filters on `page` (`?…`, or empty), parameters in a fixed order so
    /// one search has one canonical URL.
    func canonicalQuery(page: Int) -> String {
        var items: [(String, String)] = []
        if !text.isEmpty { items.append(("text", text)) }
        if !city.isEmpty { items.append(("city", city)) }
        if let type { items.append(("type", type.rawValue)) }
        if let currency { items.append(("currency", currency.rawValue)) }
        if !minPrice.isEmpty { items.append(("minPrice", minPrice)) }
        if !maxPrice.isEmpty { items.append(("maxPrice", maxPrice)) }
        if !minRooms.isEmpty { items.append(("minRooms", minRooms)) }
        if sort != .newest { items.append(("sort", sort.rawValue)) }
        if page > 1 { items.append(("page", String(page))) }
        guard !items.isEmpty else { return "" }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return "?" + items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
    }

    /// The form's values and choices.
    func filterView(_ words: [String: String]) -> [String: Any] {
        func options(_ values: [(String, String)], selected: String) -> [[String: Any]] {
            values.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == selected] }
        }
        return [
            "text": text, "city": city, "minPrice": minPrice, "maxPrice": maxPrice, "minRooms": minRooms,
            "types": options([("", words["any"]!), ("sale", words["sale"]!), ("rent", words["rent"]!)],
                             selected: type?.rawValue ?? ""),
            "currencies": options([("", words["any"]!), ("EUR", "EUR"), ("CZK", "CZK")], selected: currency?.rawValue ?? ""),
            "sorts": options(ListingSort.allCases.map { ($0.rawValue, words[$0.rawValue] ?? $0.rawValue) },
                             selected: sort.rawValue),
        ]
    }
}
