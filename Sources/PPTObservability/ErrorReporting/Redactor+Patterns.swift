import Foundation

extension Redactor {
    /// One substitution: every match of `expression` is replaced by `template` (`$1` refers to groups).
    package struct Rule: Sendable {
        package let name: String
        package let expression: NSRegularExpression
        package let template: String

        /// A rule from a pattern that is known to compile (a programming error otherwise).
        package init(_ name: String, _ pattern: String, _ template: String, caseInsensitive: Bool = false) {
            self.name = name
            do {
                self.expression = try NSRegularExpression(
                    pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
            } catch {
                preconditionFailure("redaction pattern \(name) does not compile: \(error)")
            }
            self.template = template
        }

        func apply(_ text: String) -> String {
            expression.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
        }
    }

    /// Words that make a key (header, extra, tag, JSON or `k=v` key) sensitive.
    static let secretKeyWords = #"password|passwd|pwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|"#
        + #"private[_-]?key|key|session[_-]?id|sessionid|credentials?|signature|dsn"#

    /// The built-in rules, in the order they run: credentials first (their values may contain digits or
    /// `@` that later rules would only half-match), then emails, IBANs and phone numbers.
    static let builtInRules: [Rule] = [
        Rule("url-credentials", #"\b([a-z][a-z0-9+.\-]*://)[^/\s:@]+:[^/\s@]+@"#, "$1[REDACTED]@",
             caseInsensitive: true),
        Rule("jwt", #"\beyJ[A-Za-z0-9_\-]{8,}(?:\.[A-Za-z0-9_\-]*){0,4}"#, "[REDACTED]"),
        Rule("authorization-header",
             #"\b((?:proxy-)?authorization|x-sentry-auth|x-api-key|api-key)(\s*[:=]\s*)"#
                + #"(?:(?:bearer|basic|digest|token|sentry)\s+)?[^\s,;]+"#,
             "$1$2[REDACTED]", caseInsensitive: true),
        Rule("cookie-header", #"\b(set-cookie|cookie)(\s*[:=]\s*)[^\r\n]*"#, "$1$2[REDACTED]", caseInsensitive: true),
        Rule("bearer", #"\b(bearer)\s+[A-Za-z0-9._~+/=\-]{6,}"#, "$1 [REDACTED]", caseInsensitive: true),
        Rule("basic", #"\bBasic\s+[A-Za-z0-9+/]{8,}={0,2}"#, "Basic [REDACTED]"),
        Rule("api-key-prefixed",
             #"\b(?:sk|pk|rk)-[A-Za-z0-9_\-]{10,}|\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{10,}|\bAKIA[0-9A-Z]{16}\b"#
                + #"|\bgh[pousr]_[A-Za-z0-9]{20,}|\bxox[abprs]-[A-Za-z0-9\-]{10,}|\bAIza[0-9A-Za-z_\-]{30,}"#
                + #"|\bglpat-[A-Za-z0-9_\-]{20,}"#,
             "[REDACTED]"),
        Rule("json-secret",
             #""([A-Za-z0-9_\-]*(?:"# + secretKeyWords + #"|authorization|cookie)[A-Za-z0-9_\-]*)"(\s*:\s*)"#
                + #""(?:[^"\\]|\\.)*""#,
             #""$1"$2"[REDACTED]""#, caseInsensitive: true),
        Rule("key-value-secret",
             #"\b([A-Za-z0-9_\-]*(?:"# + secretKeyWords + #")[A-Za-z0-9_\-]*)(\s*[=:]\s*)"#
                + #"(?:"[^"]*"|'[^']*'|(?!\[REDACTED\])[^\s&,;"']+)"#,
             "$1$2[REDACTED]", caseInsensitive: true),
        Rule("email", #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"#, "[email]"),
        Rule("iban", #"\b[A-Z]{2}[0-9]{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b"#, "[iban]"),
        Rule("phone-international", #"(?<![\w+])\+[1-9][0-9]{0,2}(?:[ .\-]?\(?[0-9]{1,4}\)?){2,6}(?![0-9])"#,
             "[phone]"),
        Rule("phone-local",
             #"(?<![\w.\-/])0[0-9]{1,3}(?:[ .\-/]?[0-9]{2,4}){2,3}(?![\w.\-])"#
                + #"|\([0-9]{2,4}\)\s?[0-9]{3,4}[ .\-]?[0-9]{3,4}(?![0-9])"#
                + #"|(?<![\w.\-])[0-9]{3}[.\-][0-9]{3}[.\-][0-9]{4}(?![\w.\-])"#,
             "[phone]"),
    ]

    /// Lower-cased headers that may be sent; every other header is dropped.
    static let safeHeaders: Set<String> = [
        "accept", "accept-encoding", "accept-language", "content-length", "content-type", "host", "origin",
        "referer", "traceparent", "tracestate", "user-agent", "x-forwarded-proto", "x-request-id",
    ]

    /// Whether a key names a secret (its whole value is replaced).
    package static func isSecretKey(_ key: String) -> Bool {
        let normalized = key.lowercased()
        let words = normalized.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        let secretWords: Set<String> = [
            "password", "passwd", "pwd", "passphrase", "secret", "token", "apikey", "key", "auth", "authorization",
            "cookie", "cookies", "session", "sessionid", "credential", "credentials", "signature", "bearer", "jwt",
            "dsn", "iban", "email", "phone", "mobile", "otp",
        ]
        if words.contains(where: secretWords.contains) { return true }
        let compact = words.joined()
        return ["password", "secret", "apikey", "accesstoken", "refreshtoken", "privatekey", "clientsecret"]
            .contains(where: compact.contains)
    }
}
