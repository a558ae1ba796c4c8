import Foundation
import Hummingbird
import Logging
import NIOCore
import PPTObservability
import ServiceLifecycle
import Tracing

/// A span as an OTLP/HTTP exporter sent it, decoded from the protobuf wire format.
struct ExportedSpan: Sendable, Hashable {
    var traceID = ""
    var spanID = ""
    var parentSpanID = ""
    var name = ""
    /// OTLP `SpanKind`: 2 server, 3 client.
    var kind = 0
    var attributeKeys: Set<String> = []
    /// `service.name` of the resource the span came with.
    var serviceName = ""
}

/// Decodes `ExportTraceServiceRequest` bodies with a tiny protobuf reader (the generated types in
/// swift-otel are internal): resource_spans = 1 → resource = 1 (attributes = 1) and scope_spans = 2
/// → spans = 2 → trace_id = 1, span_id = 2, parent_span_id = 4, name = 5, kind = 6, attributes = 9.
enum OTLPTraceDecoder {
    struct MalformedProtobuf: Error {}

    static func spans(in body: [UInt8]) throws -> [ExportedSpan] {
        var spans: [ExportedSpan] = []
        for (field, resourceSpans) in try fields(body[...]) where field.number == 1 {
            var serviceName = ""
            var scopeSpansList: [ArraySlice<UInt8>] = []
            for (inner, value) in try fields(resourceSpans) {
                if inner.number == 1 {
                    for (attribute, keyValue) in try fields(value) where attribute.number == 1 {
                        let (key, stringValue) = try Self.keyValue(keyValue)
                        if key == "service.name" { serviceName = stringValue ?? "" }
                    }
                } else if inner.number == 2 {
                    scopeSpansList.append(value)
                }
            }
            for scopeSpans in scopeSpansList {
                for (inner, spanBytes) in try fields(scopeSpans) where inner.number == 2 {
                    var span = try self.span(spanBytes)
                    span.serviceName = serviceName
                    spans.append(span)
                }
            }
        }
        return spans
    }

    private static func span(_ bytes: ArraySlice<UInt8>) throws -> ExportedSpan {
        var span = ExportedSpan()
        for (field, value) in try fields(bytes) {
            switch field.number {
            case 1: span.traceID = hex(value)
            case 2: span.spanID = hex(value)
            case 4: span.parentSpanID = hex(value)
            case 5: span.name = String(decoding: value, as: UTF8.self)
            case 6: span.kind = Int(field.varint)
            case 9: span.attributeKeys.insert(try keyValue(value).key)
            default: break
            }
        }
        return span
    }

    /// A `KeyValue`: key = 1, value = 2 (`AnyValue`, string_value = 1).
    private static func keyValue(_ bytes: ArraySlice<UInt8>) throws -> (key: String, string: String?) {
        var key = ""
        var string: String?
        for (field, value) in try fields(bytes) {
            if field.number == 1 { key = String(decoding: value, as: UTF8.self) }
            if field.number == 2 {
                for (inner, text) in try fields(value) where inner.number == 1 {
                    string = String(decoding: text, as: UTF8.self)
                }
            }
        }
        return (key, string)
    }

    struct Field {
        let number: Int
        /// The value of a varint field (wire type 0).
        let varint: UInt64
    }

    /// The fields of one message; length-delimited values as slices, others as empty slices.
    static func fields(_ bytes: ArraySlice<UInt8>) throws -> [(Field, ArraySlice<UInt8>)] {
        var index = bytes.startIndex
        var result: [(Field, ArraySlice<UInt8>)] = []
        while index < bytes.endIndex {
            let tag = try varint(bytes, &index)
            let number = Int(tag >> 3)
            switch tag & 7 {
            case 0:
                result.append((Field(number: number, varint: try varint(bytes, &index)), []))
            case 1:
                guard index + 8 <= bytes.endIndex else { throw MalformedProtobuf() }
                index += 8
                result.append((Field(number: number, varint: 0), []))
            case 2:
                let length = Int(try varint(bytes, &index))
                guard length >= 0, index + length <= bytes.endIndex else { throw MalformedProtobuf() }
                result.append((Field(number: number, varint: 0), bytes[index..<(index + length)]))
                index += length
            case 5:
                guard index + 4 <= bytes.endIndex else { throw MalformedProtobuf() }
                index += 4
                result.append((Field(number: number, varint: 0), []))
            default:
                throw MalformedProtobuf()
            }
        }
        return result
    }

    private static func varint(_ bytes: ArraySlice<UInt8>, _ index: inout Int) throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.endIndex, shift < 64 {
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        throw MalformedProtobuf()
    }

    private static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}

/// What the loopback collector received.
actor ExportedSpanSink {
    private(set) var spans: [ExportedSpan] = []
    private(set) var requests = 0

    func add(_ new: [ExportedSpan]) {
        spans.append(contentsOf: new)
        requests += 1
    }

    /// Waits (up to `timeout`) until `condition` holds for the received spans; returns them.
    func wait(timeout: Duration = .seconds(20), until condition: @Sendable ([ExportedSpan]) -> Bool) async
        -> [ExportedSpan]
    {
        let deadline = ContinuousClock.now + timeout
        while !condition(spans), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        return spans
    }
}

/// Real HTTP servers on 127.0.0.1 with an OS-chosen port, for the duration of a closure.
enum LoopbackServer {
    /// Runs `responder` on 127.0.0.1 while `body` runs with its port.
    static func run<Responder: HTTPResponder, T: Sendable>(
        _ responder: Responder, _ body: @Sendable (Int) async throws -> T
    ) async throws -> T where Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: TracingTestSupport.logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw LoopbackServerError.notStarted }
            return try await body(port)
        }
    }

    /// The loopback OTLP/HTTP collector: `POST /v1/traces` with protobuf bodies into `sink`.
    static func collector<T: Sendable>(_ sink: ExportedSpanSink, _ body: @Sendable (Int) async throws -> T)
        async throws -> T
    {
        let router = Router()
        router.post("v1/traces") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 16 * 1024 * 1024)
            await sink.add(try OTLPTraceDecoder.spans(in: Array(buffer.readableBytesView)))
            return Response(status: .ok, headers: [.contentType: "application/x-protobuf"], body: .init())
        }
        return try await run(router.buildResponder(), body)
    }

    struct LoopbackServerError: Error {
        static let notStarted = LoopbackServerError()
    }
}

/// Shared bits of the tracing tests.
enum TracingTestSupport {
    static let logger: Logger = {
        var logger = Logger(label: "ppt.test.tracing")
        logger.logLevel = .critical
        return logger
    }()
}

/// A span start or end time given in nanoseconds since 1970.
struct FixedInstant: TracerInstant {
    let nanosecondsSinceEpoch: UInt64

    static func < (lhs: FixedInstant, rhs: FixedInstant) -> Bool {
        lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
    }
}
