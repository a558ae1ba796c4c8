import Instrumentation
import Synchronization
import Tracing

/// The tracer PPT's own instrumentation (database and outbound HTTP spans) uses: the one bound to
/// the current task, else the process-global `InstrumentationSystem.tracer`.
///
/// `RequestInstrumentationMiddleware` binds its tracer for the request it handles (unless it is the
/// global one), so a tracer passed explicitly to
/// the middleware (tests, where the process-global system must stay un-bootstrapped) also reaches
/// the database and HTTP-client spans made while handling the request.
package enum ActiveTracer {
    /// The tracer bound to the current task, if any.
    @TaskLocal package static var bound: (any Tracer)?

    /// The tracer to start spans with.
    package static var current: any Tracer { bound ?? processTracer.withLock { $0 } ?? InstrumentationSystem.tracer }

    /// The tracer `InstrumentationSystem` was bootstrapped with, kept here because reading it back from
    /// `InstrumentationSystem` (a reader lock and a search of its instruments) on every database
    /// session costs more than the spans themselves.
    private static let processTracer = Mutex<(any Tracer)?>(nil)

    /// The tracer of `bootstrapProcess`, `nil` before (and in tests, which never bootstrap).
    package static var processTracerIfBootstrapped: (any Tracer)? { processTracer.withLock { $0 } }

    /// Bootstraps `InstrumentationSystem` with `tracer` and remembers it (call once, in `ppt` main).
    package static func bootstrapProcess(_ tracer: any Tracer) {
        InstrumentationSystem.bootstrap(tracer)
        processTracer.withLock { $0 = tracer }
    }

    /// Runs `body` with `tracer` bound.
    package static func withTracer<T>(
        _ tracer: any Tracer, _ body: () async throws -> T,
        isolation: isolated (any Actor)? = #isolation
    ) async rethrows -> T {
        try await $bound.withValue(tracer, operation: body, isolation: isolation)
    }
}
