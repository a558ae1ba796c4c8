import Foundation

/// Serialises events as Sentry envelopes (protocols.md §E):
///
/// ```
/// {"event_id":"…","sent_at":"…","dsn":"…","sdk":{"name":"ppt","version":"…"}}
/// {"type":"event","length":N,"content_type":"application/json"}
/// {…event JSON, N bytes…}
/// ```
///
/// Each header is single-line compact JSON; `length` is the payload's byte count.
package enum SentryEnvelope {
    /// The SDK that sends the envelope (`sdk` in the header, `sentry_client` in the auth header).
    package struct SDK: Sendable, Hashable, Encodable {
        package var name: String
        package var version: String

        /// An SDK identity.
        package init(name: String = "ppt", version: String) {
            self.name = name
            self.version = version
        }

        /// `name/version`, as in `User-Agent` and `sentry_client`.
        package var userAgent: String { "\(name)/\(version)" }
    }

    private struct Header: Encodable {
        let eventID: String
        let sentAt: String
        let dsn: String
        let sdk: SDK

        enum CodingKeys: String, CodingKey {
            case eventID = "event_id"
            case sentAt = "sent_at"
            case dsn, sdk
        }
    }

    private struct ItemHeader: Encodable {
        let type = "event"
        let length: Int
        let contentType = "application/json"

        enum CodingKeys: String, CodingKey {
            case type, length
            case contentType = "content_type"
        }
    }

    /// RFC 3339 UTC with milliseconds, e.g. `2026-08-01T10:00:00.123Z`.
    package static func rfc3339(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// A compact JSON encoder with RFC 3339 dates.
    package static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(rfc3339(date))
        }
        return encoder
    }

    /// The event's JSON payload.
    package static func payload(of event: SentryEvent) throws -> Data {
        try makeEncoder().encode(event)
    }

    /// The whole envelope for `event`; `sentAt` is the moment it is actually sent.
    package static func encode(_ event: SentryEvent, dsn: SentryDSN, sdk: SDK, sentAt: Date) throws -> Data {
        let encoder = makeEncoder()
        let payload = try encoder.encode(event)
        let header = try encoder.encode(
            Header(eventID: event.eventID, sentAt: rfc3339(sentAt), dsn: dsn.description, sdk: sdk))
        let itemHeader = try encoder.encode(ItemHeader(length: payload.count))
        var envelope = Data()
        envelope.reserveCapacity(header.count + itemHeader.count + payload.count + 3)
        envelope.append(header)
        envelope.append(0x0A)
        envelope.append(itemHeader)
        envelope.append(0x0A)
        envelope.append(payload)
        envelope.append(0x0A)
        return envelope
    }
}
