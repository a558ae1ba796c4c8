import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// The request every load-client call sends.
struct LoadTarget: Sendable {
    var url: String
    var headers: [(String, String)]
    var body: ByteBuffer
    var timeout: TimeAmount
}

/// The outcome of one streamed request.
struct LoadSample: Sendable {
    /// Time to `data: [DONE]`; nil when the request failed.
    var total: Duration?
    /// Time to the first non-empty content delta.
    var firstToken: Duration?
    var error: String?
}

/// Results of the measured phase of `ppt bench load`.
struct LoadSummary {
    var samples: [LoadSample]
    var elapsed: Duration

    var successes: Int { samples.count { $0.total != nil } }

    /// Distinct error messages with their counts, most frequent first (at most five).
    var errorSamples: [(String, Int)] {
        let counts = samples.compactMap(\.error).reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
        let ordered = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        return ordered.prefix(5).map { ($0.key, $0.value) }
    }

    /// The one-line JSON report.
    var json: String {
        let totals = samples.compactMap(\.total).sorted()
        let firsts = samples.compactMap { $0.total == nil ? nil : $0.firstToken }.sorted()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let fields: [(String, String)] = [
            ("requests", String(samples.count)), ("errors", String(samples.count - totals.count)),
            ("p50_ms", Self.percentile(totals, 0.50)), ("p99_ms", Self.percentile(totals, 0.99)),
            ("ttft_p50_ms", Self.percentile(firsts, 0.50)), ("ttft_p99_ms", Self.percentile(firsts, 0.99)),
            ("throughput_rps", seconds > 0 ? String(format: "%.1f", Double(totals.count) / seconds) : "null"),
        ]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    /// The nearest-rank percentile of sorted durations in milliseconds with three decimals, or `null`.
    private static func percentile(_ sorted: [Duration], _ fraction: Double) -> String {
        guard !sorted.isEmpty else { return "null" }
        let rank = max(1, Int((fraction * Double(sorted.count)).rounded(.up)))
        let value = sorted[min(rank, sorted.count) - 1]
        let ms = Double(value.components.seconds) * 1e3 + Double(value.components.attoseconds) / 1e15
        return String(format: "%.3f", ms)
    }
}

/// Keeps a fixed number of streamed chat completions in flight and times each one.
struct LoadRunner: Sendable {
    let client: HTTPClient
    let target: LoadTarget

    /// Runs the warm-up, then the measured phase, on a client whose pool allows `concurrency` connections.
    static func measure(_ target: LoadTarget, concurrency: Int, requests: Int, warmup: Int, threads: Int) async throws
        -> LoadSummary
    {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        var configuration = HTTPClient.Configuration(
            timeout: .init(connect: .seconds(10), read: target.timeout),
            connectionPool: .init(idleTimeout: .seconds(300), concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency),
            decompression: .disabled)
        configuration.httpVersion = .http1Only
        let client = HTTPClient(eventLoopGroup: group, configuration: configuration,
                                backgroundActivityLogger: Logger(label: "ppt.bench.load"))
        let runner = LoadRunner(client: client, target: target)
        if warmup > 0 { _ = await runner.run(requests: warmup, concurrency: concurrency) }
        let summary = await runner.run(requests: requests, concurrency: concurrency)
        try await client.shutdown()
        try await group.shutdownGracefully()
        return summary
    }

    /// Sends `requests` requests, starting a new one whenever one finishes, so `concurrency` stay in flight.
    func run(requests: Int, concurrency: Int) async -> LoadSummary {
        let start = ContinuousClock.now
        var samples: [LoadSample] = []
        samples.reserveCapacity(requests)
        await withTaskGroup(of: LoadSample.self) { group in
            var started = 0
            while started < min(concurrency, requests) {
                group.addTask { await self.one() }
                started += 1
            }
            while let sample = await group.next() {
                samples.append(sample)
                if started < requests {
                    group.addTask { await self.one() }
                    started += 1
                }
            }
        }
        return LoadSummary(samples: samples, elapsed: ContinuousClock.now - start)
    }

