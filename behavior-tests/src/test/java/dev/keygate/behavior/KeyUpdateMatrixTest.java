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

import dev.keygate.behavior.KeyChecks.WriteTarget;
import dev.keygate.behavior.Matrix.Cell;
import dev.keygate.behavior.Scratch.ScratchKey;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may change which key: {@code POST /key/update} with a metadata change (a field owners may
 * change too, so the table is about the key, not the field). Plus the owner's field rule on a
 * personal key: alias yes, budget no.
 */
@BehaviorTest
class KeyUpdateMatrixTest {

    // OWNER, UNRELATED_SAME_ORG, CROSS_ORG_USER: their OWN keys are in a team whose default member
    // permissions grant /key/info only. INTERNAL_USER's OWN is personal: owners manage those.
    static final Matrix<WriteTarget> EXPECTED = Matrix.of("POST /key/update", "%s updates %s key", WriteTarget.values())
            //                        OWN  SAME_TEAM SAME_ORG OTHER_ORG MISSING
            .row(PROXY_ADMIN,        200, 200,      200,     200,      404)
            .row(ORG_ADMIN,          200, 200,      200,     403,      404)
            .row(TEAM_ADMIN,         200, 200,      403,     403,      404)
            .row(INTERNAL_USER,      200, 403,      403,     403,      404)
            .row(OWNER,              403, 403,      403,     403,      404)
            .row(UNRELATED_SAME_ORG, 403, 403,      403,     403,      404)
            .row(CROSS_ORG_USER,     403, 403,      403,     403,      404)
            .row(SERVICE_ACCOUNT,    403, 403,      403,     403,      404);

    static Stream<Cell<WriteTarget>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void update(Cell<WriteTarget> cell, Scratch scratch) {
        ScratchKey target = cell.target().insert(cell.actor(), scratch);
        KeyChecks.Snapshot before = KeyChecks.snapshot(target.token());
        String touched = scratch.name("touched");

        Response response = Keygate.api().post("/key/update",
                Map.of("key", target.token(), "metadata", Map.of("touched", touched)), cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("token").asText()).as("token of %s", response).isEqualTo(target.token());
            assertThat(response.body().path("metadata").path("touched").asText()).as("metadata of %s", response).isEqualTo(touched);
            // LiteLLM echoes the key as named (here its hash); never the cleartext.
            assertThat(response.body().path("key").asText()).as("key of %s", response).isEqualTo(target.token());
            assertThat(response.raw()).as("answer of %s", response).doesNotContain(target.cleartext());
            assertThat(KeyChecks.keyColumn(target.token(), "metadata->>'touched'")).as("stored metadata.touched").isEqualTo(touched);
            KeyChecks.assertAudited("key.update", target.token(), target.cleartext(), target.token());
            KeyChecks.selfInfo(target).assertStatus(200);
        } else {
            response.assertErrorEnvelope();
            KeyChecks.assertUntouched(target, before);
            if (cell.target() != WriteTarget.MISSING) {
                KeyChecks.selfInfo(target).assertStatus(200);
            }
        }
    }

    /** Owners change only key_alias, metadata and duration: the budget is an admin's. */
    @Test
    void internalUserCannotRaiseOwnPersonalKeyMaxBudget403(Scratch scratch) {
        ScratchKey key = scratch.insertKey(INTERNAL_USER.keyShape());
        KeyChecks.Snapshot before = KeyChecks.snapshot(key.token());

        Keygate.api().post("/key/update", Map.of("key", key.token(), "max_budget", 100), INTERNAL_USER.credential())
                .assertError(403);

        KeyChecks.assertUntouched(key, before);
    }

    @Test
    void internalUserRenamesOwnPersonalKey200(Scratch scratch) {
        ScratchKey key = scratch.insertKey(INTERNAL_USER.keyShape());
        String alias = scratch.name("renamed");

        Response response = Keygate.api().post("/key/update", Map.of("key", key.token(), "key_alias", alias),
                INTERNAL_USER.credential());

        response.assertStatus(200);
        assertThat(response.body().path("key_alias").asText()).as("key_alias of %s", response).isEqualTo(alias);
        assertThat(KeyChecks.keyColumn(key.token(), "key_alias")).as("stored key_alias").isEqualTo(alias);
        KeyChecks.assertAudited("key.update", key.token(), key.cleartext(), key.token());
    }
}
