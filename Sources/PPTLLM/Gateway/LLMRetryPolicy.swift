/// When and how long to wait before retrying a provider call, as the official OpenAI and
/// Anthropic SDKs do (protocols.md §A, §G): up to `maxRetries` retries of retryable failures;
/// the provider's `retry-after-ms`/`retry-after` when 0 < delay ≤ 120 s (a longer one means no
/// retry); otherwise `min(0.5 · 2ⁿ, 8)` s reduced by up to 25 % jitter.
package struct LLMRetryPolicy: Sendable {
    /// Retries after the first attempt.
    package var maxRetries: Int
    /// The longest provider-requested delay that is honoured.
    package var maxRetryAfter: Duration
    /// First backoff delay.
    package var initialBackoff: Duration
    /// Longest backoff delay.
    package var maxBackoff: Duration
    /// A number in [0, 1) for jitter.
    package var random: @Sendable () -> Double

    package init(maxRetries: Int = 2, maxRetryAfter: Duration = .seconds(120), initialBackoff: Duration = .milliseconds(500),
                 maxBackoff: Duration = .seconds(8), random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.maxRetries = maxRetries
        self.maxRetryAfter = maxRetryAfter
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.random = random
    }

    /// The delay before retry number `retry` (0 for the first retry) after `error`, or `nil` when
    /// the call must not be retried.
    package func delay(after error: LLMProviderError, retry: Int) -> Duration? {
        guard retry < maxRetries, error.isRetryable else { return nil }
        if let requested = error.retryAfter, requested > .zero {
            return requested <= maxRetryAfter ? requested : nil
        }
        var backoff = initialBackoff
        for _ in 0..<retry { backoff = min(backoff * 2, maxBackoff) }
        return backoff * (1 - 0.25 * random())
    }
}
