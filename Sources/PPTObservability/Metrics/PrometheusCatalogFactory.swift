import Metrics
import Prometheus

/// A swift-metrics factory over a `PrometheusCollectorRegistry` that gives every family its `# HELP`
/// text and its buckets from `PPTMetricCatalog` (families it does not know get a generic help text),
/// using the registry's descriptor APIs.
///
/// `PrometheusMetricsFactory` registers every family with an empty help text, which
/// `promtool check metrics` rejects, and the registry refuses two help texts for one name; so every
/// swift-metrics handler of the process must come from this one factory
/// (`MetricsSystem.bootstrap(exporter.factory)` in `ppt` main).
package struct PrometheusCatalogFactory: MetricsFactory {
    /// The registry the handlers are registered in.
    package let registry: PrometheusCollectorRegistry

    /// A factory registering into `registry`.
    package init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    private func descriptor(_ label: String) -> MetricNameDescriptor {
        let help = PPTMetricCatalog.byName[label]?.help ?? "Metric \(label) reported through swift-metrics."
        // An empty unit name is dropped from the joined name, so the exposed name is exactly `label`.
        return MetricNameDescriptor(metricName: label, unitName: "", helpText: help)
    }

    private func valueBuckets(_ label: String) -> [Double] {
        let buckets = PPTMetricCatalog.byName[label]?.buckets ?? []
        return buckets.isEmpty ? PPTMetricCatalog.latencyBuckets : buckets
    }

    private func durationBuckets(_ label: String) -> [Duration] {
        valueBuckets(label).map { .nanoseconds(Int64(($0 * 1e9).rounded())) }
    }

    package func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        registry.makeCounter(descriptor: descriptor(label), labels: dimensions)
    }

    package func makeFloatingPointCounter(label: String, dimensions: [(String, String)])
        -> any FloatingPointCounterHandler
    {
        registry.makeCounter(descriptor: descriptor(label), labels: dimensions)
    }

    package func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        guard aggregate else { return registry.makeGauge(descriptor: descriptor(label), labels: dimensions) }
        return registry.makeValueHistogram(descriptor: descriptor(label), labels: dimensions,
                                           buckets: valueBuckets(label))
    }

    package func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        registry.makeGauge(descriptor: descriptor(label), labels: dimensions)
    }

    package func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        registry.makeDurationHistogram(descriptor: descriptor(label), labels: dimensions,
                                       buckets: durationBuckets(label))
    }

    package func destroyCounter(_ handler: any CounterHandler) {
        if let counter = handler as? Prometheus.Counter { registry.unregisterCounter(counter) }
    }

    package func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {
        if let counter = handler as? Prometheus.Counter { registry.unregisterCounter(counter) }
    }

    package func destroyRecorder(_ handler: any RecorderHandler) {
        if let gauge = handler as? Prometheus.Gauge { registry.unregisterGauge(gauge) }
        if let histogram = handler as? ValueHistogram { registry.unregisterValueHistogram(histogram) }
    }

    package func destroyMeter(_ handler: any MeterHandler) {
        if let gauge = handler as? Prometheus.Gauge { registry.unregisterGauge(gauge) }
    }

    package func destroyTimer(_ handler: any TimerHandler) {
        if let histogram = handler as? DurationHistogram { registry.unregisterDurationHistogram(histogram) }
    }
}
