package dev.keygate.enforcement;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the enforcement made of one call: the verdict and why, the key's spend now, every budget
 * and rate limit that applies with what remains of it, and (when rate-limited) when to retry.
 */
public record Decision(
        Verdict verdict,
        String message,
        BigDecimal keySpend,
        List<Budget> budgets,
        boolean softBudgetReached,
        List<RateLimiter.Standing> rateLimits,
        long retryAfterMillis) {

    public boolean allows() {
        return verdict.allows();
    }

    /** Whole seconds to wait, rounded up, as a {@code retry-after} header wants them. */
    public long retryAfterSeconds() {
        return (retryAfterMillis + 999) / 1000;
    }
}
