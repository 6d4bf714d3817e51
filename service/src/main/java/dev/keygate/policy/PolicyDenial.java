package dev.keygate.policy;

import dev.keygate.web.ApiException;

/**
 * 403 from the {@link Policy}: the caller is authenticated, and the policy does not let them do this.
 * A type of its own so that the request metrics count the policy's denials apart from other 403s
 * (a sign-in token whose holder is not let in, a gateway's check refused by the enforcement).
 */
public final class PolicyDenial extends ApiException {

    PolicyDenial(String message) {
        super(403, "permission_denied", message, null);
    }
}
