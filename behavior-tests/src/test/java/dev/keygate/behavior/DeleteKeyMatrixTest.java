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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may delete which key: {@code POST /key/delete}. Each scenario deletes a fresh scratch key
 * shaped like the target's world key, so world keys are never at risk.
 *
 * <p>Self-revocation is never a privilege: OWNER, UNRELATED_SAME_ORG and CROSS_ORG_USER delete their
 * own team keys although their teams' {@code team_member_permissions} do not grant
 * {@code /key/delete} ({@link #worldTeamsDoNotGrantKeyDelete}); UNRELATED_SAME_ORG deleting OWNER's
 * key in the same team is the control (403).
 */
@BehaviorTest
class DeleteKeyMatrixTest {

    /** Whose key (by shape: user, team, organization) is deleted. */
    enum Target {
        OWN, OWNER, CROSS_ORG_USER;

        KeyShape shape(Actor caller) {
            return switch (this) {
                case OWN -> caller.keyShape();
                case OWNER -> Actor.OWNER.keyShape();
                case CROSS_ORG_USER -> Actor.CROSS_ORG_USER.keyShape();
            };
        }
    }

    static final Matrix<Target> EXPECTED = Matrix.of("POST /key/delete", "%s deletes %s key", Target.OWN, Target.OWNER, Target.CROSS_ORG_USER)
            .row(PROXY_ADMIN,        200, 200, 200)
            .row(ORG_ADMIN,          200, 200, 403)
            .row(TEAM_ADMIN,         200, 200, 403)
            .row(INTERNAL_USER,      200, 403, 403)
            .row(OWNER,              200, 200, 403)
            .row(UNRELATED_SAME_ORG, 200, 403, 403)
            .row(CROSS_ORG_USER,     200, 403, 200)
            .row(SERVICE_ACCOUNT,    403, 403, 403);

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void deleteKey(Cell<Target> cell, Scratch scratch) {
        ScratchKey target = scratch.insertKey(cell.target().shape(cell.actor()));

        Response response = Keygate.api().post("/key/delete", Map.of("keys", List.of(target.cleartext())), cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            Iterable<JsonNode> deleted = response.body().path("deleted_keys");
            assertThat(deleted).as("deleted_keys of %s", response).extracting(JsonNode::asText).containsExactly(target.token());
            assertThat(rowsOf(target)).as("rows left for the deleted key").isZero();
            Keygate.api().ownKeyInfo(target.credential()).assertError(401);
        } else {
            response.assertErrorEnvelope();
            assertThat(rowsOf(target)).as("rows left after a denied delete").isOne();
            Keygate.api().ownKeyInfo(target.credential()).assertStatus(200);
        }
    }

    /** What makes the owners' 200s above mean something: their teams grant plain members no /key/delete. */
    @Test
    void worldTeamsDoNotGrantKeyDelete() {
        for (String team : List.of(World.TEAM_ALPHA, World.TEAM_BETA)) {
            assertThat(Keygate.db().count("SELECT count(*) FROM teams WHERE team_id = ? AND '/key/delete' = ANY(team_member_permissions)",
                    team)).as("teams %s granting /key/delete", team).isZero();
        }
    }

    /** key_aliases names keys for the same rule: the owner deletes their own team key by its alias. */
    @Test
    void ownerDeletesOwnTeamKeyByAlias200(Scratch scratch) {
        ScratchKey own = scratch.insertKey(OWNER.keyShape());

        Response response = Keygate.api().post("/key/delete", Map.of("key_aliases", List.of(own.alias())), OWNER.credential());

        response.assertStatus(200);
        assertThat(rowsOf(own)).as("rows left for the deleted key").isZero();
        Keygate.api().ownKeyInfo(own.credential()).assertError(401);
    }

    @Test
    void teammateCannotDeleteOwnersTeamKeyByAlias403(Scratch scratch) {
        ScratchKey owners = scratch.insertKey(OWNER.keyShape());

        Keygate.api().post("/key/delete", Map.of("key_aliases", List.of(owners.alias())), UNRELATED_SAME_ORG.credential())
                .assertError(403);

        assertThat(rowsOf(owners)).as("rows left after a denied delete").isOne();
        Keygate.api().ownKeyInfo(owners.credential()).assertStatus(200);
    }

    @ParameterizedTest(name = "{0} deletes a missing key -> 404")
    @EnumSource(Actor.class)
    void deleteMissingKey404(Actor actor) {
        Keygate.api().post("/key/delete", Map.of("keys", List.of(Keys.missingKey())), actor.credential()).assertError(404);
    }

    private static long rowsOf(ScratchKey key) {
        return Keygate.db().count("SELECT count(*) FROM keys WHERE token = ?", key.token());
    }
}
