import Foundation

/// A request for one page of a list, newest first.
package struct PageRequest: Sendable, Hashable {
    /// Items per page (1–200).
    package var limit: Int
    /// Opaque position from the previous page's `nextCursor`.
    package var cursor: Cursor?

    package init(limit: Int = 50, cursor: Cursor? = nil) {
        self.limit = min(max(limit, 1), 200)
        self.cursor = cursor
    }
}

/// A keyset position: the sort time (whole milliseconds since 1970) and id of the last item of a page.
package struct Cursor: Sendable, Hashable {
    package let milliseconds: Int64
    package let id: String

    package init(time: Date, id: String) {
        self.milliseconds = Int64((time.timeIntervalSince1970 * 1000).rounded())
        self.id = id
    }

    /// Parses the opaque text form; `nil` when it was tampered with.
    package init?(token: String) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: "|", maxSplits: 1).map(String.init)
        guard parts.count == 2, let milliseconds = Int64(parts[0]), !parts[1].isEmpty else { return nil }
        self.milliseconds = milliseconds
        self.id = parts[1]
    }

    /// The opaque text form (URL-safe base64).
    package var token: String {
        Data("\(milliseconds)|\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// One page of results.
package struct Page<Item: Sendable & Codable>: Sendable, Codable {
    package var items: [Item]
    /// Pass as `cursor` to get the next page; absent on the last page.
    package var nextCursor: String?

    package init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
