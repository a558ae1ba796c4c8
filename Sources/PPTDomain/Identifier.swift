import Foundation

/// A typed identifier: `Identifier<Building>` cannot be passed where an `Identifier<BuildingUnit>` is expected.
///
/// The raw value is a lowercase UUID string, which is how identifiers are stored (TEXT) in both
/// SQLite and PostgreSQL and how they appear on the wire.
package struct Identifier<Entity>: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    /// The lowercase UUID string.
    package let rawValue: String

    /// A new random identifier.
    package init() { self.rawValue = UUID().uuidString.lowercased() }

    /// Wraps a stored value without validation; use only for values read back from storage.
    package init(trusted rawValue: String) { self.rawValue = rawValue }

    /// Parses untrusted input (a path parameter, a JSON field); `nil` when it is not a UUID.
    package init?(_ text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        self.rawValue = uuid.uuidString.lowercased()
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let parsed = Identifier(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a UUID: \(text)")
        }
        self = parsed
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    package var description: String { rawValue }

    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

package typealias OrganizationID = Identifier<Organization>
package typealias UserID = Identifier<User>
package typealias BuildingID = Identifier<Building>
package typealias UnitID = Identifier<BuildingUnit>
package typealias ResidentID = Identifier<UnitResident>
package typealias FaultID = Identifier<Fault>
package typealias AnnouncementID = Identifier<Announcement>
package typealias DocumentID = Identifier<Document>
package typealias VoteID = Identifier<Vote>
package typealias InvoiceID = Identifier<Invoice>
package typealias PaymentID = Identifier<Payment>
package typealias MeterID = Identifier<Meter>
package typealias ReadingWindowID = Identifier<ReadingWindow>
package typealias LeaseID = Identifier<Lease>
package typealias ListingID = Identifier<Listing>
package typealias InquiryID = Identifier<Inquiry>
