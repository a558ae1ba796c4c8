import ArgumentParser
import Foundation
import NIOCore
import UnixSignals

/// `ppt bench …`: the benchmark tools behind bench/*.sh and the retrieval quality check (run on demand, never in tests).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark tools: a fake LLM provider, a streaming load client, search and ingestion benchmarks, retrieval recall, generation latency, workflow throughput, instrumentation cost.",
        subcommands: [FakeLLM.self, Load.self, Search.self, Ingest.self, BenchRecall.self, BenchGeneration.self,
                      BenchWorkflow.self, BenchInstrumentation.self])

    /// `ppt bench fake-llm`: a deterministic OpenAI-compatible provider on loopback.
    struct FakeLLM: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fake-llm",
            abstract: "Serve a fixed answer as an OpenAI-compatible provider until SIGINT or SIGTERM.",
            discussion: """
                Endpoints: POST /v1/chat/completions (streamed with "stream": true, including the usage chunk \
                when stream_options.include_usage is set, otherwise one JSON body) and GET /v1/models. Any model \
                name is accepted and echoed; max_tokens below --pieces shortens the answer (finish_reason "length").
                """)

        @Option(help: "Address to bind.")
        var host = "127.0.0.1"

        @Option(help: "Port to bind (0 picks a free one; the chosen port is printed).")
        var port: Int

        @Option(help: "Content chunks per streamed answer.")
        var pieces = 20

        @Option(help: "Delay between two content chunks, in milliseconds (0: the whole answer goes out in one write).")
        var pieceIntervalMs = 0

        @Option(help: "Delay before the response head and the first chunk, in milliseconds.")
        var firstByteMs = 0

        @Option(help: "Model id listed by GET /v1/models.")
        var model = "fake"

        @Option(help: "Event-loop threads.")
        var threads = 1

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
            guard (1...100_000).contains(pieces) else { throw ValidationError("--pieces must be 1…100000.") }
            guard pieceIntervalMs >= 0, firstByteMs >= 0 else { throw ValidationError("Delays cannot be negative.") }
            guard (1...64).contains(threads) else { throw ValidationError("--threads must be between 1 and 64.") }
            guard !model.isEmpty else { throw ValidationError("--model cannot be empty.") }
        }

        func run() async throws {
            let behavior = FakeLLMBehavior(
                model: model, pieces: pieces, pieceInterval: .milliseconds(Int64(pieceIntervalMs)),
                firstByteDelay: .milliseconds(Int64(firstByteMs)))
            let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
            let server = try await FakeLLMServer.start(host: host, port: port, threads: threads, behavior: behavior)
            FileHandle.standardOutput.write(Data("fake-llm listening on http://\(host):\(server.port)/v1\n".utf8))
            for await _ in signals { break }
            try await server.shutdown()
        }
    }

    /// `ppt bench load`: keeps C streamed chat completions in flight and reports latency percentiles.
    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send streamed chat completions at a fixed concurrency and print one JSON line of results.",
            discussion: """
                Each request counts as successful when it answers 200 and its SSE stream reaches data: [DONE] \
                without an error object. Time to first token is the time to the first data: event whose \
                choices[0].delta.content is non-empty; total time is the time to data: [DONE]. Percentiles are \
                over successful requests, in milliseconds; throughput_rps is successful requests per second of \
                the measured phase (the warm-up is not counted).
                """)

        @Option(help: "Chat completions URL, e.g. http://127.0.0.1:18600/v1/chat/completions.")
        var url: String

        @Option(name: .customLong("header"), help: "An extra request header 'name: value' (repeatable).")
        var headers: [String] = []

        @Option(help: "Requests kept in flight.")
        var concurrency = 1

        @Option(help: "Measured requests.")
        var requests = 100

        @Option(help: "Requests sent (at the same concurrency) before measuring, then discarded.")
        var warmup = 0

        @Option(help: "Request body (an OpenAI Chat Completions request).")
        var body = #"{"model":"fake","messages":[{"role":"user","content":"When is the annual meeting?"}],"# +
            #""stream":true,"stream_options":{"include_usage":true},"max_tokens":64}"#

        @Option(help: "Event-loop threads of the HTTP client.")
        var threads = 1

        @Option(help: "Per-request deadline in seconds.")
        var timeout = 60

        func validate() throws {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil
            else { throw ValidationError("--url must be an absolute http(s) URL.") }
            guard (1...100_000).contains(concurrency) else {
                throw ValidationError("--concurrency must be 1…100000.")
            }
            guard requests >= 1 else { throw ValidationError("--requests must be at least 1.") }
            guard warmup >= 0 else { throw ValidationError("--warmup cannot be negative.") }
            guard (1...64).contains(threads) else { throw ValidationError("--threads must be between 1 and 64.") }
            guard timeout >= 1 else { throw ValidationError("--timeout must be at least 1 second.") }
            guard (try? JSONSerialization.jsonObject(with: Data(body.utf8))) is [String: Any] else {
                throw ValidationError("--body must be a JSON object.")
            }
            _ = try parsedHeaders()
        }

        /// The `--header` values split into name and value.
        func parsedHeaders() throws -> [(String, String)] {
            try headers.map { header in
                guard let colon = header.firstIndex(of: ":") else {
                    throw ValidationError("--header '\(header)' must look like 'name: value'.")
                }
                let name = header[..<colon].trimmingCharacters(in: .whitespaces)
                let value = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { throw ValidationError("--header '\(header)' has no name.") }
                return (name, value)
            }
        }

        func run() async throws {
            let target = LoadTarget(
                url: url, headers: try parsedHeaders(), body: ByteBuffer(string: body),
                timeout: .seconds(Int64(timeout)))
            let summary = try await LoadRunner.measure(
                target, concurrency: concurrency, requests: requests, warmup: warmup, threads: threads)
            for (message, count) in summary.errorSamples {
                FileHandle.standardError.write(Data("error x\(count): \(message)\n".utf8))
            }
            FileHandle.standardOutput.write(Data((summary.json + "\n").utf8))
            if summary.successes == 0 { throw ExitCode(2) }
        }
    }
}
