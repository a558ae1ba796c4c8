import Foundation

/// Downloads the PEM certificate chain at a `SignatureCertChainUrl` that already passed
/// `AlexaCertificateURLPolicy`. The HTTP layer implements it (PPTVoice does no networking).
package protocol AlexaCertificateFetcher: Sendable {
    /// The PEM text at `url`; throws when it cannot be downloaded.
    func pemChain(at url: URL) async throws -> String
}
