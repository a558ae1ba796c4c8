import Foundation

/// Why an Alexa request failed verification. Each reason has a stable `code` for logs and the
/// problem+json answer (HTTP 400); none carries header values, tokens or certificate contents.
package enum AlexaVerificationFailure: Error, Sendable, Hashable {
    /// `SignatureCertChainUrl` is absent.
    case missingCertificateURL
    /// Neither `Signature-256` nor `Signature` is present.
    case missingSignature
    /// The certificate URL breaks a rule (scheme, host, path or port); the rule is named.
    case invalidCertificateURL(String)
    /// The certificate chain could not be downloaded.
    case certificateUnavailable
    /// The download is not a PEM certificate chain.
    case certificateMalformed
    /// The signing certificate is not yet or no longer valid.
    case certificateExpired
    /// The signing certificate does not name `echo-api.amazon.com`.
    case certificateSubjectMismatch
    /// The chain does not lead to a trusted root.
    case certificateUntrusted
    /// The signature header is not base64 or the key is not RSA.
    case signatureMalformed
    /// The signature does not match the body.
    case signatureMismatch
    /// The body is not an Alexa request.
    case bodyMalformed
    /// `request.timestamp` is missing, unreadable or too far from now.
    case timestampOutOfRange
    /// The application id is not one of the configured skills.
    case unknownApplication

    /// Stable machine-readable code, e.g. `alexa.signature_mismatch`.
    package var code: String {
        switch self {
        case .missingCertificateURL: "alexa.missing_certificate_url"
        case .missingSignature: "alexa.missing_signature"
        case .invalidCertificateURL: "alexa.invalid_certificate_url"
        case .certificateUnavailable: "alexa.certificate_unavailable"
        case .certificateMalformed: "alexa.certificate_malformed"
        case .certificateExpired: "alexa.certificate_expired"
        case .certificateSubjectMismatch: "alexa.certificate_subject_mismatch"
        case .certificateUntrusted: "alexa.certificate_untrusted"
        case .signatureMalformed: "alexa.signature_malformed"
        case .signatureMismatch: "alexa.signature_mismatch"
        case .bodyMalformed: "alexa.body_malformed"
        case .timestampOutOfRange: "alexa.timestamp_out_of_range"
        case .unknownApplication: "alexa.unknown_application"
        }
    }

    /// A safe explanation for the caller.
    package var detail: String {
        switch self {
        case .missingCertificateURL: "The SignatureCertChainUrl header is missing."
        case .missingSignature: "The Signature-256 header is missing."
        case .invalidCertificateURL(let rule): "The SignatureCertChainUrl is not allowed: \(rule)."
        case .certificateUnavailable: "The signing certificate chain could not be downloaded."
        case .certificateMalformed: "The signing certificate chain is not a PEM certificate chain."
        case .certificateExpired: "The signing certificate is not valid at this time."
        case .certificateSubjectMismatch: "The signing certificate is not issued to echo-api.amazon.com."
        case .certificateUntrusted: "The signing certificate does not chain to a trusted root."
        case .signatureMalformed: "The request signature is malformed."
        case .signatureMismatch: "The request signature does not match the body."
        case .bodyMalformed: "The body is not an Alexa request."
        case .timestampOutOfRange: "The request timestamp is missing or too far from the current time."
        case .unknownApplication: "The request is not for this skill."
        }
    }
}
