package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.behavior.Scratch.ScratchKey;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/**
 * A client mapped to a key ({@code virtual_key_claim_field: azp} in the harness, unmapped clients fall
 * back to their user) signs in as that key, over HTTP: mapping, remapping and unmapping take effect on
 * the very next request, through the cache's invalidation channel.
 */
@BehaviorTest
class JwtKeyMappingSignInTest {

    private static Credential token(String client) {
        IssuerKeys keys = Keygate.identityProvider().keys(TestIssuer.A);
        JwtClaims claims = keys.claims();
        claims.setSubject("w_internal_user");
        claims.setClaim("azp", client);
        return new Credential("client " + client, Map.of("Authorization", "Bearer " + keys.sign(claims)));
    }

    @Test
    void aMappedClientSignsInAsItsKeyAndAChangedMappingTakesEffectAtOnce(Scratch scratch) {
        ScratchKey first = scratch.insertKey(PROXY_ADMIN.keyShape());
        ScratchKey second = scratch.insertKey(PROXY_ADMIN.keyShape());
        String client = scratch.name("client");
        Credential signedIn = token(client);

        Response unmapped = Keygate.api().verify(signedIn).assertStatus(200);
        assertThat(unmapped.body().path("user").path("user_id").asText()).as("%s", unmapped).isEqualTo("w_internal_user");
        assertThat(unmapped.body().path("key").isNull()).as("%s", unmapped).isTrue();

        Response created = Keygate.api().post("/jwt/key/mapping/new", Map.of("jwt_claim_name", "azp",
                "jwt_claim_value", client, "key", first.cleartext()), PROXY_ADMIN.credential()).assertStatus(200);
        String id = created.body().path("id").asText();
        assertThat(keyOf(Keygate.api().verify(signedIn))).as("signed in as the mapped key").isEqualTo(first.token());
        assertThat(Keygate.api().ownKeyInfo(signedIn).assertStatus(200).body().path("key").asText())
                .isEqualTo(first.token());

        Keygate.api().post("/jwt/key/mapping/update", Map.of("id", id, "key", second.token()), PROXY_ADMIN.credential())
                .assertStatus(200);
        assertThat(keyOf(Keygate.api().verify(signedIn))).as("remapped").isEqualTo(second.token());

        Keygate.api().post("/jwt/key/mapping/update", Map.of("id", id, "is_active", false), PROXY_ADMIN.credential())
                .assertStatus(200);
        assertThat(Keygate.api().verify(signedIn).assertStatus(200).body().path("key").isNull())
                .as("an inactive mapping: back to the user").isTrue();

        Keygate.api().post("/jwt/key/mapping/update", Map.of("id", id, "is_active", true), PROXY_ADMIN.credential())
                .assertStatus(200);
        Keygate.db().update("UPDATE keys SET blocked = true WHERE token = ?", second.token());
        Keygate.api().verify(signedIn).assertError(401);

        Keygate.api().post("/jwt/key/mapping/delete", Map.of("id", id), PROXY_ADMIN.credential()).assertStatus(200);
        assertThat(Keygate.api().verify(signedIn).assertStatus(200).body().path("user").path("user_id").asText())
                .as("unmapped again").isEqualTo("w_internal_user");
    }

    private static String keyOf(Response verified) {
        verified.assertStatus(200);
        assertThat(verified.body().path("valid").asBoolean()).as("%s", verified).isTrue();
        return verified.body().path("key").path("token").asText();
    }
}
