/// The running build, for error reports, telemetry resources and the `User-Agent` of outbound calls.
package enum BuildInfo {
    /// PPT's version.
    package static let version = "0.1.0"
}
