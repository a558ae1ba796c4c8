import Foundation

/// Who may read a document (DESIGN §4). Staff always may; others must match the level.
package enum DocumentAccessLevel: String, Codable, Sendable, CaseIterable {
    /// Every member of the organization.
    case organization
    /// Members living in one of `buildingIDs`.
    case building
    /// Members of one of `unitIDs`.
    case unit
    /// Members with one of `roles`.
    case roles
    /// Only the users in `userIDs`.
    case users
    /// Staff only.
    case staff
}

/// A document's access scope.
package struct DocumentAccess: Codable, Sendable, Hashable {
    package var level: DocumentAccessLevel
    package var buildingIDs: [BuildingID]
    package var unitIDs: [UnitID]
    package var roles: [Role]
    package var userIDs: [UserID]

    package init(level: DocumentAccessLevel = .organization, buildingIDs: [BuildingID] = [], unitIDs: [UnitID] = [],
                 roles: [Role] = [], userIDs: [UserID] = []) {
        self.level = level; self.buildingIDs = buildingIDs; self.unitIDs = unitIDs
        self.roles = roles; self.userIDs = userIDs
    }

    /// Whether the member with `scope` may read a document with this access.
    package func allows(_ scope: OrgScope, uploadedBy: UserID) -> Bool {
        if scope.role.isStaff || scope.userID == uploadedBy { return true }
        switch level {
        case .organization: return true
        case .building: return !scope.buildingIDs.isDisjoint(with: buildingIDs)
        case .unit: return !scope.unitIDs.isDisjoint(with: unitIDs)
        case .roles: return roles.contains(scope.role)
        case .users: return userIDs.contains(scope.userID)
        case .staff: return false
        }
    }
}

