import Foundation

/// Removes secrets and personal data from error reports before they leave the process (or reach a log).
///
/// Free text loses authorization headers, cookies, credentials in URLs, bearer/basic tokens, JWTs (`eyJ…`),
/// provider API keys (`sk-…`, `sk_live_…`, `AKIA…`, `ghp_…`, …), `password=…`/`token: …`/`api_key=…`
/// pairs and JSON `"password": "…"` members (→ `[REDACTED]`), emails (→ `[email]`), IBANs with or without
/// spaces (→ `[iban]`) and phone numbers in international (`+421 903 123 456`) and local (`0903 123 456`,
/// `(02) 1234 5678`, `555-123-4567`) formats (→ `[phone]`). Maps (extras, tags, breadcrumb data) lose the
/// whole value of a key that names a secret; headers are reduced to a short allowlist.
///
/// It errs on the side of removing too much: an error report that loses a number is cheaper than one that
/// leaks a password.
package struct Redactor: Sendable {
    /// The substitution for secrets.
    package static let redacted = "[REDACTED]"

    private let rules: [Rule]
    /// Longest string kept after redaction (Sentry truncates long values anyway).
    private let maximumLength: Int

    /// The built-in rules, followed by `additionalRules`.
    package init(additionalRules: [Rule] = [], maximumLength: Int = 8192) {
        self.rules = Self.builtInRules + additionalRules
        self.maximumLength = maximumLength
    }

    /// `text` with every secret replaced.
    package func redact(_ text: String) -> String {
        var result = text
        for rule in rules { result = rule.apply(result) }
        // Truncated after redaction, so a cut never leaves half a secret that no rule recognises.
        return result.count > maximumLength ? String(result.prefix(maximumLength)) + "…" : result
    }

    /// A map whose values are redacted, and whose secret-named keys have their values replaced entirely.
    package func redact(_ values: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in values {
            result[key] = Self.isSecretKey(key) ? Self.redacted : redact(value)
        }
        return result
    }

    /// Only the allowlisted headers (lower-cased names), with redacted values. `Authorization`, `Cookie`,
    /// API-key headers and anything unknown are dropped.
    package func redactHeaders(_ headers: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in headers {
            let name = name.lowercased()
            guard Self.safeHeaders.contains(name) else { continue }
            result[name] = redact(value)
        }
        return result
    }

    /// The event with its exception messages, tags, extras, request headers and breadcrumbs redacted.
    package func redact(_ event: SentryEvent) -> SentryEvent {
        var event = event
        event.exceptions = event.exceptions.map { exception in
            var exception = exception
            exception.value = redact(exception.value)
            return exception
        }
        event.tags = redact(event.tags)
        event.extra = redact(event.extra)
        event.fingerprint = event.fingerprint.map(redact)
        if var request = event.request {
            request.headers = redactHeaders(request.headers)
            event.request = request
        }
        event.breadcrumbs = event.breadcrumbs.map { breadcrumb in
            var breadcrumb = breadcrumb
            breadcrumb.message = breadcrumb.message.map(redact)
            breadcrumb.data = redact(breadcrumb.data)
            return breadcrumb
        }
        return event
    }
}
