import Foundation
import PPTDocuments
import Testing

/// The tool runner behind pdftotext, pdftoppm and tesseract: output, errors, exit status, the time
/// limit, and many tools at once.
@Suite("External commands")
struct ExternalCommandTests {
    static func shell() throws -> ExternalCommand { try #require(ExternalCommand.locate("sh")) }

    @Test("standard output, standard error and the exit status come back; stdin is empty")
    func output() async throws {
        let result = try await Self.shell().run(["-c", "cat; printf 'out'; printf 'err' >&2; exit 3"])
        #expect(result.status == 3)
        #expect(String(decoding: result.standardOutput, as: UTF8.self) == "out")
        #expect(result.standardError == "err")
    }

    @Test("output larger than a pipe's buffer does not block the tool")
    func largeOutput() async throws {
        let result = try await Self.shell().run(["-c", "head -c 1000000 /dev/zero"])
        #expect(result.status == 0 && result.standardOutput.count == 1_000_000)
    }

    @Test("a tool past its time limit is stopped and reported as timed out")
    func timeout() async throws {
        let started = ContinuousClock.now
        do {
            _ = try await Self.shell().run(["-c", "sleep 30"], timeout: .milliseconds(300))
            Issue.record("the run was expected to time out")
        } catch let failure as ExtractionFailure {
            #expect(failure.code == .timedOut)
        }
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test("forty tools started at once all finish with their own output")
    func concurrent() async throws {
        let shell = try Self.shell()
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<40 {
                group.addTask {
                    let result = try await shell.run(["-c", "printf \(index)"])
                    return (index, String(decoding: result.standardOutput, as: UTF8.self))
                }
            }
            for try await (index, text) in group { #expect(text == "\(index)") }
        }
    }

    @Test("a missing executable is an error, not a crash")
    func missing() async throws {
        let ghost = ExternalCommand(executable: URL(fileURLWithPath: "/nonexistent/tool"))
        await #expect(throws: (any Error).self) { _ = try await ghost.run([]) }
    }
}