/// A stored document with its current version.
package struct Document: Codable, Sendable, Hashable {
    package var id: DocumentID
    package var organizationID: OrganizationID
    package var title: String
    package var category: String
    package var folder: String
    package var language: AppLocale?
    package var access: DocumentAccess
    package var currentVersion: Int
    package var fileName: String
    package var contentType: String
    package var sizeBytes: Int64
    package var sha256: String
    package var uploadedBy: UserID
    package var createdAt: Date
    package var updatedAt: Date

    package init(
        id: DocumentID,
        organizationID: OrganizationID,
        title: String,
        category: String,
        folder: String,
        language: AppLocale? = nil,
        access: DocumentAccess,
        currentVersion: Int,
        fileName: String,
        contentType: String,
        sizeBytes: Int64,
        sha256: String,
        uploadedBy: UserID,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.title = title
        self.category = category
        self.folder = folder
        self.language = language
        self.access = access
        self.currentVersion = currentVersion
        self.fileName = fileName
        self.contentType = contentType
        self.sizeBytes = sizeBytes
        self.sha256 = sha256
        self.uploadedBy = uploadedBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One uploaded version of a document's bytes.
package struct DocumentVersion: Codable, Sendable, Hashable {
    package var documentID: DocumentID
    package var version: Int
    package var fileName: String
    package var contentType: String
    package var sizeBytes: Int64
    package var sha256: String
    package var uploadedBy: UserID
    package var createdAt: Date

    package init(
        documentID: DocumentID,
        version: Int,
        fileName: String,
        contentType: String,
        sizeBytes: Int64,
        sha256: String,
        uploadedBy: UserID,
        createdAt: Date
    ) {
        self.documentID = documentID
        self.version = version
        self.fileName = fileName
        self.contentType = contentType
        self.sizeBytes = sizeBytes
        self.sha256 = sha256
        self.uploadedBy = uploadedBy
        self.createdAt = createdAt
    }
}

/// The formats PPT stores, each recognised by its declared type and by its leading bytes, so a
/// renamed text file cannot pass as a PDF.
package enum DocumentFormat: String, Codable, Sendable, CaseIterable {
    case pdf = "application/pdf"
    case docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    case text = "text/plain"
    case markdown = "text/markdown"
    case html = "text/html"
    case png = "image/png"
    case jpeg = "image/jpeg"
    case webp = "image/webp"

    /// Other spellings clients send for the same formats.
    private static let aliases: [String: DocumentFormat] = [
        "text/x-markdown": .markdown, "image/jpg": .jpeg, "image/pjpeg": .jpeg,
    ]

    /// Formats guessed from a file extension, for clients that declare `application/octet-stream`.
    private static let extensions: [String: DocumentFormat] = [
        "pdf": .pdf, "docx": .docx, "txt": .text, "text": .text, "md": .markdown, "markdown": .markdown,
        "html": .html, "htm": .html, "png": .png, "jpg": .jpeg, "jpeg": .jpeg, "webp": .webp,
    ]

    /// The format a client declared (`text/plain; charset=utf-8` counts as `text/plain`); a generic or
    /// missing declaration falls back to the file name's extension. `nil` for anything else.
    package init?(declared: String, fileName: String) {
        let mime = declared.split(separator: ";", maxSplits: 1).first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        if let format = DocumentFormat(rawValue: mime) ?? Self.aliases[mime] {
            self = format
        } else if mime.isEmpty || mime == "application/octet-stream" || mime == "binary/octet-stream",
                  let dot = fileName.lastIndex(of: "."),
                  let format = Self.extensions[fileName[fileName.index(after: dot)...].lowercased()] {
            self = format
        } else {
            return nil
        }
    }

    /// Text formats, which must be valid UTF-8.
    package var isText: Bool { self == .text || self == .markdown || self == .html }

    /// Whether `data` really is this format: a signature for binary formats, UTF-8 for text.
    package func matches(_ data: Data) -> Bool {
        let bytes = [UInt8](data.prefix(12))
        func starts(_ signature: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + signature.count && Array(bytes[offset..<offset + signature.count]) == signature
        }
        switch self {
        case .pdf: return starts(Array("%PDF-".utf8))
        case .docx: return starts([0x50, 0x4B, 0x03, 0x04])
        case .png: return starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        case .jpeg: return starts([0xFF, 0xD8, 0xFF])
        case .webp: return starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8)
        case .text, .markdown, .html: return String(validating: data, as: UTF8.self) != nil && !data.contains(0)
        }
    }
}

/// The bytes of one document version, ready to send.
package struct DocumentDownload: Sendable {
    package var data: Data
    package var contentType: String
    package var fileName: String
    package var version: Int
    package var sha256: String

    package init(data: Data, contentType: String, fileName: String, version: Int, sha256: String) {
        self.data = data
        self.contentType = contentType
        self.fileName = fileName
        self.version = version
        self.sha256 = sha256
    }
}

/// Uploaded bytes with the name and type the client declared.
package struct DocumentFile: Sendable {
    /// The file's base name, without any client path, quotes or control characters.
    package let fileName: String
    /// The declared media type.
    package let declaredType: String
    package let data: Data

    package init(fileName: String, declaredType: String, data: Data) {
        let base = fileName.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(base.filter { character in
            character.unicodeScalars.allSatisfy { $0.properties.generalCategory != .control } && character != "\""
        }).trimmingCharacters(in: .whitespaces)
        self.fileName = clean.isEmpty ? "document" : String(clean.prefix(255))
        self.declaredType = declaredType
        self.data = data
    }

    /// Checks size, declared type and content; returns the recognised format.
    /// Errors: `validation.failed` (empty), `document.too_large`, `document.unsupported_type`.
    package func validate(maxBytes: Int) throws(DomainError) -> DocumentFormat {
        if data.isEmpty { throw DomainError.invalid("/file", "must not be empty") }
        if data.count > maxBytes {
            throw DomainError(code: "document.too_large", kind: .invalid,
                              message: "The file is larger than the limit of \(maxBytes) bytes.",
                              fields: [FieldError(pointer: "/file", detail: "at most \(maxBytes) bytes")])
        }
        guard let format = DocumentFormat(declared: declaredType, fileName: fileName), format.matches(data) else {
            throw DomainError(code: "document.unsupported_type", kind: .invalid,
                              message: "Only PDF, DOCX, text, Markdown, HTML, PNG, JPEG and WEBP files are accepted, "
                                  + "and the content must match the declared type.",
                              fields: [FieldError(pointer: "/file", detail: "unsupported or mismatched file type")])
        }
        return format
    }
}

// MARK: - Access keys

extension DocumentAccess {
    /// The keys under which the search index files a document with this access: a member may read it
    /// when one of `OrgScope.documentAccessKeys` is among them. Mirrors `allows(_:uploadedBy:)`, so
    /// retrieval can filter in SQL before ranking (DESIGN §4).
    package func accessKeys(uploadedBy: UserID) -> Set<String> {
        var keys: Set<String> = ["user:\(uploadedBy.rawValue)"]
        switch level {
        case .organization: keys.insert("org")
        case .building: keys.formUnion(buildingIDs.map { "building:\($0.rawValue)" })
        case .unit: keys.formUnion(unitIDs.map { "unit:\($0.rawValue)" })
        case .roles: keys.formUnion(roles.map { "role:\($0.rawValue)" })
        case .users: keys.formUnion(userIDs.map { "user:\($0.rawValue)" })
        case .staff: break
        }
        return keys
    }
}

extension OrgScope {
    /// The access keys this member holds (see `DocumentAccess.accessKeys`); `nil` for staff, who may
    /// read every document of the organization.
    package var documentAccessKeys: Set<String>? {
        if role.isStaff { return nil }
        var keys: Set<String> = ["org", "user:\(userID.rawValue)", "role:\(role.rawValue)"]
        keys.formUnion(buildingIDs.map { "building:\($0.rawValue)" })
        keys.formUnion(unitIDs.map { "unit:\($0.rawValue)" })
        return keys
    }
}
