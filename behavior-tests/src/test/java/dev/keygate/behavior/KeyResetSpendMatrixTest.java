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
 * {@code POST /key/{key}/reset_spend}: lowering a key's spend is an admin's (LiteLLM: proxy or team
 * admin; Keygate: whoever administers the key, org admins too). An owner never resets their own spend,
 * personal key or not: that would lift their own budget. Each target key has spent 7.5 and is reset to 2.
 */
@BehaviorTest
class KeyResetSpendMatrixTest {

    static final Matrix<WriteTarget> EXPECTED = Matrix.of("POST /key/{key}/reset_spend", "%s resets the spend of %s key",
                    WriteTarget.values())
            //                        OWN  SAME_TEAM SAME_ORG OTHER_ORG MISSING
            .row(PROXY_ADMIN,        200, 200,      200,     200,      404)
            .row(ORG_ADMIN,          200, 200,      200,     403,      404)
            .row(TEAM_ADMIN,         200, 200,      403,     403,      404)
            .row(INTERNAL_USER,      403, 403,      403,     403,      404)
            .row(OWNER,              403, 403,      403,     403,      404)
            .row(UNRELATED_SAME_ORG, 403, 403,      403,     403,      404)
            .row(CROSS_ORG_USER,     403, 403,      403,     403,      404)
            .row(SERVICE_ACCOUNT,    403, 403,      403,     403,      404);

    static Stream<Cell<WriteTarget>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void resetSpend(Cell<WriteTarget> cell, Scratch scratch) {
        ScratchKey target = cell.target().insert(cell.actor(), scratch);
        Keygate.db().update("UPDATE keys SET spend = 7.5, max_budget = 10 WHERE token = ?", target.token());
        KeyChecks.Snapshot before = KeyChecks.snapshot(target.token());

        Response response = Keygate.api().post("/key/" + target.cleartext() + "/reset_spend", Map.of("reset_to", 2),
                cell.actor().credential());

        response.assertStatus(cell.expected());
        assertThat(response.raw()).as("answer of %s", response).doesNotContain(target.cleartext());
        if (cell.expected() == 200) {
            assertThat(response.body().path("key_hash").asText()).as("key_hash of %s", response).isEqualTo(target.token());
            assertThat(response.body().path("spend").asDouble()).as("spend of %s", response).isEqualTo(2.0);
            assertThat(response.body().path("previous_spend").asDouble()).as("previous_spend of %s", response).isEqualTo(7.5);
            assertThat(response.body().path("max_budget").asDouble()).as("max_budget of %s", response).isEqualTo(10.0);
            assertThat(response.body().has("budget_reset_at")).as("budget_reset_at in %s", response).isTrue();
            assertThat(((Number) KeyChecks.keyColumn(target.token(), "spend")).doubleValue()).as("stored spend").isEqualTo(2.0);
            KeyChecks.assertAudited("key.reset_spend", target.token(), target.cleartext(), target.token());
        } else {
            response.assertErrorEnvelope();
            KeyChecks.assertUntouched(target, before);
        }
    }

    /** reset_to only lowers the spend: above it, or below zero, is 400 and changes nothing. */
    @Test
    void resetToAboveSpendOrBelowZeroIsRefused400(Scratch scratch) {
        ScratchKey key = scratch.insertKey(OWNER.keyShape());
        Keygate.db().update("UPDATE keys SET spend = 3 WHERE token = ?", key.token());
        KeyChecks.Snapshot before = KeyChecks.snapshot(key.token());

        Keygate.api().post("/key/" + key.token() + "/reset_spend", Map.of("reset_to", 3.5), TEAM_ADMIN.credential())
                .assertError(400);
        Keygate.api().post("/key/" + key.token() + "/reset_spend", Map.of("reset_to", -1), TEAM_ADMIN.credential())
                .assertError(400);

        KeyChecks.assertUntouched(key, before);
    }

    /** Named by its hash, to zero: LiteLLM's usual call. The key works on at once (the cache is told). */
    @Test
    void resetToZeroByHash200(Scratch scratch) {
        ScratchKey key = scratch.insertKey(OWNER.keyShape());
        Keygate.db().update("UPDATE keys SET spend = 4 WHERE token = ?", key.token());

        Response response = Keygate.api().post("/key/" + key.token() + "/reset_spend", Map.of("reset_to", 0),
                PROXY_ADMIN.credential());

        response.assertStatus(200);
        LiteLlmShapes.assertHasFields("POST /key/{key}/reset_spend", response.body());
        assertThat(response.body().path("spend").asDouble()).isZero();
        assertThat(response.body().path("previous_spend").asDouble()).isEqualTo(4.0);
        assertThat(response.body().path("max_budget").isNull()).isTrue();
        KeyChecks.selfInfo(key).assertStatus(200);
    }

    @Test
    void missingResetToIsRefused422(Scratch scratch) {
        ScratchKey key = scratch.insertKey(OWNER.keyShape());

        Keygate.api().post("/key/" + key.token() + "/reset_spend", Map.of(), PROXY_ADMIN.credential()).assertError(422);
    }
}
