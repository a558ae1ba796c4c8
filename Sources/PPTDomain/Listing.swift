import Foundation

/// Sale or rent.
package enum ListingType: String, Codable, Sendable, CaseIterable { case sale, rent }

/// A listing's state; only `published` listings are on the Reality Portal.
package enum ListingStatus: String, Codable, Sendable, CaseIterable { case draft, published, reserved, closed }

/// A property offered on the Reality Portal.
package struct Listing: Codable, Sendable, Hashable {
    package var id: ListingID
    package var organizationID: OrganizationID
    package var unitID: UnitID?
    package var type: ListingType
    package var status: ListingStatus
    package var title: String
    package var description: String
    package var price: Money
    package var sizeSqm: Double
    package var rooms: Int
    package var street: String
    package var city: String
    package var postalCode: String
    package var country: String
    package var features: [String]
    package var publishedAt: Date?
    package var createdAt: Date
    package var updatedAt: Date

    package init(
        id: ListingID,
        organizationID: OrganizationID,
        unitID: UnitID? = nil,
        type: ListingType,
        status: ListingStatus,
        title: String,
        description: String,
        price: Money,
        sizeSqm: Double,
        rooms: Int,
        street: String,
        city: String,
        postalCode: String,
        country: String,
        features: [String],
        publishedAt: Date? = nil,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.unitID = unitID
        self.type = type
        self.status = status
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
        self.publishedAt = publishedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A message from the public about a listing.
package struct Inquiry: Codable, Sendable, Hashable {
    package var id: InquiryID
    package var organizationID: OrganizationID
    package var listingID: ListingID
    package var name: String
    package var email: String
    package var phone: String?
    package var message: String
    package var createdAt: Date

    package init(
        id: InquiryID,
        organizationID: OrganizationID,
        listingID: ListingID,
        name: String,
        email: String,
        phone: String? = nil,
        message: String,
        createdAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.listingID = listingID
        self.name = name
        self.email = email
        self.phone = phone
        self.message = message
        self.createdAt = createdAt
    }
}

extension Listing {
    /// The stored search column: folded city first, then title, description, street and features,
    /// separated by `SearchText.separator`, so a city filter can anchor on the first field.
    package var searchText: String {
        ([city, title, description, street] + features).map(SearchText.fold)
            .joined(separator: String(SearchText.separator))
    }
}

/// Portal search results: one page, the total number of matches, and the cursor to the next page.
package struct ListingSearchResult: Codable, Sendable {
    package var items: [Listing]
    /// Matches of the whole search, on every page.
    package var total: Int
    /// Pass as `cursor` to get the next page; absent on the last page.
    package var nextCursor: String?

    package init(items: [Listing], total: Int, nextCursor: String?) {
        self.items = items
        self.total = total
        self.nextCursor = nextCursor
    }
}
