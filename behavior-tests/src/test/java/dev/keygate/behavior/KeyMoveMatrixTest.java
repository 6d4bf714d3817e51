package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.CROSS_ORG_USER;
import static dev.keygate.behavior.Actor.INTERNAL_USER;
import static dev.keygate.behavior.Actor.ORG_ADMIN;
import static dev.keygate.behavior.Actor.OWNER;
import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static dev.keygate.behavior.Actor.SERVICE_ACCOUNT;
import static dev.keygate.behavior.Actor.TEAM_ADMIN;
import static dev.keygate.behavior.Actor.UNRELATED_SAME_ORG;
import static dev.keygate.behavior.World.BYSTANDER;
import static dev.keygate.behavior.World.ORG_A;
import static dev.keygate.behavior.World.ORG_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keygate.behavior.Matrix.Cell;
import dev.keygate.behavior.Scratch.ScratchKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may move which key where: {@code team_id} and {@code user_id} on {@code POST /key/update}. A
 * move needs the right to change the key where it is and to create it where it goes (as
 * /key/generate); the key's organization follows its team; its limits must fit the destination and
 * its owner be a member there (400), and a refused move changes nothing.
 *
 * <p>Each cell moves BYSTANDER's key out of a fresh team of org_a that TEAM_ADMIN administers
 * (BYSTANDER and an heir are its plain members), so no actor moves a key of its own.
 */
@BehaviorTest
class KeyMoveMatrixTest {

    enum Move {
        /** Into another team of org_a that TEAM_ADMIN administers too. */
        ADMINISTERED_TEAM,
        /** Into a team of org_a that TEAM_ADMIN does not administer. */
        SAME_ORG_TEAM,
        /** Into a team of org_b. */
        OTHER_ORG_TEAM,
        /** Out of its team ({@code team_id: null}): a personal key of BYSTANDER, still in org_a. */
        OUT_OF_TEAM,
        /** To another member of its team ({@code user_id}). */
        NEW_OWNER,
        /** Into a team that does not exist. */
        MISSING_TEAM
    }

    static final Matrix<Move> EXPECTED = Matrix.of("POST /key/update (move)", "%s moves a key: %s", Move.values())
            //                   ADMINISTERED SAME_ORG OTHER_ORG OUT NEW_OWNER MISSING
            .row(PROXY_ADMIN,        200, 200, 200, 200, 200, 404)
            .row(ORG_ADMIN,          200, 200, 403, 200, 200, 404)
            .row(TEAM_ADMIN,         200, 403, 403, 403, 200, 404)
            .row(INTERNAL_USER,      403, 403, 403, 403, 403, 404)
            .row(OWNER,              403, 403, 403, 403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 403, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 403, 403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 403, 403, 403, 404);

    static Stream<Cell<Move>> cells() {
        return EXPECTED.cells();
    }

    /** The key to move, in its team; the heir is the NEW_OWNER column's new owner. */
    private record Source(String teamId, String heir, ScratchKey key) {}

    private static Source source(Scratch scratch) {
        String team = scratch.name("from");
        String heir = scratch.name("heir");
        scratch.insertTeam(team, ORG_A);
        scratch.insertUser(heir);
        scratch.insertOrganizationMember(ORG_A, heir);
        scratch.insertTeamMember(team, TEAM_ADMIN.userId(), "admin");
        scratch.insertTeamMember(team, BYSTANDER, "user");
        scratch.insertTeamMember(team, heir, "user");
        return new Source(team, heir, scratch.insertKey(new KeyShape(BYSTANDER, team, ORG_A)));
    }

