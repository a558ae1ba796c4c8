import Foundation

/// Text normalised for portable search: SQL `LIKE` and `LOWER` differ between SQLite and PostgreSQL
/// for non-ASCII letters, so both sides of a comparison are folded in Swift instead.
package enum SearchText {
    /// Separates fields in a stored search column; never part of a folded text.
    package static let separator: Character = "\u{1F}"

    /// Lower-cased, diacritics-free text (`Košice` → `kosice`); control characters become spaces.
    package static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        return String(folded.map { character in
            character.unicodeScalars.contains { $0.properties.generalCategory == .control } ? " " : character
        })
    }

    /// The folded words of a query, at most `limit` of them.
    package static func terms(_ text: String?, limit: Int = 8) -> [String] {
        Array(fold(text ?? "").split(whereSeparator: \.isWhitespace).map(String.init).prefix(limit))
    }
}

/// A document's descriptive fields and access scope, for an upload or a metadata change.
package struct DocumentMetadataInput: Codable, Sendable {
    package var title: String
    /// Free-form category (`contracts`, `minutes`, ...).
    package var category: String
    /// Slash-separated folder path; absent or empty means the root.
    package var folder: String?
    package var language: AppLocale?
    /// Who may read it; absent means the whole organization.
    package var access: DocumentAccess?

    package init(title: String, category: String, folder: String? = nil, language: AppLocale? = nil,
                 access: DocumentAccess? = nil) {
        self.title = title
        self.category = category
        self.folder = folder
        self.language = language
        self.access = access
    }

    /// The folder to store: trimmed of spaces and surrounding slashes (`""` is the root).
    package var normalizedFolder: String { Self.normalize(folder: folder ?? "") }

    /// The access to store: only the list the level uses, without repeats.
    package var effectiveAccess: DocumentAccess {
        let access = access ?? DocumentAccess()
        func unique<T: Hashable>(_ items: [T]) -> [T] {
            var seen = Set<T>()
            return items.filter { seen.insert($0).inserted }
        }
        var stored = DocumentAccess(level: access.level)
        switch access.level {
        case .building: stored.buildingIDs = unique(access.buildingIDs)
        case .unit: stored.unitIDs = unique(access.unitIDs)
        case .roles: stored.roles = unique(access.roles)
        case .users: stored.userIDs = unique(access.userIDs)
        case .organization, .staff: break
        }
        return stored
    }

    /// A folder path without surrounding spaces or slashes.
    package static func normalize(folder: String) -> String {
        folder.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "/")))
    }

    /// Throws `validation.failed` listing every invalid field.
    package func validate() throws(DomainError) {
        var v = Validator()
        v.text(title, "/title")
        v.text(category, "/category", max: 100)
        v.check(normalizedFolder.count <= 200, "/folder", "must be at most 200 characters")
        let access = effectiveAccess
        switch access.level {
        case .building: v.check(!access.buildingIDs.isEmpty, "/access/buildingIDs", "name at least one building")
        case .unit: v.check(!access.unitIDs.isEmpty, "/access/unitIDs", "name at least one unit")
        case .roles: v.check(!access.roles.isEmpty, "/access/roles", "name at least one role")
        case .users: v.check(!access.userIDs.isEmpty, "/access/userIDs", "name at least one user")
        case .organization, .staff: break
        }
        v.check(access.buildingIDs.count <= 100, "/access/buildingIDs", "at most 100 buildings")
        v.check(access.unitIDs.count <= 500, "/access/unitIDs", "at most 500 units")
        v.check(access.userIDs.count <= 500, "/access/userIDs", "at most 500 users")
        try v.finish()
    }
}

/// Filters for the document list.
package struct DocumentFilter: Sendable, Hashable {
    /// Only documents directly in this folder.
    package var folder: String?
    package var category: String?
    /// Words that must occur in the title (case- and diacritics-insensitive).
    package var text: String?

    package init(folder: String? = nil, category: String? = nil, text: String? = nil) {
        self.folder = folder
        self.category = category
        self.text = text
    }
}

