package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * How Keygate gets an issuer's signing keys, seen from the identity provider's side: a rotated key is
 * fetched once and trusted, a retired one is not; key ids nobody publishes cost at most one fetch per
 * {@code unknown_kid_refresh_interval} (10 s in behavior-config.yml); a provider that goes down
 * leaves the keys held in force and nothing new trusted. Each story has its own issuer, since an
 * issuer's refetches are rate-limited across tests.
 */
@BehaviorTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JwtKeyFetchTest {

    private static final Duration UNKNOWN_KID_REFRESH_INTERVAL = Duration.ofSeconds(10);
    private static final String PROBE = "/user/available_roles";

    // First: a rotation needs the issuer's unknown-kid refetch, which the next test uses up.
    @Test
    @Order(1)
    void aRotatedKeyIsFetchedOnceAndTheRetiredOneStopsWorking() {
        IssuerKeys keys = Keygate.identityProvider().keys(TestIssuer.ROTATING);
        PublicJsonWebKey old = keys.signingKey();
        int before = requestsOnceKeysAreHeld(keys);

        PublicJsonWebKey next = keys.newKey();
        keys.publishAndSignWith(next);
        keys.retire(old);

        probe(keys.sign(claims(keys))).assertStatus(200);
        assertThat(fetches(TestIssuer.ROTATING)).as("key set fetches for the new key's first token").isEqualTo(before + 1);
        probe(keys.sign(claims(keys))).assertStatus(200);
        assertThat(fetches(TestIssuer.ROTATING)).as("key set fetches after another token of the new key")
                .isEqualTo(before + 1);
        // Gone from the key set Keygate now holds, and from any it fetches again.
        probe(keys.sign(claims(keys), old)).assertError(401);
    }

    @Test
    @Order(2)
    void unknownKeyIdsFetchAtMostOncePerInterval() {
        IssuerKeys keys = Keygate.identityProvider().keys(TestIssuer.ROTATING);
        PublicJsonWebKey unpublished = keys.newKey();
        int before = requestsOnceKeysAreHeld(keys);
        long start = System.nanoTime();

        for (int i = 0; i < 25; i++) {
            probe(IssuerKeys.compact(IssuerKeys.signature(claims(keys), unpublished, "made-up-kid-" + i))).assertError(401);
        }

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long allowed = 1 + elapsed.toMillis() / UNKNOWN_KID_REFRESH_INTERVAL.toMillis();
        assertThat(fetches(TestIssuer.ROTATING) - before)
                .as("key set fetches for 25 unknown key ids in %s", elapsed).isLessThanOrEqualTo((int) allowed);
    }

    @Test
    void aProviderThatGoesDownLeavesHeldKeysInForceAndTrustsNothingNew() {
        IssuerKeys keys = Keygate.identityProvider().keys(TestIssuer.FLAKY);
        int before = requestsOnceKeysAreHeld(keys);
        keys.setDown(true);
        try {
            probe(keys.sign(claims(keys))).assertStatus(200);

            keys.publishAndSignWith(keys.newKey());
            probe(keys.sign(claims(keys))).assertError(401);
            assertThat(fetches(TestIssuer.FLAKY)).as("key set requests (answered 503) for the new key's token")
                    .isEqualTo(before + 1);
        } finally {
            keys.setDown(false);
        }
    }

    /** A token of the current key verifies (its first fetches them); the key set requests so far. */
    private static int requestsOnceKeysAreHeld(IssuerKeys keys) {
        probe(keys.sign(claims(keys))).assertStatus(200);
        return fetches(keys.issuer());
    }

    /** A fresh token (new jti) of a stored user: verified, not answered from the caller cache. */
    private static JwtClaims claims(IssuerKeys keys) {
        JwtClaims claims = keys.claims();
        claims.setSubject(World.BYSTANDER);
        return claims;
    }

    private static Response probe(String token) {
        return Keygate.api().get(PROBE, Credential.bearer(token));
    }

    private static int fetches(TestIssuer issuer) {
        return Keygate.identityProvider().jwksRequests(issuer);
    }
}
