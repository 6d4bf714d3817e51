package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.CROSS_ORG_USER;
import static dev.keygate.behavior.Actor.INTERNAL_USER;
import static dev.keygate.behavior.Actor.ORG_ADMIN;
import static dev.keygate.behavior.Actor.OWNER;
import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static dev.keygate.behavior.Actor.SERVICE_ACCOUNT;
import static dev.keygate.behavior.Actor.TEAM_ADMIN;
import static dev.keygate.behavior.Actor.UNRELATED_SAME_ORG;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keygate.behavior.Matrix.Cell;
import dev.keygate.behavior.Scratch.ScratchKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /key/list?status=deleted}: the keys {@code /key/delete} removed, listed under the rules of
 * {@code /key/list}. Each cell deletes a copy of every world key (same user, team and organization) and
 * must see exactly the copies of the world keys it may list (KeyListVisibilityTest.VISIBLE); a service
 * account sees only the key it uses, which is never deleted, so none.
 */
@BehaviorTest
class KeyListDeletedMatrixTest {

    /** One column: the deleted copies of the world's keys as a whole. */
    enum Target { DELETED }

    static final Matrix<Target> EXPECTED = Matrix.of("GET /key/list?status=deleted", "%s lists %s keys", Target.values())
            .row(PROXY_ADMIN,        200)
            .row(ORG_ADMIN,          200)
            .row(TEAM_ADMIN,         200)
            .row(INTERNAL_USER,      200)
            .row(OWNER,              200)
            .row(UNRELATED_SAME_ORG, 200)
            .row(CROSS_ORG_USER,     200)
            .row(SERVICE_ACCOUNT,    200);

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void listsExactlyTheReadableDeletedKeys(Cell<Target> cell, Scratch scratch) {
        Map<String, String> copies = deletedCopiesOfWorldKeys(scratch);

        Response response = Keygate.api().get("/key/list?status=deleted&size=100", cell.actor().credential());

        response.assertStatus(cell.expected());
        Set<String> listed = new HashSet<>();
        response.body().path("keys").forEach(token -> {
            if (copies.containsKey(token.asText())) {
                listed.add(copies.get(token.asText()));
            }
        });
        Set<String> expected = cell.actor() == SERVICE_ACCOUNT ? Set.of() : KeyListVisibilityTest.VISIBLE.get(cell.actor());
        assertThat(listed).as("deleted copies of world keys listed for %s", cell.actor())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(response.body().path("total_count").asLong()).as("total_count of %s", response)
                .isGreaterThanOrEqualTo(expected.size());
    }

    /** The full objects: the key as it was, who deleted it and when; no cleartext anywhere. */
    @Test
    void fullObjectsSayWhoDeletedAndWhen(Scratch scratch) {
        ScratchKey key = scratch.insertKey(OWNER.keyShape());
        Keygate.api().post("/key/delete", Map.of("keys", List.of(key.cleartext())), TEAM_ADMIN.credential()).assertStatus(200);

        Response response = Keygate.api().get("/key/list?status=deleted&return_full_object=true&key_hash=" + key.token(),
                TEAM_ADMIN.credential());

        response.assertStatus(200);
        assertThat(response.body().path("total_count").asLong()).isOne();
        JsonNode deleted = response.body().path("keys").path(0);
        assertThat(deleted.path("token").asText()).isEqualTo(key.token());
        assertThat(deleted.path("key_alias").asText()).isEqualTo(key.alias());
        assertThat(deleted.path("deleted_by").asText()).isEqualTo(TEAM_ADMIN.userId());
        assertThat(deleted.path("deleted_at").asText()).isNotBlank();
        assertThat(response.raw()).doesNotContain(key.cleartext());
        assertThat(Keygate.db().count("SELECT count(*) FROM deleted_keys WHERE strpos(deleted_keys::text, ?) > 0",
                key.cleartext())).as("rows holding the cleartext").isZero();
        // Gone from the live list, where the same filter finds nothing.
        assertThat(Keygate.api().get("/key/list?key_hash=" + key.token(), TEAM_ADMIN.credential()).assertStatus(200)
                .body().path("total_count").asLong()).isZero();
    }

    /** The copy is written in the delete's transaction: a refused delete, or one with a missing key, keeps none. */
    @Test
    void refusedDeleteKeepsNoDeletedRow(Scratch scratch) {
        ScratchKey key = scratch.insertKey(CROSS_ORG_USER.keyShape());

        Keygate.api().post("/key/delete", Map.of("keys", List.of(key.cleartext())), TEAM_ADMIN.credential()).assertError(403);
        Keygate.api().post("/key/delete", Map.of("keys", List.of(key.cleartext(), Keys.missingKey())),
                PROXY_ADMIN.credential()).assertError(404);

        assertThat(Keygate.db().count("SELECT count(*) FROM deleted_keys WHERE token = ?", key.token())).isZero();
        assertThat(KeyChecks.keyRows(key.token())).isOne();
    }

    /** LiteLLM takes only "deleted" as a status. */
    @Test
    void otherStatusIsRefused400() {
        Response response = Keygate.api().get("/key/list?status=active", PROXY_ADMIN.credential()).assertError(400);

        assertThat(response.body().path("error").path("param").asText()).isEqualTo("status");
    }

    /** A copy of each world key (by the world key's alias), deleted by the proxy admin: token → world alias. */
    private static Map<String, String> deletedCopiesOfWorldKeys(Scratch scratch) {
        Map<String, String> copies = new HashMap<>();
        for (Actor owner : Actor.values()) {
            copies.put(scratch.insertKey(owner.keyShape()).token(), owner.keyAlias());
        }
        copies.put(scratch.insertKey(new KeyShape(World.GAMMA_MEMBER, World.TEAM_GAMMA, World.ORG_A)).token(),
                World.GAMMA_MEMBER_KEY_ALIAS);
        Keygate.api().post("/key/delete", Map.of("keys", List.copyOf(copies.keySet())), PROXY_ADMIN.credential())
                .assertStatus(200);
        return copies;
    }
}
