import Foundation
import Testing

/// The web app and the Reality Portal pages in headless Chromium against `ppt serve --demo`: each
/// test does what a person does on the page and checks the outcome on the page and through the API.
@Suite("Web app and portal in a real browser", .serialized)
struct BrowserTests {
    static let manager = ("manager@demo.ppt.sk", "Manager-demo-2026")
    static let tenant = ("tenant@demo.ppt.sk", "Tenant-demo-2026")
    static let admin = ("admin@demo.ppt.sk", "Admin-demo-2026")

    @Test("sign in, ask the assistant, see the answer stream in with a citation")
    func assistantAnswerStreamsWithCitation() async throws {
        try await BrowserHarness.with("assistant-answer") { h in
            let token = try await h.token(Self.manager.0, Self.manager.1)
            try await h.waitForIndexing(token, try await h.organization(token))
            try await h.signIn(Self.tenant.0, Self.tenant.1)
            try await h.open("#/chat")
            try await h.driver.waitFor("[data-test=chat-input]")
            // Count the changes to the conversation while the answer arrives: a streamed answer grows in
            // many steps, a non-streamed one appears at once.
            try await h.driver.run("""
                window.__chatMutations = 0;
                new MutationObserver((list) => { window.__chatMutations += list.length; })
                  .observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
                """)
            try await h.driver.type("[data-test=chat-input]", "Kedy bola posledná revízia výťahu?")
            try await h.driver.click("[data-test=chat-send]")
            try await h.driver.waitFor("[data-test=chat-message][data-role=assistant][data-status=done]", timeout: .seconds(60))
            let href = try await h.driver.evaluate(
                "document.querySelector('[data-test=chat-citation]')?.getAttribute('href') ?? ''") as? String ?? ""
            #expect(href.hasPrefix("#/documents/"), "the answer cites a document: \(href)")
            let mutations = try await h.driver.evaluate("window.__chatMutations") as? Int ?? 0
            #expect(mutations > 5, "the answer was rendered as it streamed (\(mutations) changes)")
            #expect(try await h.driver.consoleErrors().isEmpty)
        }
    }

    @Test("report a fault through the chat with confirmation")
    func faultReportedThroughChat() async throws {
        try await BrowserHarness.with("assistant-fault") { h in
            let token = try await h.token(Self.manager.0, Self.manager.1)
            let org = try await h.organization(token)
            let before = try await Self.faultCount(h, token, org)
            try await h.signIn(Self.tenant.0, Self.tenant.1)
            try await h.open("#/chat")
            try await h.driver.type("[data-test=chat-input]", "V pivnici nám tečie voda z potrubia, nahláste prosím poruchu.")
            try await h.driver.click("[data-test=chat-send]")
            try await h.driver.waitFor("[data-test=chat-action]", timeout: .seconds(60))
            #expect(try await Self.faultCount(h, token, org) == before, "nothing is reported before confirming")
            try await h.driver.click("[data-test=chat-action-confirm]")
            try await h.driver.waitFor("[data-test=chat-action-result]", timeout: .seconds(30))
            #expect(try await Self.faultCount(h, token, org) == before + 1)
        }
    }

