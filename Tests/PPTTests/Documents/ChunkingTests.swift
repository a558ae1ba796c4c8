import Foundation
import PPTDocuments
import PPTDomain
import Testing

@Suite("Chunking, language, query terms and rank fusion")
struct ChunkingTests {
    @Test("Headings start chunks; chunks never span pages; the heading path is kept")
    func structure() {
        let text = ExtractedText(blocks: [
            TextBlock(.heading(level: 1), "Domový poriadok", page: 1),
            TextBlock(.heading(level: 2), "Čl. 1 Nočný pokoj", page: 1),
            TextBlock(.paragraph, "Nočný pokoj je od 22:00 do 6:00.", page: 1),
            TextBlock(.heading(level: 2), "Čl. 2 Zvieratá", page: 1),
            TextBlock(.paragraph, "Pes musí byť na vôdzke.", page: 1),
            TextBlock(.paragraph, "Znečistenie odstráni majiteľ.", page: 2),
        ], pageCount: 2, method: .pdftotext)
        let chunks = Chunker().chunks(text)
        #expect(chunks.map(\.text) == ["Nočný pokoj je od 22:00 do 6:00.", "Pes musí byť na vôdzke.",
                                       "Znečistenie odstráni majiteľ."])
        #expect(chunks.map(\.heading) == ["Domový poriadok › Čl. 1 Nočný pokoj", "Domový poriadok › Čl. 2 Zvieratá",
                                          "Domový poriadok › Čl. 2 Zvieratá"])
        #expect(chunks.map(\.page) == [1, 1, 2])
        #expect(chunks.map(\.ordinal) == [0, 1, 2])
    }

    @Test("Long sections are cut near the target size with sentence overlap, and no text is lost")
    func sizeAndOverlap() {
        let sentences = (1...120).map { "Veta číslo \($0) opisuje pravidlá domu podrobne." }
        let text = ExtractedText(blocks: stride(from: 0, to: 120, by: 6).map {
            TextBlock(.paragraph, sentences[$0..<$0 + 6].joined(separator: " "))
        }, method: .text)
        let chunker = Chunker(targetTokens: 120, overlapTokens: 30)
        let chunks = chunker.chunks(text)
        #expect(chunks.count > 3)
        for chunk in chunks { #expect(chunk.tokenCount <= 120 + 30, "chunk of \(chunk.tokenCount) tokens") }
        for sentence in sentences {
            #expect(chunks.contains { $0.text.contains(sentence) }, "lost: \(sentence)")
        }
        // Consecutive chunks share their boundary sentence.
        for (previous, next) in zip(chunks, chunks.dropFirst()) {
            let lastSentence = previous.text.components(separatedBy: ". ").last ?? ""
            #expect(next.text.contains(lastSentence.trimmingCharacters(in: .punctuationCharacters)))
        }
    }

    @Test("A single run-on paragraph longer than the target is split at word boundaries")
    func runOn() {
        let words = (1...600).map { "slovo\($0)" }.joined(separator: " ")
        let chunks = Chunker(targetTokens: 100, overlapTokens: 0).chunks(
            ExtractedText(blocks: [TextBlock(.paragraph, words)], method: .text))
        #expect(chunks.count >= 6)
        #expect(chunks.map(\.text).joined(separator: " ") == words)
    }

    @Test("Language detection tells sk, cs, de and en apart", arguments: [
        ("Vlastník bytu je povinný dodržiavať domový poriadok a nočný pokoj.", AppLocale.sk),
        ("Vlastník bytu je povinen dodržovat domovní řád a noční klid, který platí.", .cs),
        ("Der Eigentümer muss die Hausordnung und die Nachtruhe einhalten.", .de),
        ("The owner must keep the house rules and the quiet hours at night.", .en),
    ])
    func language(text: String, expected: AppLocale) {
        #expect(LanguageDetector.detect(text) == expected)
    }

    @Test("Query terms are folded, stop words dropped, long words stemmed")
    func queryTerms() {
        #expect(QueryTerms.terms("Čo hovorí domový poriadok o zvieratách?") == ["domovy", "poriad", "zvierata"])
        #expect(QueryTerms.terms("zivotne prostredie") == ["zivotne", "prostredie"].map(QueryTerms.stem))
        #expect(QueryTerms.terms("what is it") == ["what", "is", "it"], "only stop words: search for them anyway")
        #expect(QueryTerms.terms("") == [])
        #expect(QueryTerms.stem("zvieratá") == "zviera")
        #expect(QueryTerms.stem("pes") == "pes")
    }

    @Test("Reciprocal rank fusion with k = 60")
    func fusion() {
        let fused = RankFusion.fuse([["a", "b", "c"], ["c", "a"]])
        #expect(fused.map(\.id) == ["a", "c", "b"])
        #expect(abs(fused[0].score - (1.0 / 61 + 1.0 / 62)) < 1e-12)
        #expect(abs(fused[2].score - 1.0 / 62) < 1e-12)
    }

    @Test("Document access keys agree with DocumentAccess.allows for every level and role")
    func accessKeys() {
        let org = OrganizationID(), uploader = UserID(), user = UserID()
        let building = BuildingID(), unit = UnitID(), otherBuilding = BuildingID(), otherUnit = UnitID()
        let accesses: [DocumentAccess] = [
            DocumentAccess(level: .organization), DocumentAccess(level: .building, buildingIDs: [building]),
            DocumentAccess(level: .building, buildingIDs: [otherBuilding]), DocumentAccess(level: .unit, unitIDs: [unit]),
            DocumentAccess(level: .unit, unitIDs: [otherUnit]), DocumentAccess(level: .roles, roles: [.owner]),
            DocumentAccess(level: .users, userIDs: [user]), DocumentAccess(level: .users, userIDs: [uploader]),
            DocumentAccess(level: .staff),
        ]
        for role in Role.allCases {
            for actor in [user, uploader] {
                let scope = OrgScope(organizationID: org, userID: actor, role: role, unitIDs: [unit],
                                     buildingIDs: [building])
                for access in accesses {
                    let byKeys = scope.documentAccessKeys.map {
                        !$0.isDisjoint(with: access.accessKeys(uploadedBy: uploader))
                    } ?? true
                    #expect(byKeys == access.allows(scope, uploadedBy: uploader), "\(role) \(access.level)")
                }
            }
        }
    }
}