    /// One request: its status, its SSE stream to `[DONE]`, and the time to the first content delta.
    func one() async -> LoadSample {
        var request = HTTPClientRequest(url: target.url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "accept", value: "text/event-stream")
        for (name, value) in target.headers { request.headers.replaceOrAdd(name: name, value: value) }
        request.body = .bytes(target.body)
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let response = try await client.execute(request, timeout: target.timeout)
            guard response.status == .ok else {
                let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
                return LoadSample(error: "HTTP \(response.status.code): \(text.prefix(200))")
            }
            var scanner = SSEScanner()
            var firstToken: Duration?
            var done: Duration?
            var failure: String?
            for try await var chunk in response.body {
                scanner.feed(&chunk) { event in
                    switch event {
                    case .done: if done == nil { done = clock.now - start }
                    case .content: if firstToken == nil { firstToken = clock.now - start }
                    case .error(let message): failure = failure ?? message
                    }
                }
            }
            if let failure { return LoadSample(error: "stream error: \(failure.prefix(200))") }
            guard let done else { return LoadSample(error: "stream ended without data: [DONE]") }
            guard let firstToken else { return LoadSample(error: "stream had no content delta") }
            return LoadSample(total: done, firstToken: firstToken)
        } catch {
            return LoadSample(error: "\(error)")
        }
    }
}

/// Splits an OpenAI SSE stream into the events the load client times, parsing JSON only while it must.
struct SSEScanner {
    enum Event { case content, done, error(String) }

    private var pending = ByteBuffer()
    private var sawContent = false

    mutating func feed(_ chunk: inout ByteBuffer, _ emit: (Event) -> Void) {
        pending.writeBuffer(&chunk)
        while let newline = pending.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            guard let line = pending.readSlice(length: newline - pending.readerIndex + 1) else { break }
            scan(line, emit)
        }
        pending.discardReadBytes()
    }

    private mutating func scan(_ line: ByteBuffer, _ emit: (Event) -> Void) {
        // Byte loops on the raw buffer: generic collection searches cost more than everything else here.
        let (kind, payload) = line.withUnsafeReadableBytes { raw -> (Kind, Data?) in
            var start = 0
            var end = raw.count
            guard end >= 5, raw[0] == UInt8(ascii: "d"), raw[1] == UInt8(ascii: "a"), raw[2] == UInt8(ascii: "t"),
                  raw[3] == UInt8(ascii: "a"), raw[4] == UInt8(ascii: ":")
            else { return (.ignore, nil) }
            start = 5
            if start < end, raw[start] == UInt8(ascii: " ") { start += 1 }
            while end > start, raw[end - 1] == UInt8(ascii: "\n") || raw[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let bytes = UnsafeRawBufferPointer(rebasing: raw[start..<end])
            if Self.equals(bytes, Self.done) { return (.done, nil) }
            let mentionsError = Self.contains(bytes, Self.errorKey)
            guard mentionsError || !sawContent else { return (.ignore, nil) }
            return (.json, Data(bytes))
        }
        switch kind {
        case .ignore: return
        case .done: return emit(.done)
        case .json: break
        }
        guard let payload, let object = try? JSONSerialization.jsonObject(with: payload) as? [String: Any] else {
            let text = String(decoding: (payload ?? Data()).prefix(120), as: UTF8.self)
            return emit(.error("undecodable event: \(text)"))
        }
        if let error = object["error"] { return emit(.error("\(error)")) }
        guard !sawContent, let choices = object["choices"] as? [[String: Any]],
              let delta = choices.first?["delta"] as? [String: Any],
              let content = delta["content"] as? String, !content.isEmpty
        else { return }
        sawContent = true
        emit(.content)
    }

    private enum Kind { case ignore, done, json }
    private static let done = Array("[DONE]".utf8)
    private static let errorKey = Array(#""error""#.utf8)

    private static func equals(_ bytes: UnsafeRawBufferPointer, _ literal: [UInt8]) -> Bool {
        bytes.count == literal.count && literal.indices.allSatisfy { bytes[$0] == literal[$0] }
    }

    private static func contains(_ bytes: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count, let first = needle.first else { return false }
        var index = 0
        while index <= bytes.count - needle.count {
            if bytes[index] == first {
                var offset = 1
                while offset < needle.count, bytes[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }
}
