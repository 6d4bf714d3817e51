package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.behavior.Scratch.ScratchKey;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code unregistered_jwt_client_behavior: reject}, over HTTP, on a second instance (the main one
 * falls back): only mapped clients sign in, as their key; any other token is 403 and creates nothing,
 * although the instance would create its user and team ({@code user_id_upsert},
 * {@code team_id_upsert}) for a token it let in. Mappings change on the main instance, and the
 * rejecting one follows on its next request, although it remembers its refusals.
 */
@BehaviorTest
@ExtendWith(KeygatePeerExtension.class)
class JwtRejectUnmappedClientsTest {

    private static KeygatePeer rejecting;

    @BeforeAll
    static void rejectingInstance(@PeerSettings({"jwt.unregistered_jwt_client_behavior=reject", "jwt.team_id_upsert=true"})
                                  KeygatePeer started) {
        rejecting = started;
    }

    @Test
    void anUnmappedClientIs403AndCreatesNothing(Scratch scratch) {
        assertRefusedAndNothingCreated(ClientTokens.of(scratch.name("client"), newcomer(scratch)));
    }

    @Test
    void aTokenWithoutTheClientClaimIs403AndCreatesNothing(Scratch scratch) {
        assertRefusedAndNothingCreated(ClientTokens.of(null, newcomer(scratch)));
    }

    @Test
    void aMappedClientSignsInAsItsKeyAndEveryMappingChangeOnTheMainInstanceAppliesAtOnce(Scratch scratch) {
        String holder = scratch.name("holder");
        scratch.insertUser(holder);
        ScratchKey first = scratch.insertKey(new KeyShape(holder, null, null));
        ScratchKey second = scratch.insertKey(new KeyShape(holder, null, null));
        String client = scratch.name("client");
        Credential signedIn = ClientTokens.of(client, Map.of("sub", holder));
        // Refused, and the refusal remembered: what follows shows each change lifts or restores it.
        rejecting.api().ownKeyInfo(signedIn).assertError(403);

        String id = onMain("/jwt/key/mapping/new", Map.of("jwt_claim_name", "azp", "jwt_claim_value", client,
                "key", first.cleartext())).body().path("id").asText();
        assertThat(keyOnRejecting(signedIn)).as("mapped").isEqualTo(first.token());

        onMain("/jwt/key/mapping/update", Map.of("id", id, "key", second.token()));
        assertThat(keyOnRejecting(signedIn)).as("remapped").isEqualTo(second.token());

        onMain("/jwt/key/mapping/update", Map.of("id", id, "is_active", false));
        rejecting.api().ownKeyInfo(signedIn).assertError(403);

        onMain("/jwt/key/mapping/update", Map.of("id", id, "is_active", true));
        assertThat(keyOnRejecting(signedIn)).as("switched on again").isEqualTo(second.token());

        onMain("/jwt/key/mapping/delete", Map.of("id", id));
        rejecting.api().ownKeyInfo(signedIn).assertError(403);
    }

    /** A user and a team nobody stored yet, in org_a: a token the instance let in would create both. */
    private static Map<String, Object> newcomer(Scratch scratch) {
        String userId = scratch.name("newcomer");
        return Map.of("sub", userId, "email", userId + "@keygate.test", "team_id", scratch.name("team"),
                "org_id", World.ORG_A);
    }

    /** 403 with the envelope, twice (the second from memory), and the database as it was. */
    private static void assertRefusedAndNothingCreated(Credential token) {
        DatabaseFootprint before = DatabaseFootprint.now();
        for (int request = 0; request < 2; request++) {
            Response refused = rejecting.api().ownKeyInfo(token).assertError(403);
            before.assertUnchangedBy(refused);
        }
    }

    /** A mapping write through the main instance, once every instance has applied it. */
    private static Response onMain(String path, Map<String, Object> body) {
        Response written = Keygate.api().post(path, body, PROXY_ADMIN.credential()).assertStatus(200);
        Keygate.awaitCacheSyncs();
        return written;
    }

    /** The key the rejecting instance signs {@code token} in as: its own key info. */
    private static String keyOnRejecting(Credential token) {
        return rejecting.api().ownKeyInfo(token).assertStatus(200).body().path("key").asText();
    }
}
