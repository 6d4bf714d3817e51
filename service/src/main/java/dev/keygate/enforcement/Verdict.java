package dev.keygate.enforcement;

import dev.keygate.auth.KeyStatus;

/** The answer to "may this call proceed now": the key's own status, or why the call is refused. */
public enum Verdict {
    VALID,
    NOT_FOUND,
    EXPIRED,
    BLOCKED,
    TEAM_BLOCKED,
    ROUTE_NOT_ALLOWED,
    MODEL_NOT_ALLOWED,
    BUDGET_EXCEEDED,
    RATE_LIMITED;

    public static Verdict of(KeyStatus status) {
        return valueOf(status.name());
    }

    public boolean allows() {
        return this == VALID;
    }
}
