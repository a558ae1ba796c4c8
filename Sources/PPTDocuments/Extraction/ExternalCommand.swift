import Foundation

/// Runs a command-line tool (pdftotext, pdftoppm, tesseract) without blocking a cooperative thread,
/// with a time limit, and captures its standard output.
package struct ExternalCommand: Sendable {
    /// Where the tool was found.
    package let executable: URL

    /// The tool at `executable` (use `locate` to find one on `PATH`).
    package init(executable: URL) { self.executable = executable }

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
    ///
    /// The tool is started with `posix_spawn` rather than Foundation's `Process`: `Process.run`
    /// crashed inside Foundation (a copy past the end of a buffer) in about one full test-suite run
    /// in four once many tools ran during the suite.
    package func run(_ arguments: [String], timeout: Duration = .seconds(120)) async throws -> Output {
        let name = executable.lastPathComponent
        let started = ContinuousClock.now
        let child = try SpawnedProcess(executable.path, arguments: arguments)
        // Pipes are drained on their own threads while the tool runs: a tool that writes more than
        // the pipe buffer would otherwise block for ever.
        async let output = Self.drain(child.standardOutput)
        async let errors = Self.drain(child.standardError)
        let watchdog = DispatchWorkItem { child.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout.timeInterval, execute: watchdog)
        let termination = await withTaskCancellationHandler {
            await child.waitForExit()
        } onCancel: {
            child.terminate()
        }
        watchdog.cancel()
        let (data, errorData) = await (output, errors)
        switch termination {
        case .signalled:
            if ContinuousClock.now - started >= timeout {
                throw ExtractionFailure(.timedOut, "\(name) did not finish within \(timeout) and was stopped.")
            }
            throw ExtractionFailure(.corrupt, "\(name) stopped abnormally while reading the file.")
        case .exited(let status):
            return Output(status: status, standardOutput: data,
                          standardError: String(decoding: errorData.prefix(2000), as: UTF8.self))
        }
    }

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