/// Input for creating or replacing a listing.
package struct ListingInput: Codable, Sendable {
    package var unitID: UnitID?
    package var type: ListingType
    package var title: String
    package var description: String
    package var price: Money
    package var sizeSqm: Double
    package var rooms: Int
    package var street: String
    package var city: String
    package var postalCode: String
    package var country: String
    package var features: [String]?

    package init(unitID: UnitID? = nil, type: ListingType, title: String, description: String, price: Money,
                 sizeSqm: Double, rooms: Int, street: String, city: String, postalCode: String, country: String,
                 features: [String]? = nil) {
        self.unitID = unitID
        self.type = type
        self.title = title
        self.description = description
        self.price = price
        self.sizeSqm = sizeSqm
        self.rooms = rooms
        self.street = street
        self.city = city
        self.postalCode = postalCode
        self.country = country
        self.features = features
    }

    /// Features trimmed, without empty or repeated entries.
    package var normalizedFeatures: [String] {
        var seen = Set<String>()
        return (features ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
    }

    /// Throws `validation.failed` listing every invalid field.
    package func validate() throws(DomainError) {
        var v = Validator()
        v.text(title, "/title")
        v.text(description, "/description", max: 20_000)
        v.check(price.amountMinor > 0 && price.amountMinor <= 10_000_000_000_000, "/price/amountMinor",
                "must be a positive amount in minor units")
        v.check(sizeSqm > 0 && sizeSqm < 100_000, "/sizeSqm", "must be a positive area in square metres")
        v.check((0...100).contains(rooms), "/rooms", "must be between 0 and 100")
        v.text(street, "/street")
        v.text(city, "/city", max: 100)
        v.text(postalCode, "/postalCode", max: 20)
        v.check(country.count == 2 && country.allSatisfy(\.isLetter), "/country", "must be a two-letter country code")
        v.check((features ?? []).count <= 50, "/features", "at most 50 features")
        v.check((features ?? []).allSatisfy { $0.count <= 100 }, "/features", "each at most 100 characters")
        try v.finish()
    }
}

/// How portal search results are ordered.
package enum ListingSort: String, Codable, Sendable, CaseIterable {
    case newest
    case priceAsc = "price_asc"
    case priceDesc = "price_desc"
    case sizeDesc = "size_desc"
}

/// A public search of published listings. Prices are in minor units of `currency`.
package struct ListingSearch: Codable, Sendable, Hashable {
    /// Words that must all occur in the title, description, city, street or features.
    package var text: String?
    /// Exact city, case- and diacritics-insensitive.
    package var city: String?
    package var type: ListingType?
    package var currency: Currency?
    package var minPrice: Int64?
    package var maxPrice: Int64?
    package var minSize: Double?
    package var maxSize: Double?
    package var minRooms: Int?
    package var maxRooms: Int?
    package var sort: ListingSort
    /// Results per page (1–100).
    package var limit: Int
    /// Results to skip; exclusive with `cursor`.
    package var offset: Int
    /// The previous page's `nextCursor`; exclusive with `offset`.
    package var cursor: String?

    package init(text: String? = nil, city: String? = nil, type: ListingType? = nil, currency: Currency? = nil,
                 minPrice: Int64? = nil, maxPrice: Int64? = nil, minSize: Double? = nil, maxSize: Double? = nil,
                 minRooms: Int? = nil, maxRooms: Int? = nil, sort: ListingSort = .newest, limit: Int = 20,
                 offset: Int = 0, cursor: String? = nil) {
        self.text = text
        self.city = city
        self.type = type
        self.currency = currency
        self.minPrice = minPrice
        self.maxPrice = maxPrice
        self.minSize = minSize
        self.maxSize = maxSize
        self.minRooms = minRooms
        self.maxRooms = maxRooms
        self.sort = sort
        self.limit = limit
        self.offset = offset
        self.cursor = cursor
    }

    /// The folded search words (at most 8).
    package var terms: [String] { SearchText.terms(text) }

    /// Throws `validation.failed` listing every invalid field.
    package func validate() throws(DomainError) {
        var v = Validator()
        v.check((text ?? "").count <= 200, "/text", "must be at most 200 characters")
        v.check((city ?? "").count <= 100, "/city", "must be at most 100 characters")
        v.check((1...100).contains(limit), "/limit", "must be between 1 and 100")
        v.check((0...10_000).contains(offset), "/offset", "must be between 0 and 10000")
        v.check(offset == 0 || cursor == nil, "/cursor", "cannot be combined with offset")
        v.check(currency != nil || (minPrice == nil && maxPrice == nil), "/currency",
                "is required with minPrice or maxPrice")
        for (value, pointer) in [(minPrice, "/minPrice"), (maxPrice, "/maxPrice")] {
            if let value { v.check(value >= 0, pointer, "must not be negative") }
        }
        for (value, pointer) in [(minSize, "/minSize"), (maxSize, "/maxSize")] {
            if let value { v.check(value >= 0 && value.isFinite, pointer, "must be a non-negative number") }
        }
        for (value, pointer) in [(minRooms, "/minRooms"), (maxRooms, "/maxRooms")] {
            if let value { v.check(value >= 0, pointer, "must not be negative") }
        }
        if let low = minPrice, let high = maxPrice { v.check(low <= high, "/maxPrice", "must not be below minPrice") }
        if let low = minSize, let high = maxSize { v.check(low <= high, "/maxSize", "must not be below minSize") }
        if let low = minRooms, let high = maxRooms { v.check(low <= high, "/maxRooms", "must not be below minRooms") }
        try v.finish()
    }
}

/// A message from the public about a listing.
package struct InquiryInput: Codable, Sendable {
    package var name: String
    package var email: String
    package var phone: String?
    package var message: String

    package init(name: String, email: String, phone: String? = nil, message: String) {
        self.name = name
        self.email = email
        self.phone = phone
        self.message = message
    }

    /// Throws `validation.failed` listing every invalid field.
    package func validate() throws(DomainError) {
        var v = Validator()
        v.text(name, "/name")
        v.check(Self.isEmail(email), "/email", "must be an email address")
        if let phone, !phone.trimmingCharacters(in: .whitespaces).isEmpty {
            let digits = phone.filter { $0.isASCII && $0.isNumber }.count
            let allowed = phone.allSatisfy { ($0.isASCII && $0.isNumber) || " +-()/.".contains($0) }
            v.check(phone.count <= 30 && digits >= 6 && allowed, "/phone", "must be a phone number")
        }
        v.text(message, "/message", max: 5_000)
        try v.finish()
    }

    /// `local@domain.tld`: one `@`, no spaces, a dot in the domain, at most 254 characters.
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard text.count <= 254, parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else {
            return false
        }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
    }
}
