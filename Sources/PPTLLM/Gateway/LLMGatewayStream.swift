import PPTDomain
import Synchronization

/// A gateway answer in progress: the provider has produced its first output (or finished), so
/// retries and fallbacks are over. Iterate it once; errors after this point are
/// `DomainError.llmStreamInterrupted` (never retried: output already reached the caller).
/// Stopping early (cancellation or dropping the stream) cancels the upstream request and records
/// the call as cancelled.
package struct LLMGatewayStream: AsyncSequence, Sendable {
    package typealias Element = LLMChatEvent
    /// Who is answering.
    package let servedBy: LLMServedBy
    private let start: StartBox

    init(servedBy: LLMServedBy, buffered: [LLMChatEvent], upstream: LLMEventStream.Iterator?, recorder: LLMCallRecorder) {
        self.servedBy = servedBy
        start = StartBox(Iterator(buffered: buffered, upstream: upstream, recorder: recorder))
    }

    /// The iterator; a second call yields an empty sequence.
    package func makeAsyncIterator() -> Iterator { start.take() }

    /// Yields the events buffered before the first output, then the provider's.
    package struct Iterator: AsyncIteratorProtocol {
        private var buffered: [LLMChatEvent]
        private var index = 0
        private var upstream: LLMEventStream.Iterator?
        private let recorder: LLMCallRecorder?
        private var endedCleanly = false
        /// When set, a clean end is recorded by `recordEnd()` rather than before the last `nil`, so
        /// a relay can send its final bytes first.
        package var defersRecording = false

        init(buffered: [LLMChatEvent], upstream: LLMEventStream.Iterator?, recorder: LLMCallRecorder?) {
            self.buffered = buffered
            self.upstream = upstream
            self.recorder = recorder
        }

        package mutating func next() async throws -> LLMChatEvent? {
            if index < buffered.count {
                defer { index += 1 }
                return buffered[index]
            }
            return try await pull { source in try await source.next().map { [$0] } }?.first
        }

        /// At least one event and every further one that arrived with it; `nil` at the end.
        package mutating func nextBatch() async throws -> [LLMChatEvent]? {
            if index < buffered.count {
                defer { index = buffered.count }
                return Array(buffered[index...])
            }
            return try await pull { source in try await source.nextBatch() }
        }

        /// Records a clean end that `defersRecording` held back (does nothing otherwise).
        package mutating func recordEnd() async {
            guard endedCleanly, let recorder else { return }
            endedCleanly = false
            await recorder.finish(.ok, error: nil)
        }

        private mutating func pull(
            _ read: (inout LLMEventStream.Iterator) async throws -> [LLMChatEvent]?
        ) async throws -> [LLMChatEvent]? {
            guard let recorder else { return nil }
            do {
                if var source = upstream {
                    let events = try await read(&source)
                    upstream = source
                    if let events {
                        for event in events { recorder.observe(event) }
                        return events
                    }
                    upstream = nil
                }
                endedCleanly = true
                if !defersRecording { await recordEnd() }
                return nil
            } catch is CancellationError {
                upstream = nil
                await recorder.finish(.cancelled, error: nil)
                throw CancellationError()
            } catch let error as LLMProviderError {
                upstream = nil
                await recorder.finish(.error, error: error)
                throw DomainError.llmStreamInterrupted(error)
            } catch {
                upstream = nil
                await recorder.finish(.error, error: error)
                throw error
            }
        }
    }

    /// Hands the iterator out once.
    final class StartBox: @unchecked Sendable {
        // SAFETY: `iterator` is only read or written inside `lock`, and `take` hands it to exactly
        // one caller; after that the iterating task owns it alone.
        private var iterator: Iterator?
        private let lock = Mutex(())

        init(_ iterator: Iterator) { self.iterator = iterator }

        func take() -> Iterator {
            lock.withLock { _ in
                defer { iterator = nil }
                return iterator ?? Iterator(buffered: [], upstream: nil, recorder: nil)
            }
        }
    }
}
