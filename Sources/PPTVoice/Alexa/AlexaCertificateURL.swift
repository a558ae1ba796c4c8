import Foundation

/// The rules for `SignatureCertChainUrl`: after removing `.` and `..` path segments, the scheme is
/// `https`, the host is `s3.amazonaws.com` (both case-insensitive), the path starts with
/// `/echo.api/` and the port, if any, is 443. A URL that breaks a rule is rejected before anything
/// is downloaded.
package struct AlexaCertificateURLPolicy: Sendable, Hashable {
    /// The only host certificates are downloaded from (lowercase).
    package let host: String

    /// Amazon's rules.
    package static let amazon = AlexaCertificateURLPolicy(host: "s3.amazonaws.com")

    /// A policy with another host, for tests that serve their own chain.
    package init(host: String) { self.host = host.lowercased() }

    /// The normalized URL to download, or the rule it breaks.
    package func validate(_ text: String) -> Result<URL, AlexaVerificationFailure> {
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
            let scheme = components.scheme
        else { return .failure(.invalidCertificateURL("not a URL")) }
        guard scheme.lowercased() == "https" else { return .failure(.invalidCertificateURL("scheme must be https")) }
        guard let host = components.host, host.lowercased() == self.host else {
            return .failure(.invalidCertificateURL("host must be \(self.host)"))
        }
        guard components.user == nil, components.password == nil else {
            return .failure(.invalidCertificateURL("user information is not allowed"))
        }
        if let port = components.port, port != 443 {
            return .failure(.invalidCertificateURL("port must be 443"))
        }
        // `path` is percent-decoded, so `%2e%2e` counts as `..` too.
        let path = Self.removingDotSegments(components.path)
        guard path.hasPrefix("/echo.api/") else {
            return .failure(.invalidCertificateURL("path must start with /echo.api/"))
        }
        var normalized = URLComponents()
        normalized.scheme = "https"
        normalized.host = self.host
        normalized.path = path
        normalized.percentEncodedQuery = components.percentEncodedQuery
        guard let url = normalized.url else { return .failure(.invalidCertificateURL("not a URL")) }
        return .success(url)
    }

    /// RFC 3986 §5.2.4 `remove_dot_segments` for an absolute path.
    package static func removingDotSegments(_ path: String) -> String {
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".":
                if isLast { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/")
    }
}
