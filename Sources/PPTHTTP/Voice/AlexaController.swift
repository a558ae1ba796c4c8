import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import PPTAssistant
import PPTDomain
import PPTObservability
import PPTStorage
import PPTVoice

/// What the Alexa webhook needs beyond `HTTPServices`: the request verifier for the configured skills.
package struct AlexaHTTPServices: Sendable {
    /// Verifies signatures, certificates, timestamps and skill ids.
    package var verifier: AlexaRequestVerifier
    /// Remembers which Alexa user id belongs to a link, so proactive notifications can address it
    /// (`nil`: not remembered, as in tests of the webhook alone).
    package var platformUsers: PlatformTokenRepository?

    package init(verifier: AlexaRequestVerifier, platformUsers: PlatformTokenRepository? = nil) {
        self.verifier = verifier
        self.platformUsers = platformUsers
    }

    /// The production webhook for `skillIDs` (`PPT_ALEXA_SKILL_IDS`): certificates downloaded from
    /// Amazon and checked against the system's CA bundle. `nil` (webhook answers 404) without skill ids.
    package static func live(skillIDs: Set<String>, clock: any WallClock, platformUsers: PlatformTokenRepository?)
        -> AlexaHTTPServices?
    {
        guard !skillIDs.isEmpty else { return nil }
        return AlexaHTTPServices(verifier: AlexaRequestVerifier(
            skillIDs: skillIDs, fetcher: AlexaHTTPCertificateFetcher(), clock: clock), platformUsers: platformUsers)
    }
}

/// Downloads Amazon's signing certificate chains with AsyncHTTPClient (5 s, at most 64 KB).
package struct AlexaHTTPCertificateFetcher: AlexaCertificateFetcher {
    private let http: TracedHTTPClient

    package init(http: TracedHTTPClient = TracedHTTPClient()) { self.http = http }

    package func pemChain(at url: URL) async throws -> String {
        let response = try await http.execute(HTTPClientRequest(url: url.absoluteString), timeout: .seconds(5))
        guard response.status == .ok else { throw DownloadFailed(status: Int(response.status.code)) }
        let body = try await response.body.collect(upTo: 64 * 1024)
        return String(buffer: body)
    }

    /// The certificate URL answered something other than 200.
    struct DownloadFailed: Error { var status: Int }
}

