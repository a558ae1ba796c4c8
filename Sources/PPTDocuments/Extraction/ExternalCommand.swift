import Foundation
import Synchronization

/// Runs a command-line tool (pdftotext, pdftoppm, tesseract) without blocking a cooperative thread,
/// with a time limit, and captures its standard output.
package struct ExternalCommand: Sendable {
    /// Where the tool was found.
    package let executable: URL

    /// The tool named `name` on `PATH` (or in the usual Debian locations), or `nil` when it is not installed.
    package static func locate(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> ExternalCommand?
    {
        let path = environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/bin"]
        for directory in directories where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return ExternalCommand(executable: candidate)
            }
        }
        return nil
    }

    /// What a finished run produced.
    package struct Output: Sendable {
        package var status: Int32
        package var standardOutput: Data
        package var standardError: String
    }

    /// Runs the tool with `arguments` and returns its output; throws `ExtractionFailure.timedOut`
    /// (after terminating it) when it runs longer than `timeout`.
    package func run(_ arguments: [String], timeout: Duration = .seconds(120)) async throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let name = executable.lastPathComponent
        let started = ContinuousClock.now

        // Pipes are drained on their own threads while the process runs: a tool that writes more than
        // the pipe buffer would otherwise block for ever.
        async let output = Self.drain(stdout.fileHandleForReading)
        async let errors = Self.drain(stderr.fileHandleForReading)
        let status: Int32 = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
                process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                do { try Self.launching.withLock { _ in try process.run() } } catch {
                    process.terminationHandler = nil
                    try? stdout.fileHandleForWriting.close()
                    try? stderr.fileHandleForWriting.close()
                    continuation.resume(throwing: error)
                    return
                }
                // The parent's copies of the write ends must close, or the readers never see end of file.
                try? stdout.fileHandleForWriting.close()
                try? stderr.fileHandleForWriting.close()
                let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout.timeInterval, execute: watchdog)
            }
        } onCancel: {
            if process.isRunning { process.terminate() }
        }
        let (data, errorData) = await (output, errors)
        if process.terminationReason == .uncaughtSignal {
            if ContinuousClock.now - started >= timeout {
                throw ExtractionFailure(.timedOut, "\(name) did not finish within \(timeout) and was stopped.")
            }
            throw ExtractionFailure(.corrupt, "\(name) stopped abnormally while reading the file.")
        }
        return Output(status: status, standardOutput: data,
                      standardError: String(decoding: errorData.prefix(2000), as: UTF8.self))
    }

    /// Serializes process launches: Foundation's `Process.run` crashed (a bad copy inside it) when
    /// several extractions started tools at the same moment. A launch takes about a millisecond.
    private static let launching = Mutex(())

    private static func drain(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: (try? handle.readToEnd()) ?? Data())
            }
        }
    }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
