import Foundation

/// The domain events PPT emits; workflows and other subscribers trigger on them (DESIGN §3, §7).
package enum DomainEventType: String, Codable, Sendable, CaseIterable {
    case faultCreated = "fault_created"
    case faultStatusChanged = "fault_status_changed"
    case faultResolved = "fault_resolved"
    case announcementPublished = "announcement_published"
    case documentUploaded = "document_uploaded"
    case voteStarted = "vote_started"
    case voteEnded = "vote_ended"
    case paymentOverdue = "payment_overdue"
    case paymentReceived = "payment_received"
    case meterReadingDue = "meter_reading_due"
    case leaseExpiring = "lease_expiring"
    case inquiryReceived = "inquiry_received"
    case featureFlagChanged = "feature_flag_changed"
}

/// A domain event as written to the outbox in the transaction of the change that caused it.
package struct DomainEvent: Sendable, Hashable {
    /// What happened.
    package let type: DomainEventType
    /// The organization it happened in.
    package let organizationID: OrganizationID
    /// The kind of entity the event is about (`fault`, `invoice`, ...).
    package let aggregateType: String
    /// That entity's id.
    package let aggregateID: String
    /// Event data as a JSON object (ids, amounts, statuses: never secrets).
    package let payload: [String: JSONValue]
    /// When set, a second event with the same key is silently dropped (once-per-day scanners).
    package let dedupeKey: String?

    package init(
        type: DomainEventType, organizationID: OrganizationID, aggregateType: String, aggregateID: String,
        payload: [String: JSONValue], dedupeKey: String? = nil
    ) {
        self.type = type
        self.organizationID = organizationID
        self.aggregateType = aggregateType
        self.aggregateID = aggregateID
        self.payload = payload
        self.dedupeKey = dedupeKey
    }
}

/// A JSON value, for event payloads and free-form metadata.
package enum JSONValue: Hashable, Sendable, Codable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    package init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n):
            if n.rounded() == n, abs(n) < 1e15 { try c.encode(Int64(n)) } else { try c.encode(n) }
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// The string, if this is one.
    package var stringValue: String? { if case .string(let s) = self { s } else { nil } }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    package init(stringLiteral value: String) { self = .string(value) }
    package init(integerLiteral value: Int) { self = .number(Double(value)) }
    package init(booleanLiteral value: Bool) { self = .bool(value) }
}

// Not `ExpressibleByNilLiteral`: `nil` would then silently mean `.null` wherever an optional
// `JSONValue` is expected.
extension JSONValue: ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    package init(floatLiteral value: Double) { self = .number(value) }
    package init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    package init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension JSONValue {
    /// Wraps an identifier.
    package static func id<T>(_ id: Identifier<T>) -> JSONValue { .string(id.rawValue) }
    /// Wraps an optional identifier (`null` when absent).
    package static func id<T>(_ id: Identifier<T>?) -> JSONValue { id.map { .string($0.rawValue) } ?? .null }
    /// Wraps an integer.
    package static func int(_ value: Int64) -> JSONValue { .number(Double(value)) }
}
