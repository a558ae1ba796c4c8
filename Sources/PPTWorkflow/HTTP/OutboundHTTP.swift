import Foundation
import NIOHTTP1

/// A request a workflow sends through `GuardedHTTPClient`.
package struct OutboundHTTPRequest: Sendable {
    /// The method, upper case (`GET`, `POST`, …).
    package var method: String
    /// The first URL (redirects are followed from it).
    package var url: OutboundURL
    /// Headers as given; `Host`, `Content-Length` and framing headers are set by the client.
    package var headers: HTTPHeaders
    /// The body, or nil for none.
    package var body: Data?
    /// When set, each request (also after a redirect) carries `X-PPT-Signature` made with it.
    package var signingSecret: String?

    /// A request; `headers` and `body` as given, signed when `signingSecret` is set.
    package init(method: String, url: OutboundURL, headers: HTTPHeaders = [:], body: Data? = nil,
                 signingSecret: String? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.signingSecret = signingSecret
    }
}

/// The final response after redirects.
package struct OutboundHTTPResponse: Sendable {
    /// The status code.
    package let status: Int
    /// The headers as received.
    package let headers: HTTPHeaders
    /// The body (at most the client's limit).
    package let body: Data
    /// The URL that answered (after redirects).
    package let url: OutboundURL
    /// How many redirects were followed.
    package let redirects: Int

    /// A response as received.
    package init(status: Int, headers: HTTPHeaders, body: Data, url: OutboundURL, redirects: Int) {
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url
        self.redirects = redirects
    }
}

extension OutboundHTTPRequest {
    /// The request to send for a redirect with `status` to `location`, or nil when `status` is no
    /// redirect. 303 (and 301/302 after a POST) become a body-less GET, as browsers do; 307/308 keep
    /// method and body. Credentials (`Authorization`, `Cookie`, `Proxy-Authorization`) are dropped
    /// when the redirect leaves the origin.
    func redirected(status: Int, to location: OutboundURL) -> OutboundHTTPRequest? {
        guard [301, 302, 303, 307, 308].contains(status) else { return nil }
        var next = self
        next.url = location
        if status == 303 && method != "HEAD" || (status == 301 || status == 302) && method == "POST" {
            next.method = "GET"
            next.body = nil
            next.headers.remove(name: "Content-Type")
        }
        if location.origin != url.origin {
            for name in ["Authorization", "Cookie", "Proxy-Authorization"] { next.headers.remove(name: name) }
        }
        return next
    }
}
