import Instrumentation
import Tracing

/// The tracer PPT's own instrumentation (database and outbound HTTP spans) uses: the one bound to
/// the current task, else the process-global `InstrumentationSystem.tracer`.
///
/// `TracingMiddleware` binds its tracer for the request it handles, so a tracer passed explicitly to
/// the middleware (tests, where the process-global system must stay un-bootstrapped) also reaches
/// the database and HTTP-client spans made while handling the request.
package enum ActiveTracer {
    /// The tracer bound to the current task, if any.
    @TaskLocal package static var bound: (any Tracer)?

    /// The tracer to start spans with.
    package static var current: any Tracer { bound ?? InstrumentationSystem.tracer }

    /// Runs `body` with `tracer` bound.
    package static func withTracer<T>(
        _ tracer: any Tracer, _ body: () async throws -> T,
        isolation: isolated (any Actor)? = #isolation
    ) async rethrows -> T {
        try await $bound.withValue(tracer, operation: body, isolation: isolation)
    }
}