    @Test("upload a document with progress and find it by search")
    func uploadAndSearch() async throws {
        try await BrowserHarness.with("document-upload-search") { h in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("zapisnica-\(UUID().uuidString.prefix(8)).txt")
            try Data("""
                Zápisnica zo schôdze vlastníkov. Schôdza schválila výmenu vchodových dverí za bezpečnostné \
                dvere značky Sherlockovo s čipovým zámkom do konca marca.
                """.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            try await h.signIn(Self.manager.0, Self.manager.1)
            try await h.open("#/documents/upload")
            try await h.driver.waitFor("[data-test=document-upload]")
            try await h.driver.chooseFile("[data-test=document-upload] input[type=file]", path: file.path)
            try await h.driver.type("[data-test=document-upload] input[name=title]", "Zápisnica – vchodové dvere")
            try await h.driver.type("[data-test=document-upload] input[name=category]", "zápisnice")
            try await h.driver.click("[data-test=document-upload] button[type=submit]")
            try await h.driver.waitUntil("location.hash.match(/^#\\/documents\\/[0-9a-f-]{36}/) !== null",
                                         timeout: .seconds(30), what: "the new document's page")
            let token = try await h.token(Self.manager.0, Self.manager.1)
            try await h.waitForIndexing(token, try await h.organization(token))
            try await h.open("#/documents")
            try await h.driver.type("[data-test=document-search]", "Sherlockovo")
            try await h.driver.run("""
                const input = document.querySelector('[data-test=document-search]');
                (input.form ?? input).dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
                input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
                """)
            try await h.driver.waitUntil(
                "[...document.querySelectorAll('[data-test=search-result]')].some(r => r.textContent.includes('vchodové dvere') && r.querySelector('mark'))",
                timeout: .seconds(20), what: "a highlighted search result for the upload")
        }
    }

    @Test("generate a listing description within the portal's character limit")
    func listingDescriptionWithinLimit() async throws {
        try await BrowserHarness.with("listing-description") { h in
            try await h.signIn(Self.manager.0, Self.manager.1)
            try await h.open("#/generate/listing")
            try await h.driver.waitFor("[data-test=listing-pick]")
            try await h.driver.run("""
                const pick = document.querySelector('[data-test=listing-pick]');
                const select = pick.tagName === 'SELECT' ? pick : pick.querySelector('select');
                if (select) { select.selectedIndex = select.options.length > 1 && !select.options[0].value ? 1 : 0;
                  select.dispatchEvent(new Event('change', { bubbles: true })); }
                else { (pick.querySelector('input,button,a') ?? pick).click(); }
                """)
            try await h.driver.click("[data-test=listing-generate]")
            try await h.driver.waitFor("[data-test=listing-description]", timeout: .seconds(60))
            try await h.driver.waitFor("[data-test=char-counter]")
            let over = try await h.driver.evaluate(
                "[...document.querySelectorAll('[data-test=char-counter]')].map(c => c.dataset.over)") as? [String] ?? []
            #expect(!over.isEmpty && over.allSatisfy { $0 == "false" }, "every language fits the portal limit: \(over)")
            let text = try await h.driver.evaluate("document.querySelector('[data-test=listing-description]').value.length") as? Int ?? 0
            #expect(text > 100)
        }
    }

    @Test("import a workflow template and dry-run it")
    func importTemplateAndDryRun() async throws {
        try await BrowserHarness.with("workflow-template-dry-run") { h in
            try await h.signIn(Self.manager.0, Self.manager.1)
            try await h.open("#/workflows/templates")
            try await h.driver.waitFor("[data-test=template-card]")
            try await h.driver.click("[data-test=template-card][data-id='builtin.vote_started_notice'] h3 a")
            try await h.driver.waitFor("[data-test=template-detail]")
            try await h.driver.click("[data-test=template-import]")
            try await h.driver.waitFor("[data-test=workflow-editor]", timeout: .seconds(20))
            try await h.driver.click("[data-test=workflow-dry-run]")
            try await h.driver.waitFor("[data-test=trace-step]", timeout: .seconds(30))
            #expect(try await h.driver.evaluate("document.querySelectorAll('[data-test=trace-step]').length") as? Int ?? 0 >= 1)
        }
    }

    @Test("point the LLM configuration at an OpenAI-compatible server and probe it")
    func llmConfigurationAndProbe() async throws {
        let secret = "sk-browser-test-secret-7731"
        let provider = try await FakeLLMServer.start { request, _ in
            guard request.path.hasSuffix("/chat/completions") else { return FakeLLMResponse(status: 404) }
            return request.json?["stream"] as? Bool == true
                ? FakeOpenAI.stream(model: "qwen2.5-7b-instruct", pieces: ["O", "K"], usage: (prompt: 9, completion: 1),
                                    finishReason: "stop")
                : FakeOpenAI.completion(model: "qwen2.5-7b-instruct", content: "OK")
        }
        do {
            try await BrowserHarness.with("llm-configuration") { h in
                try await h.signIn(Self.admin.0, Self.admin.1)
                try await h.open("#/admin/llm")
                try await h.driver.waitFor("[data-test=llm-form]")
                try await h.driver.select("[data-test=llm-provider]", value: "openai_compatible")
                try await h.driver.type("[data-test=llm-model]", "qwen2.5-7b-instruct")
                try await h.driver.type("[data-test=llm-form] input[type=url]", provider.baseURL + "/v1")
                try await h.driver.type("[data-test=llm-key]", secret)
                try await h.driver.click("[data-test=llm-save]")
                try await h.driver.waitFor("[data-test=probe-result] tr[data-probe-ok=true]", timeout: .seconds(30))
                try await h.driver.click("[data-test=llm-probe]")
                try await h.driver.waitUntil(
                    "document.querySelectorAll('[data-test=probe-result] tr[data-probe-ok=true]').length > 0 && !document.querySelector('[data-test=llm-probe]').disabled",
                    timeout: .seconds(30), what: "the second probe's result")

                let token = try await h.token(Self.admin.0, Self.admin.1)
                let org = try await h.organization(token)
                let config = try await h.json("GET", "/api/v1/orgs/\(org)/llm/config", token: token) as? [String: Any]
                let primary = (config?["settings"] as? [String: Any])?["primary"] as? [String: Any]
                #expect(primary?["provider"] as? String == "openai_compatible")
                #expect(primary?["model"] as? String == "qwen2.5-7b-instruct")
                #expect(!String(describing: config).contains(secret), "the stored key is never returned")
                let page = try await h.driver.evaluate("document.documentElement.outerHTML + document.querySelector('[data-test=llm-key]').value") as? String ?? ""
                #expect(!page.contains(secret), "the page never shows the stored key")
                let calls = await provider.requests().filter { $0.path.hasSuffix("/chat/completions") }
                #expect(calls.count >= 2, "the save and the probe both reached the provider")
                #expect(calls.allSatisfy { $0.header("authorization") == "Bearer \(secret)" })
            }
        } catch {
            try await provider.shutdown()
            throw error
        }
        try await provider.shutdown()
    }

    @Test("search the portal and send an inquiry, which starts a workflow run")
    func portalInquiryStartsWorkflow() async throws {
        try await BrowserHarness.with("portal-inquiry") { h in
            let token = try await h.token(Self.manager.0, Self.manager.1)
            let org = try await h.organization(token)
            let created = try await h.json("POST", "/api/v1/orgs/\(org)/workflow-templates/builtin.inquiry_follow_up/import",
                                           token: token, ["name": "Dopyty z portálu", "parameters": ["language": "sk"], "enabled": true]) as? [String: Any]
            let workflowID = (created?["workflow"] as? [String: Any])?["id"] as? String ?? created?["id"] as? String ?? ""
            #expect(!workflowID.isEmpty)

            try await h.driver.navigate(h.portal + "/sk/")
            try await h.driver.type("[data-test=portal-search] input[name=city]", "Bratislava")
            try await h.driver.click("[data-test=portal-search] button[type=submit]")
            try await h.driver.waitUntil("location.search.includes('city=Bratislava')", what: "the filtered search")
            try await h.driver.click("[data-test=portal-result] a")
            try await h.driver.waitFor("[data-test=portal-listing]")
            try await h.driver.type("#f-name", "Tomáš Kupec")
            try await h.driver.type("#f-email", "tomas.kupec@example.sk")
            try await h.driver.type("#f-message", "Dobrý deň, je byt ešte voľný? Mohol by som si ho pozrieť v sobotu?")
            try await h.driver.click("[data-test=portal-inquiry] button[type=submit]")
            try await h.driver.waitFor("[data-test=portal-inquiry-sent]")

            var started = false
            for _ in 0..<100 where !started {
                let runs = try await h.json("GET", "/api/v1/orgs/\(org)/workflow-runs?workflowID=\(workflowID)", token: token) as? [String: Any]
                started = !((runs?["items"] as? [Any]) ?? []).isEmpty
                if !started { try await Task.sleep(for: .milliseconds(200)) }
            }
            #expect(started, "the inquiry started a run of the follow-up workflow")
        }
    }

    @Test("portal pages paint their largest content within 2.5 s and carry SEO metadata")
    func portalLargestContentfulPaint() async throws {
        try await BrowserHarness.with("portal-lcp") { h in
            let lcp = """
                new Promise((resolve) => new PerformanceObserver((list) => {
                  const entries = list.getEntries(); resolve(entries[entries.length - 1].startTime);
                }).observe({ type: 'largest-contentful-paint', buffered: true }))
                """
            try await h.driver.navigate(h.portal + "/en/")
            let searchLCP = try await h.driver.evaluate(lcp) as? Double ?? .infinity
            #expect(searchLCP < 2500, "search page LCP \(searchLCP) ms")
            let detail = try await h.driver.evaluate("document.querySelector('[data-test=portal-result] a').href") as? String ?? ""
            try await h.driver.navigate(detail)
            let detailLCP = try await h.driver.evaluate(lcp) as? Double ?? .infinity
            #expect(detailLCP < 2500, "detail page LCP \(detailLCP) ms")
            let seo = try await h.driver.evaluate("""
                ({ title: document.title, canonical: document.querySelector('link[rel=canonical]')?.href,
                   alternates: document.querySelectorAll('link[rel=alternate][hreflang]').length,
                   description: document.querySelector('meta[name=description]')?.content,
                   jsonld: JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent)['@type'] })
                """) as? [String: Any] ?? [:]
            #expect((seo["title"] as? String ?? "").contains("PPT Reality"))
            #expect(seo["canonical"] as? String == detail)
            #expect(seo["alternates"] as? Int == 5)
            #expect(!(seo["description"] as? String ?? "").isEmpty)
            #expect(seo["jsonld"] as? String == "RealEstateListing")
        }
    }

    @Test("an owner answers an open vote from its page")
    func ownerAnswersVote() async throws {
        try await BrowserHarness.with("vote-answer") { h in
            let manager = try await h.token(Self.manager.0, Self.manager.1)
            let org = try await h.organization(manager)
            try await h.signIn("owner@demo.ppt.sk", "Owner-demo-2026")
            try await h.open("#/votes")
            try await h.driver.click("[data-test=vote-row][data-status=active] a")
            try await h.driver.waitFor("[data-test=vote-answer]")
            let voteID = try await h.driver.evaluate("location.hash.split('/')[2]") as? String ?? ""
            let before = try await Self.responseCount(h, manager, org, voteID)
            // The first option of every question.
            try await h.driver.run("""
                const groups = new Map();
                for (const radio of document.querySelectorAll('[data-test=vote-answer] input[type=radio]')) {
                  if (!groups.has(radio.name)) { groups.set(radio.name, radio); radio.click(); }
                }
                """)
            try await h.driver.click("[data-test=vote-submit]")
            var after = before
            for _ in 0..<50 where after == before {
                try await Task.sleep(for: .milliseconds(200))
                after = try await Self.responseCount(h, manager, org, voteID)
            }
            #expect(after > before, "the owner's answer reached the vote (\(before) → \(after))")
        }
    }

    @Test("a realtor adds a listing photo, which the portal page then shows")
    func listingPhotoReachesPortal() async throws {
        try await BrowserHarness.with("listing-photo") { h in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("balkon-\(UUID().uuidString.prefix(8)).png")
            try TestImages.png(width: 64, height: 48).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            try await h.signIn("realtor@demo.ppt.sk", "Realtor-demo-2026")
            try await h.open("#/listings?status=published")
            try await h.driver.click("[data-test=listing-row] a")
            try await h.driver.waitFor("[data-test=photo-upload]")
            let listingID = try await h.driver.evaluate("location.hash.split('/')[2].split('?')[0]") as? String ?? ""
            let before = try await h.driver.evaluate("document.querySelectorAll('[data-test=photo-item]').length") as? Int ?? 0
            try await h.driver.chooseFile("[data-test=photo-input]", path: file.path)
            try await h.driver.type("[data-test=photo-alt]", "Balkón s výhľadom")
            try await h.driver.click("[data-test=photo-upload-submit]")
            try await h.driver.waitUntil("document.querySelectorAll('[data-test=photo-item]').length === \(before + 1)",
                                         timeout: .seconds(20), what: "the new photo in the list")
            try await h.driver.navigate(h.portal + "/sk/listings/\(listingID)")
            try await h.driver.waitFor("[data-test=portal-listing]")
            let shown = try await h.driver.evaluate(
                "[...document.querySelectorAll('.gallery img')].some(i => i.alt === 'Balkón s výhľadom' && i.naturalWidth === 64)") as? Bool
            #expect(shown == true, "the photo is on the portal page with its alt text")
        }
    }

    static func responseCount(_ h: BrowserHarness, _ token: String, _ org: String, _ vote: String) async throws -> Int {
        (try await h.json("GET", "/api/v1/orgs/\(org)/votes/\(vote)/responses", token: token) as? [Any])?.count ?? 0
    }

    static func faultCount(_ h: BrowserHarness, _ token: String, _ org: String) async throws -> Int {
        let page = try await h.json("GET", "/api/v1/orgs/\(org)/faults?limit=100", token: token) as? [String: Any]
        return (page?["items"] as? [Any])?.count ?? 0
    }
}
