import Foundation
import HTTPTypes
import NIOCore
import PPTApp
import PPTDomain
import PPTStorage
import Testing

/// `POST /api/v1/voice/alexa` end to end: signed requests, account linking, commands acting as the
/// linked member.
@Suite struct AlexaWebhookTests {
    @Test(arguments: TestDatabase.dialects)
    func verificationFailuresAnswer400WithTheirReasonAndNothingRuns(dialect: DatabaseDialect) async throws {
        try await AlexaTestApp.with(dialect) { alexa in
            let body = try AlexaTestRequests.body(type: "LaunchRequest", timestamp: Date())
            let valid = try await alexa.send(body)
            #expect(valid.status == .ok, "\(valid.text)")

            var changed = body
            changed.append(UInt8(ascii: " "))
            let tampered = try await alexa.raw(changed, signature: try alexa.signer.signature256(body))
            #expect(tampered.status == .badRequest)
            #expect(tampered.json?["code"] as? String == "alexa.signature_mismatch")

            let wrongHost = try await alexa.send(body, url: "https://evil.test/echo.api/echo-api-cert-12.pem")
            #expect(wrongHost.status == .badRequest)
            #expect(wrongHost.json?["code"] as? String == "alexa.invalid_certificate_url")

            let stale = try AlexaTestRequests.body(type: "LaunchRequest", timestamp: Date().addingTimeInterval(-151))
            #expect(try await alexa.send(stale).json?["code"] as? String == "alexa.timestamp_out_of_range")

            let other = try AlexaTestRequests.body(type: "LaunchRequest", timestamp: Date(), skillID: "amzn1.ask.skill.x")
            #expect(try await alexa.send(other).json?["code"] as? String == "alexa.unknown_application")

            let unsigned = try await alexa.app.raw(.post, "/api/v1/voice/alexa", body: ByteBuffer(bytes: body),
                                                   headers: [.contentType: "application/json"])
            #expect(unsigned.status == .badRequest)
            #expect(unsigned.json?["code"] as? String == "alexa.missing_certificate_url")

            // Not JSON at all, but signed: still a 400, never a 500.
            let garbage = Data("not json".utf8)
            let notJSON = try await alexa.send(garbage)
            #expect(notJSON.status == .badRequest)
            #expect(notJSON.json?["code"] as? String == "alexa.body_malformed")
        }
    }

    @Test(arguments: TestDatabase.dialects)
    func withoutSkillIDsTheWebhookIsDisabled(dialect: DatabaseDialect) async throws {
        try await AlexaTestApp.with(dialect, skillIDs: []) { alexa in
            let body = try AlexaTestRequests.body(type: "LaunchRequest", timestamp: Date())
            let response = try await alexa.send(body)
            #expect(response.status == .notFound)
            #expect(response.json?["code"] as? String == "alexa.disabled")
        }
    }

    @Test(arguments: TestDatabase.dialects)
    func requestsWithoutAValidLinkedTokenGetTheLinkAccountCard(dialect: DatabaseDialect) async throws {
        try await AlexaTestApp.with(dialect) { alexa in
            let world = try await World.make(alexa.app, name: "A")
            for token in [nil, "not-a-token"] as [String?] {
                let response = try await alexa.intent("CheckBalanceIntent", token: token)
                #expect(response.status == .ok)
                #expect(response.alexaCardType == "LinkAccount")
                #expect(response.alexaSpeech.contains("link your PPT account"))
                #expect(response.alexaEndsSession == true)
            }
            // A Google token is not an Alexa link.
            let google = try await OAuthTestSupport.linkedToken(
                app: alexa.app, user: world.tenantEmail, organizationID: world.ids["orgID"]!,
                unitID: world.ids["unitID"], platform: .google)
            #expect(try await alexa.intent("CheckBalanceIntent", token: google).alexaCardType == "LinkAccount")
            // A revoked link no longer acts.
            let pair = try await OAuthTestSupport.linked(
                app: alexa.app, user: world.tenantEmail, organizationID: world.fixture.organization.id,
                unitID: world.fixture.unit.id)
            try await OAuthRepository(database: alexa.app.runtime.database).revokeLink(linkID: pair.linkID)
            #expect(try await alexa.intent("CheckBalanceIntent", token: pair.accessToken).alexaCardType == "LinkAccount")
        }
    }

    @Test(arguments: TestDatabase.dialects)
    func launchWelcomesAndSessionEndedAnswersEmpty(dialect: DatabaseDialect) async throws {
        try await AlexaTestApp.with(dialect) { alexa in
            let world = try await World.make(alexa.app, name: "A")
            let token = try await OAuthTestSupport.linkedToken(
                app: alexa.app, user: world.tenantEmail, organizationID: world.ids["orgID"]!, unitID: world.ids["unitID"])
            let launch = try await alexa.send(try AlexaTestRequests.body(type: "LaunchRequest", token: token,
                                                                         timestamp: Date()))
            #expect(launch.status == .ok)
            #expect(launch.alexaSpeech.hasPrefix("Welcome to PPT."))
            #expect(launch.alexaEndsSession == false)
            #expect(((launch.json?["response"] as? [String: Any])?["reprompt"]) != nil)

            let ended = try await alexa.send(try AlexaTestRequests.body(type: "SessionEndedRequest", token: token,
                                                                        timestamp: Date()))
            #expect(ended.status == .ok)
            #expect(ended.json?["version"] as? String == "1.0")
            #expect((ended.json?["response"] as? [String: Any])?.isEmpty == true)
        }
    }

