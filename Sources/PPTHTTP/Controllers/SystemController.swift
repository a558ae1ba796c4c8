import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PPTObservability

/// System routes: the health probes (through `HealthController`), `/metrics` and the OpenAPI documents.
package struct SystemController: Sendable {
    private let health: HealthRegistry

    package init(health: HealthRegistry) { self.health = health }

    /// Registers the health probes on the root router.
    package func addRoutes(to router: Router<AppRequestContext>) {
        HealthController(health: health).addRoutes(to: router)
    }

    /// Serves `GET /metrics`: the Prometheus text exposition (format 0.0.4) of `exporter`'s registry.
    package static func addMetrics(to router: Router<AppRequestContext>, exporter: MetricsExporter) {
        router.get("metrics") { _, _ in
            Response(status: .ok,
                     headers: [.contentType: MetricsExporter.contentType, .cacheControl: "no-store"],
                     body: .init(byteBuffer: ByteBuffer(bytes: exporter.renderBytes())))
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
