import Foundation

/// An e-mail address (`local@domain`, ASCII: PPT does not send SMTPUTF8) with an optional display name.
package struct MailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `local@domain`.
    package let address: String
    /// Shown by mail clients; any Unicode (encoded per RFC 2047 in headers).
    package let displayName: String?

    /// Checks `address` (see `isValid`); `nil` when it is not one.
    package init?(_ address: String, displayName: String? = nil) {
        let trimmed = address.trimmingCharacters(in: .whitespaces)
        guard Self.isValid(trimmed) else { return nil }
        self.init(address: trimmed, displayName: displayName)
    }

    init(address: String, displayName: String?) {
        self.address = address
        let name = displayName?.trimmingCharacters(in: .whitespaces)
        self.displayName = (name?.isEmpty ?? true) ? nil : name
    }

    package var description: String { address }

    /// Parses `addr`, `<addr>`, `Name <addr>` or `"Name" <addr>`.
    package static func parseMailbox(_ text: String) -> MailAddress? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else { return MailAddress(trimmed) }
        let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            var unquoted = ""
            var escaped = false
            for character in name.dropFirst().dropLast() {
                if escaped || character != "\\" { unquoted.append(character) }
                escaped = !escaped && character == "\\"
            }
            name = unquoted
        }
        guard !name.contains(where: { $0 == "\r" || $0 == "\n" }) else { return nil }
        return MailAddress(address, displayName: name)
    }

    /// A practical check of an RFC 5321 address: dot-atom local part (at most 64 characters), a domain of
    /// at least two labels of letters, digits and hyphens (at most 253 characters), ASCII only.
    package static func isValid(_ address: String) -> Bool {
        guard address.utf8.count <= 254, let at = address.lastIndex(of: "@") else { return false }
        let local = address[..<at]
        let domain = address[address.index(after: at)...]
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")
        guard !local.isEmpty, local.utf8.count <= 64, !local.hasPrefix("."), !local.hasSuffix("."),
              !local.contains(".."), local.allSatisfy({ $0 == "." || atext.contains($0) })
        else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let labelCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        guard domain.utf8.count <= 253, labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { labelCharacters.contains($0) }
        } && !(labels.last!.allSatisfy(\.isNumber))
    }

    /// The domain part, lower-cased.
    package var domain: String {
        address.lastIndex(of: "@").map { String(address[address.index(after: $0)...]).lowercased() } ?? "localhost"
    }

    /// The readable form, as stored and shown in the mailbox: `addr`, `Name <addr>` or
    /// `"Name, with specials" <addr>` (Unicode kept; `parseMailbox` reads it back).
    package var displayValue: String {
        guard let displayName else { return address }
        let plain = displayName.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" || $0 == "." || $0 == "'" }
        let name = plain ? displayName
            : "\"" + displayName.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        return "\(name) <\(address)>"
    }

    /// The header form: `addr`, or `Name <addr>` with the name quoted or RFC 2047-encoded as needed.
    package var headerValue: String {
        guard let displayName else { return address }
        return "\(MIMEEncoding.phrase(displayName)) <\(address)>"
    }
}
