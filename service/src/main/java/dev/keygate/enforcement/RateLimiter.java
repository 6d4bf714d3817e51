package dev.keygate.enforcement;

import java.util.List;

/**
 * Counts calls against {@link RateLimit}s: in this process ({@link LocalRateLimiter}), or in Redis
 * when several instances must share one limit. Semantics, the same everywhere: a sliding window
 * (the exact count of the trailing 60 seconds, not fixed minutes), so a limit of n admits n calls
 * in any minute and the (n+1)th is refused until the oldest leaves the window.
 */
public interface RateLimiter {

    /**
     * Admits one call against every limit, or against none: a request counted for rpm, a parallel
     * slot taken; tpm admits while the tokens recorded in the window plus {@code estimatedTokens}
     * stay within the limit (tokens count when the call is recorded, {@link #finished}).
     */
    Admission admit(List<RateLimit> limits, long estimatedTokens, long nowMillis);

    /** Where each limit stands, taking nothing. */
    Admission peek(List<RateLimit> limits, long estimatedTokens, long nowMillis);

    /** A call finished: its tokens count against the tpm limits, and its parallel slot is given back. */
    void finished(List<RateLimit> limits, long tokens, long nowMillis);

    /** Where a call stands against each limit: admitted or not, what remains, and when to retry. */
    record Admission(boolean admitted, List<Standing> standings, RateLimit exceeded, long retryAfterMillis) {}

    /** One limit: what remains of it after this call. */
    record Standing(RateLimit limit, long remaining) {}
}
