import Metrics
import Prometheus

/// Holds the Prometheus registry of the process and renders it for `GET /metrics`
/// (text exposition format 0.0.4).
///
/// `ppt` main makes one, bootstraps `MetricsSystem` with its `factory` and hands it to the
/// routers; tests make their own and pass `factory` to `PPTMetrics` without any global bootstrap.
package struct MetricsExporter: Sendable {
    /// The `Content-Type` of the exposition.
    package static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The registry every handler is registered in.
    package let registry: PrometheusCollectorRegistry

    /// An exporter over a fresh registry, or `registry`.
    package init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// The swift-metrics factory that registers into this exporter's registry with PPT's help texts and buckets.
    package var factory: any MetricsFactory { PrometheusCatalogFactory(registry: registry) }

    /// The exposition text of every registered family.
    package func render() -> String {
        registry.emitToString()
    }

    /// The exposition as bytes (for the HTTP response body).
    package func renderBytes() -> [UInt8] {
        registry.emitToBuffer()
    }
}
