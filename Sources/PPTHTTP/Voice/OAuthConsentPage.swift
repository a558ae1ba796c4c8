import Foundation
import PPTDomain

/// The server-rendered pages of `/oauth/authorize`: sign-in, the organization and unit choice, and
/// errors, in sk/cs/de/en. Plain HTML forms without scripts; every dynamic value is escaped.
struct OAuthConsentPage {
    let locale: AppLocale

    /// The locale of the first supported language in `Accept-Language` (by quality), else English.
    static func locale(acceptLanguage: String?) -> AppLocale {
        guard let acceptLanguage else { return .en }
        let ranked = acceptLanguage.split(separator: ",").enumerated().compactMap {
            index, part -> (AppLocale, Double, Int)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased(), let primary = tag.split(separator: "-").first,
                  let locale = AppLocale(rawValue: String(primary)) else { return nil }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0 ? (locale, quality, index) : nil
        }
        return ranked.sorted { ($0.1, -$0.2) > ($1.1, -$1.2) }.first?.0 ?? .en
    }

    /// Escapes text for HTML element content and quoted attribute values.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// The sign-in form.
    func login(client: String, scopes: [String], hidden: [(String, String)], email: String = "",
               error: String? = nil) -> String {
        let text = OAuthConsentText.of(locale)
        return page(text.title, """
            <h1>\(Self.escape(text.title))</h1>
            <p>\(Self.escape(text.asks(client)))</p>
            \(scopeList(scopes))
            \(error.map { "<p class=\"error\" role=\"alert\">\(Self.escape($0))</p>" } ?? "")
            <form method="post" action="/oauth/authorize">
            \(hiddenFields(hidden + [("action", "login")]))
            <label>\(Self.escape(text.email))
            <input type="email" name="email" value="\(Self.escape(email))" required autocomplete="username"></label>
            <label>\(Self.escape(text.password))
            <input type="password" name="password" required autocomplete="current-password"></label>
            <button type="submit">\(Self.escape(text.signIn))</button>
            </form>
            \(denyForm(hidden))
            """)
    }

    /// The organization (and unit) choice after sign-in.
    func consent(client: String, user: String, scopes: [String], options: [(value: String, label: String)],
                 hidden: [(String, String)], error: String? = nil) -> String {
        let text = OAuthConsentText.of(locale)
        let choices = options.enumerated().map { index, option in
            let selected = index == 0 ? " selected" : ""
            return "<option value=\"\(Self.escape(option.value))\"\(selected)>\(Self.escape(option.label))</option>"
        }.joined(separator: "\n")
        return page(text.title, """
            <h1>\(Self.escape(text.title))</h1>
            <p>\(Self.escape(text.signedInAs(user)))</p>
            <p>\(Self.escape(text.asks(client)))</p>
            \(scopeList(scopes))
            \(error.map { "<p class=\"error\" role=\"alert\">\(Self.escape($0))</p>" } ?? "")
            <form method="post" action="/oauth/authorize">
            \(hiddenFields(hidden + [("action", "consent")]))
            <label>\(Self.escape(text.choose)) <select name="target" required>
            \(choices)
            </select></label>
            <button type="submit">\(Self.escape(text.allow))</button>
            </form>
            \(denyForm(hidden))
            """)
    }

    /// An error that cannot go back to the client (unknown client, unregistered redirect URI, bad form).
    func error(_ detail: String) -> String {
        let text = OAuthConsentText.of(locale)
        return page(text.errorTitle, """
            <h1>\(Self.escape(text.errorTitle))</h1>
            <p role="alert">\(Self.escape(detail))</p>
            """)
    }

    private func scopeList(_ scopes: [String]) -> String {
        let text = OAuthConsentText.of(locale)
        return "<ul>" + scopes.map { "<li>\(Self.escape(text.scope($0)))</li>" }.joined() + "</ul>"
    }

    private func hiddenFields(_ fields: [(String, String)]) -> String {
        fields.map { "<input type=\"hidden\" name=\"\(Self.escape($0.0))\" value=\"\(Self.escape($0.1))\">" }
            .joined(separator: "\n")
    }

    private func denyForm(_ hidden: [(String, String)]) -> String {
        let text = OAuthConsentText.of(locale)
        return """
            <form method="post" action="/oauth/authorize">
            \(hiddenFields(hidden + [("action", "deny")]))
            <button type="submit">\(Self.escape(text.deny))</button>
            </form>
            """
    }

    private func page(_ title: String, _ body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(locale.rawValue)"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.escape(title))</title>
        <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}
        label{display:block;margin:.75rem 0}input,select{display:block;width:100%;padding:.4rem}
        button{margin-top:.75rem;padding:.5rem 1rem}.error{color:#a00}</style>
        </head><body>
        \(body)
        </body></html>
        """
    }
}
