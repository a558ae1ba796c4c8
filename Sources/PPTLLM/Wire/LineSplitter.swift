import NIOCore

/// Splits a byte stream into lines (`\n` or `\r\n`), across chunk boundaries.
package struct LineSplitter: Sendable {
    private var buffer = ByteBuffer()
    private var finished = false

    package init() {}

    /// Adds bytes received.
    package mutating func append(_ chunk: ByteBuffer) {
        var chunk = chunk
        if buffer.readableBytes == 0 { buffer = chunk } else { buffer.writeBuffer(&chunk) }
    }

    /// Marks the end of input: the last line need not end in a newline.
    package mutating func finish() { finished = true }

    /// The next complete line without its terminator, or `nil` until more bytes arrive.
    package mutating func nextLine() -> String? {
        let view = buffer.readableBytesView
        if let newline = view.firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - view.startIndex
            var line = buffer.readString(length: length) ?? ""
            buffer.moveReaderIndex(forwardBy: 1)
            if line.utf8.last == UInt8(ascii: "\r") { line.removeLast() }
            if buffer.readableBytes == 0 { buffer.clear() }
            return line
        }
        if finished, buffer.readableBytes > 0 {
            let line = buffer.readString(length: buffer.readableBytes) ?? ""
            buffer.clear()
            return line
        }
        return nil
    }
}

/// One server-sent event.
package struct SSEEvent: Sendable, Hashable {
    /// The `event:` field (`nil` when absent, i.e. "message").
    package var name: String?
    /// The `data:` lines joined with newlines.
    package var data: String
}

/// Assembles server-sent events (WHATWG `text/event-stream`) from lines.
package struct SSEAssembler: Sendable {
    private var name: String?
    private var data: String?

    package init() {}

    /// Feeds one line; returns an event when a blank line completes one.
    package mutating func consume(_ line: String) -> SSEEvent? {
        if line.isEmpty {
            defer { name = nil; data = nil }
            guard let data else { return nil }
            return SSEEvent(name: name, data: data)
        }
        if line.utf8.first == UInt8(ascii: ":") { return nil }
        let field: Substring
        var value: Substring
        if let colon = line.firstIndex(of: ":") {
            field = line[..<colon]
            value = line[line.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
        } else {
            field = Substring(line)
            value = ""
        }
        switch field {
        case "event": name = String(value)
        case "data": data = data.map { $0 + "\n" + value } ?? String(value)
        default: break
        }
        return nil
    }

    /// At the end of input: a pending event without its blank line.
    package mutating func finish() -> SSEEvent? { consume("") }
}