    @Test(arguments: TestDatabase.dialects)
    func checkBalanceAnswersTheLinkedUnitsRealBalance(dialect: DatabaseDialect) async throws {
        try await AlexaTestApp.with(dialect) { alexa in
            let world = try await World.make(alexa.app, name: "A")
            let token = try await OAuthTestSupport.linkedToken(
                app: alexa.app, user: world.tenantEmail, organizationID: world.ids["orgID"]!, unitID: world.ids["unitID"])
            let response = try await alexa.intent("CheckBalanceIntent", token: token)
            #expect(response.status == .ok, "\(response.text)")
            // The World's unit was invoiced 120 EUR and paid 20.
            #expect(response.alexaSpeech.contains("You owe"), "\(response.alexaSpeech)")
            #expect(response.alexaSpeech.contains("100"), "\(response.alexaSpeech)")
            let german = try await alexa.intent("CheckBalanceIntent", token: token, locale: "de-DE")
            #expect(german.alexaSpeech.contains("Sie schulden"), "\(german.alexaSpeech)")
        }
    }

    @Test(arguments: TestDatabase.dialects)
    func reportingAFaultCreatesExactlyOneFaultOnlyAfterYes(dialect: DatabaseDialect) async throws {
        try await AlexaTestApp.with(dialect) { alexa in
            let world = try await World.make(alexa.app, name: "A")
            let token = try await OAuthTestSupport.linkedToken(
                app: alexa.app, user: world.tenantEmail, organizationID: world.ids["orgID"]!, unitID: world.ids["unitID"])
            let faults = FaultRepository(database: alexa.app.runtime.database)
            let before = try await faults.faults(world.fixture.admin, page: PageRequest(limit: 100)).items.count

            let proposal = try await alexa.intent(
                "ReportFaultIntent", slots: ["description": "the hallway light is broken", "location": "third floor"],
                token: token)
            #expect(proposal.status == .ok, "\(proposal.text)")
            #expect(proposal.alexaEndsSession == false)
            let attributes = try #require(proposal.alexaAttributes, "no pending action: \(proposal.text)")
            #expect((attributes["pending"] as? [String: Any])?["intent"] as? String == "report_fault")
            #expect(try await faults.faults(world.fixture.admin, page: PageRequest(limit: 100)).items.count == before)

            // No: nothing is created.
            let no = try await alexa.intent("AMAZON.NoIntent", token: token, attributes: attributes)
            #expect(no.status == .ok)
            #expect(try await faults.faults(world.fixture.admin, page: PageRequest(limit: 100)).items.count == before)

            // Yes: exactly one fault, as the linked tenant.
            let yes = try await alexa.intent("AMAZON.YesIntent", token: token, attributes: attributes)
            #expect(yes.status == .ok, "\(yes.text)")
            let after = try await faults.faults(world.fixture.admin, page: PageRequest(limit: 100)).items
            #expect(after.count == before + 1)
            let created = try #require(after.first { $0.title.lowercased().contains("hallway light") })
            #expect(created.reportedBy == world.fixture.tenantUser.id)
            // Yes again without a pending action creates nothing.
            _ = try await alexa.intent("AMAZON.YesIntent", token: token)
            #expect(try await faults.faults(world.fixture.admin, page: PageRequest(limit: 100)).items.count == before + 1)
        }
    }

    @Test(arguments: TestDatabase.dialects)
    func aTokenOfOrganizationANeverReachesOrganizationB(dialect: DatabaseDialect) async throws {
        try await AlexaTestApp.with(dialect) { alexa in
            let worldA = try await World.make(alexa.app, name: "A")
            let worldB = try await World.make(alexa.app, name: "B")
            _ = try await FinanceRepository(database: alexa.app.runtime.database).createInvoice(
                worldB.fixture.admin, InvoiceInput(
                    unitID: worldB.fixture.unit.id, number: "INV-B-2", description: "Repairs", amountMinor: 77_700,
                    currency: .EUR, issueDate: CalendarDate(Date()), dueDate: CalendarDate(Date()).adding(days: 20)))
            let tokenA = try await OAuthTestSupport.linkedToken(
                app: alexa.app, user: worldA.tenantEmail, organizationID: worldA.ids["orgID"]!, unitID: worldA.ids["unitID"])

            let balance = try await alexa.intent("CheckBalanceIntent", token: tokenA)
            #expect(balance.alexaSpeech.contains("100"), "\(balance.alexaSpeech)")
            #expect(!balance.alexaSpeech.contains("877"), "\(balance.alexaSpeech)")

            let faults = FaultRepository(database: alexa.app.runtime.database)
            let countB = try await faults.faults(worldB.fixture.admin, page: PageRequest(limit: 100)).items.count
            let proposal = try await alexa.intent("ReportFaultIntent", slots: ["description": "broken mailbox"],
                                                  token: tokenA)
            let attributes = try #require(proposal.alexaAttributes)
            _ = try await alexa.intent("AMAZON.YesIntent", token: tokenA, attributes: attributes)
            #expect(try await faults.faults(worldB.fixture.admin, page: PageRequest(limit: 100)).items.count == countB)
            let inA = try await faults.faults(worldA.fixture.admin, page: PageRequest(limit: 100)).items
            #expect(inA.contains { $0.title.lowercased().contains("mailbox") })
        }
    }
}

extension AlexaTestApp {
    /// Posts `body` with a given `Signature-256`.
    func raw(_ body: Data, signature: String) async throws -> TestApp.Result {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[HTTPField.Name("SignatureCertChainUrl")!] = AlexaTestRequests.certificateURL
        headers[HTTPField.Name("Signature-256")!] = signature
        return try await app.raw(.post, "/api/v1/voice/alexa", body: ByteBuffer(bytes: body), headers: headers)
    }
}
