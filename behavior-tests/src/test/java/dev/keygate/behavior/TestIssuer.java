package dev.keygate.behavior;

import java.util.Locale;

/**
 * The identity providers Keygate trusts in the harness, in the order behavior-config.yml lists them
 * under {@code jwt.issuers}. A and B sign the matrices' tokens and take the attacks; the others each
 * serve one key-fetching story, so that a refetch one test provokes (each issuer's refetches are
 * rate-limited) cannot change what another observes.
 */
enum TestIssuer {
    /** RSA keys at a {@code jwks_url}. */
    A(false, false),
    /** EC P-256 keys found through OIDC discovery; its user id is the {@code oid} claim (Entra ID's layout). */
    B(true, true),
    /** RSA, for key rotation and the refetch rate limit. */
    ROTATING(false, false),
    /** EC, for a provider that goes down after Keygate fetched its keys. */
    FLAKY(true, false),
    /** RSA, down from the start: Keygate never holds a key of it. */
    NEVER_UP(false, false);

    static final String AUDIENCE = "keygate";

    private final boolean elliptic;
    private final boolean discovery;

    TestIssuer(boolean elliptic, boolean discovery) {
        this.elliptic = elliptic;
        this.discovery = discovery;
    }

    /** The {@code iss} its tokens carry, as configured. */
    String id() {
        return "https://idp-" + pathName() + ".keygate.test";
    }

    String pathName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    boolean elliptic() {
        return elliptic;
    }

    boolean discovery() {
        return discovery;
    }

    /** The claim naming the user (behavior-config.yml: {@code oid} for B, {@code sub} for the others). */
    String userIdClaim() {
        return this == B ? "oid" : "sub";
    }
}
