import ArgumentParser
import Foundation
import Logging
import PPTApp
import PPTDomain
import PPTObservability
import PPTStorage

/// `ppt bench recall`: recall@5 of document search over the labelled demo question set.
struct BenchRecall: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall",
        abstract: "Seed the demo into a throw-away SQLite database, index its documents, and report recall@k "
            + "of document search over a labelled question set.",
        discussion: """
            A question counts as answered when one of the first k passages comes from the expected document \
            and contains the expected passage. Questions run as the demo tenant (permission-filtered search), \
            owners-only documents as the demo owner, and building-restricted ones as the manager.
            """)

    @Option(help: "The question set (JSON).")
    var questions = "bench/questions/demo.json"

    @Option(help: "Passages that count (k of recall@k).")
    var k = 5

    @Flag(help: "List the questions not answered within k.")
    var verbose = false

    func validate() throws {
        guard (1...50).contains(k) else { throw ValidationError("-k must be between 1 and 50.") }
    }

    func run() async throws {
        let set: QuestionSet
        do { set = try QuestionSet.load(URL(fileURLWithPath: questions)) } catch {
            throw ValidationError("Cannot read the question set at \(questions): \(error)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-recall-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = try AppConfiguration.make(overrides: ["PPT_DATA_DIR": directory.path, "PPT_BCRYPT_COST": "10"])
        var logger = Logger(label: "ppt.bench")
        logger.logLevel = .warning
        let runtime = try await Runtime.open(configuration, telemetry: try Telemetry.isolated(logger: logger),
                                             logger: logger)
        try await runtime.database.withRunning {
            try await runtime.prepareSchema()
            let started = ContinuousClock.now
            guard try await DemoSeed(runtime: runtime).run() != nil else { throw ExitCode(1) }
            try await runtime.runPendingIndexing()
            let indexed = ContinuousClock.now - started
            var scopes: [String?: OrgScope] = [:]
            for (access, email) in [(nil, "tenant@demo.ppt.sk"), ("owners", "owner@demo.ppt.sk"),
                                    ("building-b", "manager@demo.ppt.sk")] as [(String?, String)] {
                scopes[access] = try await runtime.demoScope(email: email)
            }
            let evaluation = try await RetrievalEvaluation.run(set, search: runtime.search.search, scopes: scopes, k: k)
            let counts = Dictionary(grouping: evaluation.outcomes, by: \.question.language).mapValues(\.count)
            print("questions: \(evaluation.outcomes.count) (" + counts.sorted(by: { $0.key < $1.key })
                .map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "); demo seeded and indexed in \(indexed)")
            print(String(format: "recall@%d: %.3f  (sk %.3f, en %.3f)  MRR@20: %.3f", k, evaluation.recall(),
                         evaluation.recall(language: "sk"), evaluation.recall(language: "en"),
                         evaluation.meanReciprocalRank))
            if verbose {
                for outcome in evaluation.outcomes where (outcome.rank ?? .max) > k {
                    let rank = outcome.rank.map { "rank \($0)" } ?? "not in the first 20"
                    print("  miss \(outcome.question.id) (\(rank)): \(outcome.question.question)")
                }
            }
        }
    }
}

extension Runtime {
    /// The scope of demo user `email` in their (only) organization.
    func demoScope(email: String) async throws -> OrgScope {
        guard let user = try await accounts.credentials(email: email)?.user,
              let membership = try await accounts.memberships(userID: user.id).first,
              let scope = try await accounts.scope(userID: user.id, organizationID: membership.organization.id)
        else { throw ValidationError("The demo user \(email) is missing.") }
        return scope
    }
}
