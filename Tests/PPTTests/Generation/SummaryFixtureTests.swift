import Foundation
import HTTPTypes
import NIOCore
import PPTApp
import PPTDomain
import PPTStorage
import Synchronization
import Testing

/// Documents, uploads and a fake model for the summary tests.
enum SummaryFixtures {
    /// A Slovak notice with two dated obligations and one undated one.
    static let gasNotice = TextDocument(title: "Oznámenie o revízii plynových zariadení", language: .sk, blocks: [
        .heading("Revízia plynových zariadení"),
        .paragraph("Správca domu Mlynské nivy 12 oznamuje vlastníkom bytov, že v dome prebehne pravidelná revízia "
                   + "plynových zariadení. Revíziu vykoná odborná firma Plyn Servis s.r.o. v súlade s platnými predpismi."),
        .paragraph("Každý vlastník bytu musí sprístupniť plynové zariadenia v byte do 15. marca 2026. Vlastníci, "
                   + "ktorí nebudú prítomní, sú povinní dohodnúť náhradný termín so správcom domu."),
        .heading("Náklady"),
        .paragraph("Náklady na revíziu plynových zariadení hradí spoločenstvo vlastníkov z fondu opráv. Cena revízie "
                   + "je 25 eur za byt a bude zúčtovaná v ročnom vyúčtovaní za rok 2026."),
        .heading("Ďalšie informácie"),
        .paragraph("Po revízii dostane každý vlastník protokol o stave plynových zariadení v byte. Chyby zistené pri "
                   + "revízii je potrebné odstrániť do 30. 4. 2026 na náklady vlastníka bytu."),
        .paragraph("Ďakujeme za spoluprácu a ochotu. Kontakt na správcu domu je uvedený na nástenke vo vchode."),
    ])

    /// The notice as plain text.
    static var gasNoticeText: Data {
        Data(gasNotice.blocks.map { block -> String in
            switch block {
            case .heading(let text), .paragraph(let text), .item(let text): text
            }
        }.joined(separator: "\n\n").utf8)
    }

    /// An English document of `sections` paragraphs, each naming its section: too long for an 8,192-token model.
    static func longText(sections: Int) -> Data {
        Data((1...sections).map { index in
            "Section \(index). The owners of flat \(index) must keep the staircase of entrance \(index % 7) clean "
                + "and report every defect of the heating, the lift, the windows and the roof to the building manager. "
                + "The cooperative repairs the common parts of the building from the repair fund, and the manager "
                + "publishes the annual statement of the fund on the notice board before the general meeting."
        }.joined(separator: "\n\n").utf8)
    }

    /// Uploads `data` as the organization admin.
    static func upload(_ app: TestApp, _ org: LLMAPIOrg, title: String, fileName: String, type: String, data: Data,
                       access: DocumentAccess = DocumentAccess()) async throws -> Document {
        try await DocumentRepository(database: app.runtime.database, blobs: app.runtime.blobs).upload(
            org.admin, DocumentMetadataInput(title: title, category: "notice", access: access),
            file: DocumentFile(fileName: fileName, declaredType: type, data: data))
    }

    /// `/api/v1/orgs/<org>/documents/<id>/summary`.
    static func path(_ org: LLMAPIOrg, _ document: Document) -> String {
        "\(org.path)/documents/\(document.id.rawValue)/summary"
    }

    /// A summary of about 150 words in `language`, for fake final answers.
    static func prose(_ language: AppLocale, words: Int = 150) -> String {
        let sentence = switch language {
        case .sk: "Každý vlastník bytu musí sprístupniť plynové zariadenia a správca domu zabezpečí revíziu v dome."
        case .cs: "Každý vlastník bytu musí zpřístupnit plynová zařízení a správce domu zajistí revizi v domě."
        case .de: "Jeder Eigentümer muss die Gasgeräte zugänglich machen und die Verwaltung sorgt für die Prüfung im Haus."
        case .en: "Every owner must give access to the gas appliances and the building manager arranges the inspection."
        }
        let count = sentence.split(separator: " ").count
        return Array(repeating: sentence, count: max(1, words / count)).joined(separator: " ")
    }

    /// A final answer as the model's JSON.
    static func finalAnswer(_ language: AppLocale, due: String? = "2026-03-15") -> String {
        let object: [String: Any] = [
            "summary": prose(language),
            "keyPoints": [prose(language, words: 12)],
            "actionItems": [["text": prose(language, words: 12), "due": due.map { $0 as Any } ?? NSNull()] as [String: Any]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Which summarization call a recorded request is.
enum SummaryCall: Equatable {
    case map(part: Int, of: Int)
    case collapse
    case final
    case other

    init(_ request: RecordedLLMRequest) {
        let messages = request.json?["messages"] as? [[String: Any]] ?? []
        let system = messages.first { $0["role"] as? String == "system" }?["content"] as? String ?? ""
        let user = messages.first { $0["role"] as? String == "user" }?["content"] as? String ?? ""
        if system.contains("one part of a longer document"),
           let match = user.firstMatch(of: /Part (\d+) of (\d+):/), let part = Int(match.1), let count = Int(match.2) {
            self = .map(part: part, of: count)
        } else if system.contains("combine partial summaries") {
            self = .collapse
        } else if system.contains("You write document summaries") {
            self = .final
        } else {
            self = .other
        }
    }
}

/// Counts map calls in flight, holding each one until a second has arrived (or 10 s passed), so map
/// calls made one after another show a maximum of one in flight and calls made concurrently at least two.
final class MapFlight: Sendable {
    private let state = Mutex((inFlight: 0, maxInFlight: 0, arrived: 0))

    var maxInFlight: Int { state.withLock { $0.maxInFlight } }

    func hold(expecting count: Int) async {
        state.withLock {
            $0.inFlight += 1
            $0.arrived += 1
            $0.maxInFlight = max($0.maxInFlight, $0.inFlight)
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while state.withLock({ $0.arrived }) < min(2, count), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        state.withLock { $0.inFlight -= 1 }
    }
}

extension LLMAPIOrg {
    /// Points the organization's model at `server` with `model` (unknown models get the 8,192-token default).
    func useFakeModel(_ app: TestApp, _ server: FakeLLMServer, model: String = "gpt-4o-mini") async throws {
        let saved = try await app.request(.put, "\(path)/llm/config", token: adminToken,
                                          body: LLMAPI.openAIConfig(server.baseURL + "/v1", model: model))
        #expect(saved.status == .ok, "\(saved.text)")
    }
}

/// The chat requests `server` received for summaries (not the configuration probe or model list).
func summaryCalls(_ server: FakeLLMServer) async -> [RecordedLLMRequest] {
    await server.requests().filter { SummaryCall($0) != .other }
}

/// A fake OpenAI for summaries: the probe and model list, and every summarization call through `answer`.
func summaryModel(model: String = "gpt-4o-mini",
                  _ answer: @escaping @Sendable (SummaryCall, RecordedLLMRequest) async -> String) -> FakeLLMServer.Script {
    { request, _ in
        if request.method == "GET", request.path.hasSuffix("/models") { return FakeOpenAI.models([model]) }
        if request.text.contains("Reply with the word OK.") {
            return FakeOpenAI.stream(model: model, pieces: ["OK"], usage: (5, 1))
        }
        let call = SummaryCall(request)
        let text = await answer(call, request)
        return FakeOpenAI.stream(model: model, pieces: [text], usage: (TokenCount.of(request.text), 50))
    }
}

/// A rough token count for fake usage.
enum TokenCount {
    static func of(_ text: String) -> Int { max(1, text.utf8.count / 4) }
}
