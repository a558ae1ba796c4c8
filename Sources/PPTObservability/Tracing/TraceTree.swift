import Foundation
import Tracing

/// A whole trace as a span tree, for `GET /api/v1/admin/traces/{traceID}`.
package struct TraceDetail: Sendable, Encodable {
    /// 32 lowercase hex digits.
    package let traceID: String
    /// When the earliest span started; every offset is relative to it.
    package let start: Date
    /// From the earliest start to the latest end, in milliseconds.
    package let durationMs: Double
    /// Spans kept for the trace.
    package let spanCount: Int
    /// Whether any span ended in error.
    package let hasError: Bool
    /// Spans without a parent in the trace (normally one: the root; more when the parent is remote or
    /// was evicted), each with its children nested.
    package let roots: [TraceSpanNode]

    private enum CodingKeys: String, CodingKey {
        case traceID = "traceId", start, durationMs, spanCount, hasError, roots
    }

    /// The tree of one trace's spans; `nil` for no spans.
    package init?(spans: [RecordedSpan]) {
        guard let summary = TraceSummary(spans: spans) else { return nil }
        let origin = summary.startNanoseconds
        let ids = Set(spans.map(\.spanID))
        var children: [SpanID: [RecordedSpan]] = [:]
        var roots: [RecordedSpan] = []
        for span in spans {
            if let parent = span.parentSpanID, parent != span.spanID, ids.contains(parent) {
                children[parent, default: []].append(span)
            } else {
                roots.append(span)
            }
        }
        var visited: Set<SpanID> = []
        func node(_ span: RecordedSpan) -> TraceSpanNode {
            visited.insert(span.spanID)
            let nested = (children[span.spanID] ?? []).filter { !visited.contains($0.spanID) }
                .sorted { $0.startNanoseconds < $1.startNanoseconds }
            return TraceSpanNode(span, origin: origin, children: nested.map(node))
        }
        var trees = roots.sorted { $0.startNanoseconds < $1.startNanoseconds }.map(node)
        // Spans in a parent cycle (only possible with forged ids) are not reachable from a root.
        for span in spans where !visited.contains(span.spanID) { trees.append(node(span)) }
        self.traceID = summary.traceID
        self.start = summary.start
        self.durationMs = summary.durationMs
        self.spanCount = summary.spanCount
        self.hasError = summary.hasError
        self.roots = trees
    }
}

/// One span of a trace tree with its timings relative to the trace start.
package struct TraceSpanNode: Sendable, Encodable {
    /// 16 lowercase hex digits.
    package let spanID: String
    /// The parent span; for a root, a span of the calling service (or none).
    package let parentSpanID: String?
    /// The span name.
    package let name: String
    /// server, client, internal, producer or consumer.
    package let kind: String
    /// Milliseconds from the trace start to this span's start.
    package let startOffsetMs: Double
    /// How long the span lasted, in milliseconds.
    package let durationMs: Double
    /// unset, ok or error.
    package let status: String
    /// The status description, when one was given.
    package let statusMessage: String?
    /// Span attributes by OpenTelemetry name.
    package let attributes: [String: TraceAttributeValue]
    /// Point-in-time events (errors are `exception` events).
    package let events: [TraceSpanEvent]
    /// Child spans, ordered by start.
    package let children: [TraceSpanNode]

    private enum CodingKeys: String, CodingKey {
        case spanID = "spanId", parentSpanID = "parentSpanId", name, kind, startOffsetMs, durationMs, status,
            statusMessage, attributes, events, children
    }

    init(_ span: RecordedSpan, origin: UInt64, children: [TraceSpanNode]) {
        self.spanID = span.spanID.description
        self.parentSpanID = span.parentSpanID?.description
        self.name = span.name
        self.kind = span.kindName
        self.startOffsetMs = TraceTiming.offset(span.startNanoseconds, from: origin)
        self.durationMs = TraceTiming.milliseconds(span.endNanoseconds - span.startNanoseconds)
        self.status = switch span.status?.code {
        case .error: "error"
        case .ok: "ok"
        case nil: "unset"
        }
        self.statusMessage = span.status?.message
        self.attributes = TraceAttributeValue.dictionary(span.attributes)
        self.events = span.events.map { event in
            TraceSpanEvent(name: event.name, offsetMs: TraceTiming.offset(event.nanosecondsSinceEpoch, from: origin),
                           attributes: TraceAttributeValue.dictionary(event.attributes))
        }
        self.children = children
    }
}

/// A point-in-time event of a span (e.g. `exception`).
package struct TraceSpanEvent: Sendable, Encodable {
    /// The event name.
    package let name: String
    /// Milliseconds from the trace start.
    package let offsetMs: Double
    /// Event attributes.
    package let attributes: [String: TraceAttributeValue]
}

/// A span attribute value as JSON.
package enum TraceAttributeValue: Sendable, Encodable, Equatable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case array([TraceAttributeValue])

    /// The JSON form of span attributes.
    package static func dictionary(_ attributes: SpanAttributes) -> [String: TraceAttributeValue] {
        var result: [String: TraceAttributeValue] = [:]
        attributes.forEach { key, value in
            if let converted = TraceAttributeValue(value) { result[key] = converted }
        }
        return result
    }

    /// The JSON form of one attribute value; `nil` for namespace markers.
    package init?(_ attribute: SpanAttribute) {
        switch attribute {
        case .int32(let value): self = .int(Int64(value))
        case .int64(let value): self = .int(value)
        case .double(let value): self = .double(value)
        case .bool(let value): self = .bool(value)
        case .string(let value): self = .string(value)
        case .stringConvertible(let value): self = .string(value.description)
        case .int32Array(let values): self = .array(values.map { .int(Int64($0)) })
        case .int64Array(let values): self = .array(values.map { .int($0) })
        case .doubleArray(let values): self = .array(values.map { .double($0) })
        case .boolArray(let values): self = .array(values.map { .bool($0) })
        case .stringArray(let values): self = .array(values.map { .string($0) })
        case .stringConvertibleArray(let values): self = .array(values.map { .string($0.description) })
        default: return nil
        }
    }

    package func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .int(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .double(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value.isFinite ? value : 0)
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .array(let values):
            var container = encoder.unkeyedContainer()
            for value in values { try container.encode(value) }
        }
    }
}