/// `POST /api/v1/voice/alexa`: the Alexa custom skill's endpoint. Every request is verified before
/// its body is read (failures answer 400 with a distinct code); then it acts as the member behind
/// the account-linking token, through `VoiceCommandService`, and answers in the ASK format.
/// No PPT bearer token: Alexa does not send one.
package struct AlexaController: Sendable {
    private let services: HTTPServices
    private let alexa: AlexaHTTPServices?

    /// Largest accepted request body (Alexa's are a few KB).
    static let maxBody = 256 * 1024

    /// The webhook; without `alexa` (no skill configured) it answers 404.
    package init(services: HTTPServices, alexa: AlexaHTTPServices?) {
        self.services = services
        self.alexa = alexa
    }

    package func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.post("voice/alexa", use: webhook)
    }

    @Sendable func webhook(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<AlexaResponseEnvelope> {
        var logger = context.logger
        guard let alexa else {
            throw APIError(status: .notFound, code: "alexa.disabled", detail: "No Alexa skill is configured.")
        }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: Self.maxBody) } catch {
            throw APIError.badRequest("alexa.body_too_large", "The body is larger than an Alexa request can be.")
        }
        let headers = AlexaSignatureHeaders(
            certificateURL: request.headers[HTTPField.Name("SignatureCertChainUrl")!],
            signature256: request.headers[HTTPField.Name("Signature-256")!],
            signature: request.headers[HTTPField.Name("Signature")!])
        let envelope: AlexaRequestEnvelope
        do {
            envelope = try await alexa.verifier.verify(headers: headers, body: Data(body.readableBytesView))
        } catch {
            logger.warning("alexa request rejected", metadata: ["ppt.alexa.reason": "\(error.code)"])
            throw APIError.badRequest(error.code, error.detail)
        }
        logger[metadataKey: "ppt.alexa.request_type"] = "\(envelope.request.type)"
        return JSONResponse(try await answer(envelope, logger: logger))
    }

    /// The answer to a verified request.
    func answer(_ envelope: AlexaRequestEnvelope, logger: Logger) async throws -> AlexaResponseEnvelope {
        let locale = envelope.locale
        let command: VoiceCommand
        switch envelope.request.type {
        case "LaunchRequest":
            command = VoiceCommand(intent: .help, locale: locale, deviceID: envelope.deviceID)
        case "IntentRequest":
            guard let intent = envelope.request.intent else { return .empty }
            command = Self.command(intent, envelope: envelope)
        default:
            // SessionEndedRequest, skill events and anything else: acknowledged, nothing to say.
            return .empty
        }
        guard let token = envelope.accessToken, let (grant, scope) = try await member(for: token) else {
            return AlexaResponseRenderer.envelope(.init(
                speech: AlexaPhrases.linkAccount(locale), endSession: true, linkAccount: true))
        }
        if let platformUsers = alexa?.platformUsers, let alexaUserID = envelope.alexaUserID {
            try await platformUsers.rememberPlatformUser(grant, platformUserID: alexaUserID)
        }
        logger.debug("alexa command", metadata: [
            "ppt.org_id": "\(grant.organizationID.rawValue)", "ppt.voice.intent": "\(command.intent.rawValue)",
        ])
        var reply: VoiceReply
        do {
            reply = try await services.assistant.voice.handle(scope, grant: grant, command)
        } catch let error as DomainError {
            logger.notice("alexa command refused", metadata: ["ppt.error.code": "\(error.code)"])
            reply = VoiceReply(speech: AlexaPhrases.failure(locale), endSession: true)
        }
        if envelope.request.type == "LaunchRequest", !reply.endSession {
            reply.speech = AlexaPhrases.welcome(locale) + " " + reply.speech
            reply.ssml = nil
        }
        return AlexaResponseRenderer.envelope(.init(
            speech: reply.speech, ssml: reply.ssml, cardTitle: reply.cardTitle, cardText: reply.cardText,
            reprompt: reply.endSession ? nil : (reply.reprompt ?? AlexaPhrases.reprompt(locale)),
            endSession: reply.endSession,
            attributes: reply.pending.map {
                AlexaSessionAttributes(pending: AlexaPendingAction(intent: $0.intent.rawValue, arguments: $0.arguments))
            }))
    }

    /// The voice command for an Alexa intent, with the confirmation pending from the previous turn.
    static func command(_ intent: AlexaIntent, envelope: AlexaRequestEnvelope) -> VoiceCommand {
        let voiceIntent = VoiceIntent(rawValue: AlexaIntents.voiceIntent(for: intent.name)) ?? .help
        let slots = AlexaIntents.slots(of: intent)
        let pending = envelope.session?.attributes?.pending.flatMap { wire in
            VoiceIntent(rawValue: wire.intent).map { VoicePendingAction(intent: $0, arguments: wire.arguments) }
        }
        return VoiceCommand(intent: voiceIntent, slots: slots, utterance: voiceIntent == .question ? slots["query"] : nil,
                            locale: envelope.locale, pending: pending, deviceID: envelope.deviceID)
    }

    /// The linked member behind an access token: a live Alexa grant whose user is still a member.
    private func member(for token: String) async throws -> (VoiceGrant, OrgScope)? {
        let oauth = OAuthRepository(database: services.database, clock: services.clock)
        guard let grant = try await oauth.grant(forAccessToken: token), grant.platform == .alexa,
            let scope = try await services.accounts.scope(userID: grant.userID, organizationID: grant.organizationID)
        else { return nil }
        return (grant, scope)
    }
}
