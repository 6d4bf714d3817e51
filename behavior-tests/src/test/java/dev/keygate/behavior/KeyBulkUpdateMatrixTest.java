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
import dev.keygate.behavior.KeyChecks.WriteTarget;
import dev.keygate.behavior.Matrix.Cell;
import dev.keygate.behavior.Scratch.ScratchKey;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /key/bulk_update}: each item is decided exactly as {@code POST /key/update} decides it
 * (same table as KeyUpdateMatrixTest), one transaction per item as in LiteLLM. The answer is 200 with
 * the item in {@code successful_updates} or in {@code failed_updates}; a cell is the item's status,
 * the {@code code} of its failed entry (200 when it succeeded). A refused item changes nothing.
 */
@BehaviorTest
class KeyBulkUpdateMatrixTest {

    static final Matrix<WriteTarget> EXPECTED = Matrix.of("POST /key/bulk_update", "%s bulk-updates %s key", WriteTarget.values())
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
    void bulkUpdate(Cell<WriteTarget> cell, Scratch scratch) {
        ScratchKey target = cell.target().insert(cell.actor(), scratch);
        KeyChecks.Snapshot before = KeyChecks.snapshot(target.token());
        String touched = scratch.name("touched");

        Response response = Keygate.api().post("/key/bulk_update",
                Map.of("keys", List.of(Map.of("key", target.cleartext(), "metadata", Map.of("touched", touched)))),
                cell.credential());

        response.assertStatus(200);
        assertThat(response.body().path("total_requested").asInt()).as("total_requested of %s", response).isEqualTo(1);
        assertThat(response.raw()).as("response body").doesNotContain(target.cleartext());
        if (cell.expected() == 200) {
            JsonNode item = response.body().path("successful_updates").path(0);
            assertThat(response.body().path("failed_updates").size()).as("failed_updates of %s", response).isZero();
            assertThat(item.path("key").asText()).as("key of %s", response).isEqualTo(target.token());
            assertThat(item.path("key_info").path("metadata").path("touched").asText()).as("key_info of %s", response)
                    .isEqualTo(touched);
            assertThat(KeyChecks.keyColumn(target.token(), "metadata->>'touched'")).as("stored metadata.touched").isEqualTo(touched);
            KeyChecks.assertAudited("key.update", target.token(), target.cleartext(), target.token());
        } else {
            JsonNode item = response.body().path("failed_updates").path(0);
            assertThat(response.body().path("successful_updates").size()).as("successful_updates of %s", response).isZero();
            assertThat(item.path("code").asText()).as("code of %s", response).isEqualTo(String.valueOf(cell.expected()));
            assertThat(item.path("key").asText()).as("key of %s", response).isEqualTo(target.token());
            assertThat(item.path("failed_reason").asText()).as("failed_reason of %s", response).isNotBlank();
            assertThat(item.path("key_info").isNull()).as("key_info of %s", response).isTrue();
            KeyChecks.assertUntouched(target, before);
        }
    }

    /** One transaction per item, as LiteLLM: the refused item changes nothing, the allowed one is applied. */
    @Test
    void refusedItemLeavesTheOthersApplied(Scratch scratch) {
        ScratchKey allowed = scratch.insertKey(OWNER.keyShape());
        ScratchKey refused = scratch.insertKey(CROSS_ORG_USER.keyShape());
        KeyChecks.Snapshot refusedBefore = KeyChecks.snapshot(refused.token());

        Response response = Keygate.api().post("/key/bulk_update", Map.of("keys", List.of(
                Map.of("key", allowed.token(), "max_budget", 5),
                Map.of("key", refused.token(), "max_budget", 5))), TEAM_ADMIN.credential());

        response.assertStatus(200);
        assertThat(response.body().path("total_requested").asInt()).isEqualTo(2);
        assertThat(response.body().path("successful_updates").path(0).path("key").asText()).isEqualTo(allowed.token());
        assertThat(response.body().path("failed_updates").path(0).path("key").asText()).isEqualTo(refused.token());
        assertThat(((Number) KeyChecks.keyColumn(allowed.token(), "max_budget")).doubleValue()).isEqualTo(5.0);
        KeyChecks.assertUntouched(refused, refusedBefore);
    }

    /** The same field rule as /key/update: an owner's own personal key, but not its budget. */
    @Test
    void ownerCannotRaiseOwnBudgetInBulk403(Scratch scratch) {
        ScratchKey key = scratch.insertKey(INTERNAL_USER.keyShape());
        KeyChecks.Snapshot before = KeyChecks.snapshot(key.token());

        Response response = Keygate.api().post("/key/bulk_update",
                Map.of("keys", List.of(Map.of("key", key.token(), "max_budget", 100))), INTERNAL_USER.credential());

        response.assertStatus(200);
        assertThat(response.body().path("failed_updates").path(0).path("code").asText()).isEqualTo("403");
        KeyChecks.assertUntouched(key, before);
    }

    @Test
    void noKeysIsRefused400() {
        Keygate.api().post("/key/bulk_update", Map.of("keys", List.of()), PROXY_ADMIN.credential()).assertError(400);
    }
}