    /** A fresh destination team with BYSTANDER in it (and TEAM_ADMIN as admin when asked). */
    private static String destination(Scratch scratch, String organizationId, boolean teamAdmin) {
        String team = scratch.name("to");
        scratch.insertTeam(team, organizationId);
        scratch.insertTeamMember(team, BYSTANDER, "user");
        if (teamAdmin) {
            scratch.insertTeamMember(team, TEAM_ADMIN.userId(), "admin");
        }
        return team;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void move(Cell<Move> cell, Scratch scratch) {
        Source source = source(scratch);
        Map<String, Object> body = new HashMap<>();
        body.put("key", source.key().token());
        // Where the key should end up: team, user, organization.
        List<String> expected = switch (cell.target()) {
            case ADMINISTERED_TEAM -> moveTo(body, destination(scratch, ORG_A, true), ORG_A);
            case SAME_ORG_TEAM -> moveTo(body, destination(scratch, ORG_A, false), ORG_A);
            case OTHER_ORG_TEAM -> moveTo(body, destination(scratch, ORG_B, false), ORG_B);
            case OUT_OF_TEAM -> moveTo(body, null, ORG_A);
            case NEW_OWNER -> {
                body.put("user_id", source.heir());
                yield java.util.Arrays.asList(source.teamId(), source.heir(), ORG_A);
            }
            case MISSING_TEAM -> moveTo(body, scratch.name("never_created"), null);
        };
        KeyChecks.Snapshot before = KeyChecks.snapshot(source.key().token());

        Response response = Keygate.api().post("/key/update", body, cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(java.util.Arrays.asList(response.body().path("team_id").textValue(),
                    response.body().path("user_id").textValue(), response.body().path("organization_id").textValue()))
                    .as("team, user, organization of %s", response).isEqualTo(expected);
            assertThat(place(source.key().token())).as("stored team, user, organization").isEqualTo(expected);
            KeyChecks.assertAudited("key.update", source.key().token(), source.key().cleartext(), source.key().token());
            assertThat(auditedPlaces(source.key().token())).as("team, user, organization before and after in the audit")
                    .isEqualTo(List.of(java.util.Arrays.asList(source.teamId(), BYSTANDER, ORG_A), expected));
            KeyChecks.selfInfo(source.key()).assertStatus(200);
        } else {
            response.assertErrorEnvelope();
            KeyChecks.assertUntouched(source.key(), before);
        }
    }

    /** Puts {@code team_id} in the body; the key keeps BYSTANDER as its user. */
    private static List<String> moveTo(Map<String, Object> body, String teamId, String organizationId) {
        body.put("team_id", teamId);
        return java.util.Arrays.asList(teamId, BYSTANDER, organizationId);
    }

    private static List<String> place(String token) {
        Map<String, Object> row = Keygate.db().row("SELECT team_id, user_id, organization_id FROM keys WHERE token = ?",
                token).orElseThrow();
        return java.util.Arrays.asList((String) row.get("team_id"), (String) row.get("user_id"),
                (String) row.get("organization_id"));
    }

    /** The key.update audit row's place before and after: team, user, organization each. */
    private static List<List<String>> auditedPlaces(String token) {
        Map<String, Object> row = Keygate.db().row("""
                SELECT before_value->>'team_id' AS bt, before_value->>'user_id' AS bu, before_value->>'organization_id' AS bo,
                       after_value->>'team_id' AS at, after_value->>'user_id' AS au, after_value->>'organization_id' AS ao
                  FROM audit_log WHERE action = 'key.update' AND object_id = ?""", token).orElseThrow();
        return List.of(java.util.Arrays.asList((String) row.get("bt"), (String) row.get("bu"), (String) row.get("bo")),
                java.util.Arrays.asList((String) row.get("at"), (String) row.get("au"), (String) row.get("ao")));
    }

    /** Each /key/bulk_update item moves as /key/update would: one moved, one refused with its 400, changing nothing. */
    @Test
    void bulkUpdateMovesEachItemAsKeyUpdate(Scratch scratch) {
        Source source = source(scratch);
        ScratchKey stranger = scratch.insertKey(new KeyShape(World.GAMMA_MEMBER, World.TEAM_GAMMA, ORG_A));
        String to = destination(scratch, ORG_A, false);
        KeyChecks.Snapshot strangerBefore = KeyChecks.snapshot(stranger.token());

        Response response = Keygate.api().post("/key/bulk_update", Map.of("keys", List.of(
                Map.of("key", source.key().token(), "team_id", to),
                Map.of("key", stranger.token(), "team_id", to))), PROXY_ADMIN.credential());

        response.assertStatus(200);
        assertThat(place(source.key().token())).isEqualTo(java.util.Arrays.asList(to, BYSTANDER, ORG_A));
        assertThat(response.body().path("failed_updates").get(0).path("code").asText()).as("failed item of %s", response)
                .isEqualTo("400");
        KeyChecks.assertUntouched(stranger, strangerBefore);
    }

    // ---- what a move must still respect (400, nothing changed) -------------------------------------

    /** Limits flow downwards: a key whose limit is outside the new team's stays where it is. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "max_budget | max_budget = 10                | max_budget = 50",
            "rpm_limit  | rpm_limit = 10                 | rpm_limit = 50",
            "models     | models = ARRAY['gpt-4o']       | models = ARRAY['claude-3']"})
    void keyLimitOutsideDestinationTeams400(String param, String teamLimit, String keyLimit, Scratch scratch) {
        Source source = source(scratch);
        String to = destination(scratch, ORG_A, false);
        Keygate.db().update("UPDATE teams SET " + teamLimit + " WHERE team_id = ?", to);
        Keygate.db().update("UPDATE keys SET " + keyLimit + " WHERE token = ?", source.key().token());

        assertRefused(source.key(), Map.of("key", source.key().token(), "team_id", to), param);
    }

    @Test
    void ownerNotMemberOfDestinationTeam400(Scratch scratch) {
        Source source = source(scratch);
        String to = scratch.name("to");
        scratch.insertTeam(to, ORG_A);

        assertRefused(source.key(), Map.of("key", source.key().token(), "team_id", to), "user_id");
    }

    @Test
    void newOwnerNotMemberOfTeam400(Scratch scratch) {
        Source source = source(scratch);

        assertRefused(source.key(), Map.of("key", source.key().token(), "user_id", World.GAMMA_MEMBER), "user_id");
    }

    @Test
    void organizationOtherThanDestinationTeams400(Scratch scratch) {
        Source source = source(scratch);
        String to = destination(scratch, ORG_A, false);

        assertRefused(source.key(), Map.of("key", source.key().token(), "team_id", to, "organization_id", ORG_B),
                "organization_id");
    }

    /** Out of its team, a personal key stays in its organization only if its owner is a member there. */
    @Test
    void outOfTeamIntoOrganizationOwnerIsNotIn400(Scratch scratch) {
        Source source = source(scratch);
        Map<String, Object> body = new HashMap<>();
        body.put("key", source.key().token());
        body.put("team_id", null);
        body.put("organization_id", ORG_B);

        assertRefused(source.key(), body, "user_id");
    }

    @Test
    void newOwnerMissing404(Scratch scratch) {
        Source source = source(scratch);
        KeyChecks.Snapshot before = KeyChecks.snapshot(source.key().token());

        Keygate.api().post("/key/update", Map.of("key", source.key().token(), "user_id", scratch.name("nobody")),
                PROXY_ADMIN.credential()).assertError(404);

        KeyChecks.assertUntouched(source.key(), before);
    }

    /** /key/regenerate moves too (the same code as /key/update), and the new secret lands in the new team. */
    @Test
    void regenerateMovesKey200(Scratch scratch) {
        Source source = source(scratch);
        String to = destination(scratch, ORG_B, false);

        Response response = Keygate.api().post("/key/regenerate", Map.of("key", source.key().token(), "team_id", to),
                PROXY_ADMIN.credential());

        response.assertStatus(200);
        String newToken = response.body().path("token").asText();
        assertThat(place(newToken)).isEqualTo(java.util.Arrays.asList(to, BYSTANDER, ORG_B));
        Keygate.db().update("DELETE FROM keys WHERE token = ?", newToken);
    }

    /**
     * The key's cached record sees the move (the keys trigger announces it): verify answers with the new
     * team's budget right after the move, though it was cached in its old team.
     */
    @Test
    void movedKeyVerifiesWithNewTeamsBudget(Scratch scratch) {
        Source source = source(scratch);
        String to = destination(scratch, ORG_A, false);
        Keygate.db().update("UPDATE teams SET max_budget = 7 WHERE team_id = ?", to);
        Keygate.api().verify(source.key().credential()).assertStatus(200);

        Keygate.api().post("/key/update", Map.of("key", source.key().token(), "team_id", to), PROXY_ADMIN.credential())
                .assertStatus(200);

        JsonNode verified = Keygate.api().verify(source.key().credential()).assertStatus(200).body();
        assertThat(verified.path("key").path("team_id").asText()).isEqualTo(to);
        assertThat(verified.path("team").path("team_id").asText()).isEqualTo(to);
        assertThat(teamBudget(verified, to)).as("the new team's budget in %s", verified).isEqualTo("7");
    }

    static String teamBudget(JsonNode verified, String teamId) {
        for (JsonNode budget : verified.path("budgets")) {
            if (budget.path("scope").asText().equals("team") && budget.path("id").asText().equals(teamId)) {
                return budget.path("max_budget").decimalValue().stripTrailingZeros().toPlainString();
            }
        }
        return null;
    }

    private static void assertRefused(ScratchKey key, Map<String, Object> body, String param) {
        KeyChecks.Snapshot before = KeyChecks.snapshot(key.token());

        Response response = Keygate.api().post("/key/update", body, PROXY_ADMIN.credential());

        response.assertError(400);
        assertThat(response.body().path("error").path("param").asText()).as("param of %s", response).isEqualTo(param);
        KeyChecks.assertUntouched(key, before);
    }
}
