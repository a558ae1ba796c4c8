import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PPTApp
import PPTDomain
import PPTHTTP
import PPTObservability
import PPTStorage
import PPTVoice
import Testing

/// The Alexa webhook behind the management API's middleware, verifying against a CA made in the test (served by
/// `AlexaTestFetcher`), so tests sign requests as Alexa would.
struct AlexaTestApp: Sendable {
    let app: TestApp
    let pki: AlexaTestPKI
    let signer: AlexaTestSigner
    let fetcher: AlexaTestFetcher

    /// Runs `body` against a fresh database of `dialect`; `skillIDs` empty leaves the webhook disabled.
    static func with(_ dialect: DatabaseDialect, skillIDs: Set<String> = [AlexaTestRequests.skillID],
                     _ body: @escaping @Sendable (AlexaTestApp) async throws -> Void) async throws {
        let pki = try AlexaTestPKI(now: Date())
        let signer = try pki.signer()
        let fetcher = AlexaTestFetcher()
        fetcher.serve(signer.chainPEM, at: AlexaTestRequests.certificateURL)
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("ppt-alexa-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        try await TestDatabase.with(dialect) { database in
            let configuration = try AppConfiguration.forTests(overrides: [
                "PPT_BCRYPT_COST": "10", "PPT_DATA_DIR": dataDirectory.path,
            ])
            let runtime = try Runtime.make(configuration, database: database, keyRing: .generate(),
                                           logger: TestDatabase.logger)
            let services = try await runtime.httpServices()
            await runtime.health.markStarted()
            // The management API's middleware in front of the webhook alone, so the harness does not
            // depend on how APIRouter wires it (registering the route twice would trap).
            let router = Router(context: AppRequestContext.self)
            router.add(middleware: RequestIDMiddleware())
            router.add(middleware: ErrorMiddleware(observers: services.requestFailureObservers))
            router.add(middleware: AuthenticationMiddleware(tokens: services.tokens))
            let alexa = skillIDs.isEmpty ? nil : AlexaHTTPServices(verifier: AlexaRequestVerifier(
                skillIDs: skillIDs, fetcher: fetcher, clock: runtime.clock, urlPolicy: .amazon,
                trustRoots: pki.trustRoots))
            AlexaController(services: services, alexa: alexa).addRoutes(to: router.group("api/v1"))
            let application = Application(router: router, logger: TestDatabase.logger)
            try await application.test(.router) { client in
                try await body(AlexaTestApp(app: TestApp(runtime: runtime, client: client), pki: pki, signer: signer,
                                            fetcher: fetcher))
            }
        }
    }

    /// Posts `body` signed by `signer` (default: the valid signing certificate).
    func send(_ body: Data, signer: AlexaTestSigner? = nil, url: String = AlexaTestRequests.certificateURL)
        async throws -> TestApp.Result
    {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[HTTPField.Name("SignatureCertChainUrl")!] = url
        headers[HTTPField.Name("Signature-256")!] = try (signer ?? self.signer).signature256(body)
        return try await app.raw(.post, "/api/v1/voice/alexa", body: ByteBuffer(bytes: body), headers: headers)
    }

    /// Posts an intent request now, with `token` and the session attributes of the previous answer.
    func intent(_ name: String, slots: [String: String] = [:], token: String?, attributes: [String: Any]? = nil,
                locale: String = "en-US") async throws -> TestApp.Result {
        try await send(try AlexaTestRequests.body(intent: name, slots: slots, token: token, attributes: attributes,
                                                  timestamp: Date(), locale: locale))
    }
}

extension TestApp.Result {
    /// `response.outputSpeech` text (PlainText) or SSML.
    var alexaSpeech: String {
        let speech = (json?["response"] as? [String: Any])?["outputSpeech"] as? [String: Any]
        return (speech?["text"] as? String) ?? (speech?["ssml"] as? String) ?? ""
    }

    /// `response.card.type`.
    var alexaCardType: String? { ((json?["response"] as? [String: Any])?["card"] as? [String: Any])?["type"] as? String }

    /// `response.shouldEndSession`.
    var alexaEndsSession: Bool? { (json?["response"] as? [String: Any])?["shouldEndSession"] as? Bool }

    /// `sessionAttributes`, to send back with the next turn.
    var alexaAttributes: [String: Any]? { json?["sessionAttributes"] as? [String: Any] }
}
