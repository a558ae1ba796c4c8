import Foundation
import PPTDomain
import PPTStorage
import SQLKit

extension LeaseGenerationService {
    /// Finalizes a draft: checks it against the lease's current data once more, renders it as DOCX
    /// and HTML, stores both in the document repository with the access scope of the lease's unit
    /// (as new versions of the lease's documents when an earlier draft was finalized), and marks the
    /// generation finalized as `document:<DOCX id>`.
    /// Errors: `lease.not_found`, `generation.not_found`, `generation.invalid_transition` (not a
    /// draft), `validation.failed` / `lease.missing_fields` when the draft no longer matches the data.
    package func finalize(_ scope: OrgScope, leaseID: LeaseID, generationID: GenerationID) async throws
        -> LeaseFinalization
    {
        let (facts, record, draft, verifier) = try await loadDraft(
            scope, leaseID: leaseID, generationID: generationID, action: "finalized")
        try verifier.check(draft.sections)
        let now = clock.now()
        let docx = try LeaseDOCXWriter.render(draft, facts: facts, created: now)
        let html = LeaseHTMLWriter.render(draft, facts: facts)
        let previous = try await previousDocuments(scope, leaseID: leaseID)
        let title = "\(draft.title) – \(facts.unit.number.leaseTrimmed), \(facts.address)"
        let metadata = DocumentMetadataInput(
            title: String(title.prefix(200)), category: "lease", folder: "leases", language: draft.language,
            access: DocumentAccess(level: .unit, unitIDs: [facts.unit.id]))
        let base = "lease-\(facts.unit.number.leaseTrimmed.filter { $0.isLetter || $0.isNumber })-\(draft.language.rawValue)"
        let docxFile = try documents.store(
            DocumentFile(fileName: base + ".docx", declaredType: DocumentFormat.docx.rawValue, data: docx))
        let htmlFile = try documents.store(
            DocumentFile(fileName: base + ".html", declaredType: DocumentFormat.html.rawValue, data: html))
        // Both documents and the generation's finalization land in one transaction: a concurrent
        // second finalize fails on the conditional finalize and stores nothing.
        let (generation, docxDocument, htmlDocument) = try await database.write { sql in
            let docxDocument = try await Self.record(sql, scope, docxFile, previous: previous["docx"],
                                                     metadata: metadata, at: now)
            let htmlDocument = try await Self.record(sql, scope, htmlFile, previous: previous["html"],
                                                     metadata: metadata, at: now)
            var finalized = draft
            finalized.documents = ["docx": docxDocument.id.rawValue, "html": htmlDocument.id.rawValue]
            let generation = try await GenerationRepository.finalize(
                sql, scope, id: record.id, as: "document:\(docxDocument.id.rawValue)", result: try finalized.json, at: now)
            return (generation, docxDocument, htmlDocument)
        }
        return LeaseFinalization(generation: generation, documents: [docxDocument, htmlDocument])
    }

    /// The documents of the lease's latest finalized draft (`docx`, `html` → id).
    private func previousDocuments(_ scope: OrgScope, leaseID: LeaseID) async throws -> [String: DocumentID] {
        let finalized = try await generations.generations(
            scope, filter: GenerationFilter(kind: .lease, status: .finalized, subject: "lease:\(leaseID.rawValue)"),
            page: PageRequest(limit: 20))
        for record in finalized.items {
            guard let result = record.result, let documents = try? LeaseDraft(json: result).documents else { continue }
            return documents.compactMapValues { DocumentID($0) }
        }
        return [:]
    }

    /// Records `file` as the next version of `previous`, or as a new document when there is none (or
    /// it was deleted since).
    private static func record(_ sql: any SQLDatabase, _ scope: OrgScope, _ file: StoredDocumentFile,
                               previous: DocumentID?, metadata: DocumentMetadataInput, at now: Date) async throws
        -> Document
    {
        if let previous, try await DocumentRepository.exists(sql, scope, previous) {
            return try await DocumentRepository.insertVersion(sql, scope, id: previous, file, at: now)
        }
        return try await DocumentRepository.insert(sql, scope, metadata, file, at: now)
    }
}
