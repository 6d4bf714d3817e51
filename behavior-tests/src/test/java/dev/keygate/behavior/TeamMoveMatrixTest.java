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
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keygate.behavior.Matrix.Cell;
import dev.keygate.behavior.Scratch.ScratchKey;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may move a team to another organization: {@code organization_id} on {@code POST /team/update}.
 * A move needs the right to set the team's limits where it is (an org admin of its organization, or a
 * proxy admin: not the team's own admin) and to create a team where it goes (as /team/new). The team's
 * keys move with it; its limits must fit the new organization and its members be members there (400);
 * a refused move changes nothing.
 *
 * <p>Each cell moves a fresh team whose admin is TEAM_ADMIN and whose plain member BYSTANDER holds a
 * key in it; the destination organizations have both as members.
 */
@BehaviorTest
class TeamMoveMatrixTest {

    enum Move {
        /** From org_a into an organization ORG_ADMIN administers too. */
        ADMINISTERED_ORG,
        /** From org_a into an organization no actor administers. */
        OTHER_ORG,
        /** From org_a out of any organization ({@code organization_id: null}). */
        OUT_OF_ORG,
        /** From an organization no actor administers into org_a. */
        INTO_ORG_A,
        /** From org_a into an organization that does not exist. */
        MISSING_ORG
    }

    static final Matrix<Move> EXPECTED = Matrix.of("POST /team/update (move)", "%s moves a team: %s", Move.values())
            //                   ADMINISTERED OTHER OUT INTO_ORG_A MISSING
            .row(PROXY_ADMIN,        200, 200, 200, 200, 404)
            .row(ORG_ADMIN,          200, 403, 403, 403, 404)
            .row(TEAM_ADMIN,         403, 403, 403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 403, 403, 404)
            .row(OWNER,              403, 403, 403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 403, 403, 404);

    static Stream<Cell<Move>> cells() {
        return EXPECTED.cells();
    }

    private record Moved(String teamId, ScratchKey key) {}

    /** A fresh team in {@code organizationId}: TEAM_ADMIN its admin, BYSTANDER a member with a key in it. */
    private static Moved team(Scratch scratch, String organizationId) {
        String team = scratch.name("team");
        scratch.insertTeam(team, organizationId);
        scratch.insertTeamMember(team, TEAM_ADMIN.userId(), "admin");
        scratch.insertTeamMember(team, BYSTANDER, "user");
        return new Moved(team, scratch.insertKey(new KeyShape(BYSTANDER, team, organizationId)));
    }

    /** A fresh organization with the moved team's members in it, ORG_ADMIN its admin when asked. */
    private static String organization(Scratch scratch, boolean orgAdmin) {
        String organization = scratch.name("org");
        scratch.insertOrganization(organization);
        scratch.insertOrganizationMember(organization, TEAM_ADMIN.userId());
        scratch.insertOrganizationMember(organization, BYSTANDER);
        if (orgAdmin) {
            scratch.insertOrganizationMember(organization, ORG_ADMIN.userId(), "org_admin");
        }
        return organization;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void move(Cell<Move> cell, Scratch scratch) {
        Moved moved = cell.target() == Move.INTO_ORG_A ? team(scratch, organization(scratch, false)) : team(scratch, ORG_A);
        String to = switch (cell.target()) {
            case ADMINISTERED_ORG -> organization(scratch, true);
            case OTHER_ORG -> organization(scratch, false);
            case OUT_OF_ORG -> null;
            case INTO_ORG_A -> ORG_A;
            case MISSING_ORG -> scratch.name("never_created");
        };
        Map<String, Object> body = new HashMap<>();
        body.put("team_id", moved.teamId());
        body.put("organization_id", to);
        TeamFixture.Snapshot before = TeamFixture.snapshot(moved.teamId());

        Response response = Keygate.api().post("/team/update", body, cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("organization_id").textValue()).as("organization of %s", response).isEqualTo(to);
            assertThat(Keygate.db().row("SELECT organization_id FROM teams WHERE team_id = ?", moved.teamId())
                    .orElseThrow().get("organization_id")).as("stored organization").isEqualTo(to);
            assertThat(KeyChecks.keyColumn(moved.key().token(), "organization_id")).as("the team's key's organization")
                    .isEqualTo(to);
            TeamFixture.assertAudited(before, "team.update", moved.teamId());
            TeamFixture.assertNoSecretsAudited(before, moved.key());
        } else {
            TeamFixture.assertUnchanged(response, cell.expected(), moved.teamId(), before);
        }
    }

