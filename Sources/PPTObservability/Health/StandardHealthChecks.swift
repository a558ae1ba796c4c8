import Foundation

/// Building blocks for readiness checks that need no storage types; `PPTStorage` composes them
/// with the database (`HealthRegistry.registerStorageChecks`).
package enum StandardHealthChecks {
    /// Passes when `roundTrip` returns; fails with `failure` (never the error's text) when it throws.
    package static func roundTrip(failure: String, _ roundTrip: @escaping @Sendable () async throws -> Void)
        -> HealthCheck
    {
        {
            do {
                try await roundTrip()
                return .pass()
            } catch is CancellationError {
                return .fail("timed out")
            } catch {
                return .fail(failure)
            }
        }
    }

    /// Grades a lag in seconds: pass below `warnAfter`, warn from it, fail from `failAfter`.
    package static func grade(lag seconds: Double, warnAfter: Double, failAfter: Double, subject: String)
        -> HealthCheckOutcome
    {
        let shown = "\(subject) \(Int(seconds.rounded(.down))) s behind"
        if seconds >= failAfter { return .fail(shown) }
        if seconds >= warnAfter { return .warn(shown) }
        return .pass(shown)
    }

    /// A lag check: `lag` reads the age in seconds of the oldest waiting item.
    package static func lag(subject: String, warnAfter: Double, failAfter: Double,
                            _ lag: @escaping @Sendable () async throws -> Double) -> HealthCheck {
        {
            let seconds: Double
            do { seconds = try await lag() } catch is CancellationError {
                return .fail("timed out")
            } catch {
                return .fail("\(subject) lag unavailable")
            }
            return grade(lag: seconds, warnAfter: warnAfter, failAfter: failAfter, subject: subject)
        }
    }

    /// Writes, reads back and deletes a small probe file in `directory` (created when missing).
    package static func directoryWritable(_ directory: String, subject: String = "blob store") -> HealthCheck {
        {
            let root = URL(fileURLWithPath: directory, isDirectory: true)
            let probe = root.appendingPathComponent(".health-probe-\(UUID().uuidString.lowercased())")
            let payload = Data("ppt health probe \(Date().timeIntervalSince1970)".utf8)
            do {
                try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
                try payload.write(to: probe)
            } catch {
                return .fail("\(subject) not writable")
            }
            defer { try? FileManager.default.removeItem(at: probe) }
            guard let read = try? Data(contentsOf: probe), read == payload else {
                return .fail("\(subject) read-back mismatch")
            }
            do { try FileManager.default.removeItem(at: probe) } catch {
                return .warn("\(subject) probe file not deletable")
            }
            return .pass()
        }
    }
}
