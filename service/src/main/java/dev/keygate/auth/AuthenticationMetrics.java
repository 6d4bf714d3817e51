package dev.keygate.auth;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Authentications by credential type and outcome ({@code keygate_authentications_total}). Counted on
 * every request, so a count is one {@link LongAdder} increment: no lock, no allocation, no label lookup.
 */
public final class AuthenticationMetrics {

    /** Every outcome the authentication code tells apart, with the credential type it belongs to. */
    public enum Outcome {
        MASTER_KEY_VALID("master_key", "valid"),
        KEY_VALID("virtual_key", "valid"),
        /** Shaped like a key ({@code sk-…}), but names no key (never issued, deleted, past its grace period). */
        KEY_UNKNOWN("virtual_key", "unknown"),
        KEY_EXPIRED("virtual_key", "expired"),
        KEY_BLOCKED("virtual_key", "blocked"),
        KEY_TEAM_BLOCKED("virtual_key", "team_blocked"),
        /** Neither a key nor a token sign-in accepts (no {@code sk-} prefix, a bad Authorization header). */
        NOT_A_CREDENTIAL("unrecognized", "malformed"),
        JWT_VALID("jwt", "valid"),
        /** 401: the token does not verify (signature, issuer, audience, expiry, …). */
        JWT_INVALID("jwt", "invalid"),
        /** 403: the token is genuine, its holder is not let in (no role, email domain, team, …). */
        JWT_REFUSED("jwt", "refused"),
        /** No credential header at all. */
        MISSING("none", "missing");

        private final String credentialType;
        private final String outcome;

        Outcome(String credentialType, String outcome) {
            this.credentialType = credentialType;
            this.outcome = outcome;
        }

        static Outcome of(KeyStatus status) {
            return switch (status) {
                case VALID -> KEY_VALID;
                case NOT_FOUND -> KEY_UNKNOWN;
                case EXPIRED -> KEY_EXPIRED;
                case BLOCKED -> KEY_BLOCKED;
                case TEAM_BLOCKED -> KEY_TEAM_BLOCKED;
            };
        }
    }

    private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);

    public AuthenticationMetrics() {
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new LongAdder());
        }
    }

    void count(Outcome outcome) {
        counts.get(outcome).increment();
    }

    /** Exports the counts, every outcome from zero on, so that a rate is defined from the first scrape. */
    public void register(PrometheusRegistry registry) {
        CounterWithCallback.builder()
                .name("keygate_authentications_total")
                .help("Credentials presented, by credential type and outcome")
                .labelNames("credential_type", "outcome")
                .callback(callback -> counts.forEach((outcome, count) ->
                        callback.call(count.sum(), outcome.credentialType, outcome.outcome)))
                .register(registry);
    }
}
