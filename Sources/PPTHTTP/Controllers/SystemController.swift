import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PPTObservability

/// Health probes (`/health/live`, `/health/ready`, `/health/startup`) and the OpenAPI documents.
package struct SystemController: Sendable {
    private let health: HealthRegistry

    package init(health: HealthRegistry) { self.health = health }

    struct HealthResponse: Encodable, Sendable {
        let status: String
        let checks: [HealthRegistry.CheckResult]
    }

    /// Registers the health routes on the root router.
    package func addRoutes(to router: Router<AppRequestContext>) {
        router.get("health/live") { _, _ in JSONResponse(HealthResponse(status: "ok", checks: [])) }
        router.get("health/startup") { _, _ in
            let started = await health.isStarted
            return JSONResponse(HealthResponse(status: started ? "ok" : "starting", checks: []),
                                status: started ? .ok : .serviceUnavailable)
        }
        router.get("health/ready") { _, _ in
            let checks = await health.readiness()
            let healthy = await health.isStarted && checks.allSatisfy(\.healthy)
            return JSONResponse(HealthResponse(status: healthy ? "ok" : "unavailable", checks: checks),
                                status: healthy ? .ok : .serviceUnavailable)
        }
    }

    /// Serves a bundled OpenAPI document at `path`.
    package static func addOpenAPI(to router: Router<AppRequestContext>, path: RouterPath, resource: String) {
        router.get(path) { _, _ in
            guard let url = Bundle.module.url(forResource: resource, withExtension: "json"),
                let data = try? Data(contentsOf: url)
            else { throw APIError(status: .notFound, code: "route.not_found", detail: "No OpenAPI document.") }
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }
}
