package dev.keygate.behavior;

import java.util.Map;
import java.util.function.Consumer;
import org.jose4j.jwt.JwtClaims;

/**
 * Tokens of an identity-provider client, the way the harness tells clients apart
 * ({@code virtual_key_claim_field: azp}, behavior-config.yml). Each is freshly signed by issuer A (a
 * new {@code jti}), so no instance remembers it: it takes the whole sign-in path on first use.
 */
final class ClientTokens {

    private ClientTokens() {}

    /** Valid, with {@code azp} = {@code client} (none when null) and {@code claims}. */
    static Credential of(String client, Map<String, Object> claims) {
        return of(client, claims, valid -> {});
    }

    /** As above, then {@code bend} changes the claims (an expiry in the past, another audience). */
    static Credential of(String client, Map<String, Object> claims, Consumer<JwtClaims> bend) {
        IssuerKeys keys = Keygate.identityProvider().keys(TestIssuer.A);
        JwtClaims token = keys.claims();
        claims.forEach(token::setClaim);
        if (client != null) {
            token.setClaim("azp", client);
        }
        bend.accept(token);
        return new Credential("token of client " + client, Map.of("Authorization", "Bearer " + keys.sign(token)));
    }
}