    // ---- what a move must still respect (400, nothing changed) -------------------------------------

    /** Limits flow downwards: a team whose limit is outside the new organization's stays where it is. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "max_budget | max_budget = 10                | max_budget = 50",
            "tpm_limit  | tpm_limit = 100                | tpm_limit = 500",
            "models     | models = ARRAY['gpt-4o']       | models = ARRAY['claude-3']"})
    void teamLimitOutsideOrganizations400(String param, String organizationLimit, String teamLimit, Scratch scratch) {
        Moved moved = team(scratch, ORG_A);
        String to = organization(scratch, false);
        Keygate.db().update("UPDATE organizations SET " + organizationLimit + " WHERE organization_id = ?", to);
        Keygate.db().update("UPDATE teams SET " + teamLimit + " WHERE team_id = ?", moved.teamId());

        assertRefused(moved, to, param);
    }

    @Test
    void memberOutsideOrganization400(Scratch scratch) {
        Moved moved = team(scratch, ORG_A);
        String to = scratch.name("org");
        scratch.insertOrganization(to);
        scratch.insertOrganizationMember(to, TEAM_ADMIN.userId());

        assertRefused(moved, to, "organization_id");
    }

    /** LiteLLM's UI sends "" for "no organization": the team leaves its organization, as with null. */
    @Test
    void emptyOrganizationTakesTeamOutOfItsOrganization200(Scratch scratch) {
        Moved moved = team(scratch, ORG_A);

        Response response = Keygate.api().post("/team/update", Map.of("team_id", moved.teamId(), "organization_id", ""),
                PROXY_ADMIN.credential());

        response.assertStatus(200);
        assertThat(response.body().path("organization_id").isNull()).as("organization of %s", response).isTrue();
        assertThat(KeyChecks.keyColumn(moved.key().token(), "organization_id")).isNull();
    }

    /**
     * The team's cached keys see the move (the team's and its keys' announcements): verify answers with
     * the new organization and its budget right after the move, though the key was cached in the old one.
     */
    @Test
    void movedTeamsKeyVerifiesWithNewOrganizationsBudget(Scratch scratch) {
        Moved moved = team(scratch, ORG_A);
        String to = organization(scratch, false);
        Keygate.db().update("UPDATE organizations SET max_budget = 9 WHERE organization_id = ?", to);
        Keygate.api().verify(moved.key().credential()).assertStatus(200);

        Keygate.api().post("/team/update", Map.of("team_id", moved.teamId(), "organization_id", to),
                PROXY_ADMIN.credential()).assertStatus(200);

        JsonNode verified = Keygate.api().verify(moved.key().credential()).assertStatus(200).body();
        assertThat(verified.path("key").path("organization_id").asText()).isEqualTo(to);
        String budget = null;
        for (JsonNode entry : verified.path("budgets")) {
            if (entry.path("scope").asText().equals("organization") && entry.path("id").asText().equals(to)) {
                budget = entry.path("max_budget").decimalValue().stripTrailingZeros().toPlainString();
            }
        }
        assertThat(budget).as("the new organization's budget in %s", verified).isEqualTo("9");
    }

    private static void assertRefused(Moved moved, String to, String param) {
        TeamFixture.Snapshot before = TeamFixture.snapshot(moved.teamId());

        Response response = Keygate.api().post("/team/update", Map.of("team_id", moved.teamId(), "organization_id", to),
                PROXY_ADMIN.credential());

        TeamFixture.assertUnchanged(response, 400, moved.teamId(), before);
        assertThat(response.body().path("error").path("param").asText()).as("param of %s", response).isEqualTo(param);
    }
}
