import Foundation
import PPTDomain
import PPTStorage

/// The house rules (Slovak PDF, English DOCX) for the whole organization, and the minutes of the last
/// owners' meeting (Slovak TXT, English PDF) for owners only, uploaded through `DocumentRepository`.
struct DemoDocuments {
    let context: DemoContext

    /// How long ago the owners' meeting was held.
    static let meetingDaysAgo = 35

    func seed() async throws {
        let runtime = context.runtime
        let documents = DocumentRepository(
            database: runtime.database, blobs: runtime.blobs, clock: runtime.clock,
            maxUploadBytes: runtime.configuration.maxUploadMegabytes * 1024 * 1024)
        let manager = try await context.scope(of: context.users.manager)
        let meeting = context.today.adding(days: -Self.meetingDaysAgo)
        let owners = DocumentAccess(level: .roles, roles: [.owner])
        let rules = (sk: DemoHouseRules.slovak(approved: meeting), en: DemoHouseRules.english(approved: meeting))
        let minutes = (sk: DemoMinutes.slovak(date: meeting), en: DemoMinutes.english(date: meeting))
        let uploads: [(DocumentMetadataInput, DocumentFile)] = [
            (DocumentMetadataInput(title: "Domový poriadok", category: "house-rules", folder: "Predpisy",
                                   language: .sk),
             DocumentFile(fileName: "domovy-poriadok.pdf", declaredType: DocumentFormat.pdf.rawValue,
                          data: PDFWriter.render(rules.sk, created: context.now))),
            (DocumentMetadataInput(title: "House rules", category: "house-rules", folder: "Predpisy", language: .en),
             DocumentFile(fileName: "house-rules.docx", declaredType: DocumentFormat.docx.rawValue,
                          data: try DOCXWriter.render(rules.en, created: context.now))),
            (DocumentMetadataInput(title: "Zápisnica zo schôdze vlastníkov \(meeting.slovakText)",
                                   category: "minutes", folder: "Zápisnice/\(meeting.year)", language: .sk,
                                   access: owners),
             DocumentFile(fileName: "zapisnica-schodza-vlastnikov-\(meeting).txt",
                          declaredType: "text/plain; charset=utf-8", data: Data(minutes.sk.plainText.utf8))),
            (DocumentMetadataInput(title: "Minutes of the owners' meeting \(meeting.englishText)",
                                   category: "minutes", folder: "Zápisnice/\(meeting.year)", language: .en,
                                   access: owners),
             DocumentFile(fileName: "owners-meeting-minutes-\(meeting).pdf", declaredType: DocumentFormat.pdf.rawValue,
                          data: PDFWriter.render(minutes.en, created: context.now))),
        ]
        for (metadata, file) in uploads {
            _ = try await documents.upload(manager, metadata, file: file)
        }
    }
}
