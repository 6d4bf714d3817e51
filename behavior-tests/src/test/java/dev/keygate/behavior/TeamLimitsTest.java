package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.ORG_ADMIN;
import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static dev.keygate.behavior.Actor.TEAM_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.behavior.TeamFixture.Snapshot;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Limits flow downwards: a team's models and budget stay within its organization's (400 naming the
 * field otherwise), and only the organization's side (org admin, proxy admin) sets a team's limits:
 * its own admin may not raise them, even within the organization's.
 */
@BehaviorTest
class TeamLimitsTest {

    /** A scratch organization allowing only gpt-4o, up to a budget of 100. */
    private static String limitedOrganization(Scratch scratch) {
        String organizationId = scratch.name("limited_org");
        scratch.insertOrganization(organizationId);
        Keygate.db().update("UPDATE organizations SET models = ?, max_budget = 100 WHERE organization_id = ?",
                new String[] {"gpt-4o"}, organizationId);
        return organizationId;
    }

    @Test
    void newTeamAboveOrganizationBudget400(Scratch scratch) {
        String organizationId = limitedOrganization(scratch);
        String teamId = scratch.name("team");

        Response response = Keygate.api().post("/team/new",
                Map.of("team_id", teamId, "organization_id", organizationId, "max_budget", 200), PROXY_ADMIN.credential());

        assertRejected(response, "max_budget", teamId);
    }

    @Test
    void newTeamOutsideOrganizationModels400(Scratch scratch) {
        String organizationId = limitedOrganization(scratch);
        String teamId = scratch.name("team");

        Response response = Keygate.api().post("/team/new",
                Map.of("team_id", teamId, "organization_id", organizationId, "models", List.of("claude")), PROXY_ADMIN.credential());

        assertRejected(response, "models", teamId);
    }

    @Test
    void newTeamWithinOrganizationLimits200(Scratch scratch) {
        String organizationId = limitedOrganization(scratch);
        String teamId = scratch.name("team");

        Response response = Keygate.api().post("/team/new",
                Map.of("team_id", teamId, "organization_id", organizationId, "max_budget", 100, "models", List.of("gpt-4o")),
                PROXY_ADMIN.credential());

        response.assertStatus(200);
        assertThat(maxBudget(teamId)).as("stored max_budget").isEqualByComparingTo("100");
    }

    @Test
    void updateAboveOrganizationBudget400(Scratch scratch) {
        String organizationId = limitedOrganization(scratch);
        String teamId = scratch.name("team");
        scratch.insertTeam(teamId, organizationId);
        Snapshot before = TeamFixture.snapshot(teamId);

        Response response = Keygate.api().post("/team/update", Map.of("team_id", teamId, "max_budget", 200),
                PROXY_ADMIN.credential());

        TeamFixture.assertUnchanged(response, 400, teamId, before);
        assertThat(response.body().path("error").path("param").asText()).as("error.param of %s", response).isEqualTo("max_budget");
    }

    @Test
    void teamAdminCannotRaiseOwnTeamBudgetEvenWithinOrganization403(Scratch scratch) {
        String organizationId = limitedOrganization(scratch);
        String teamId = budgetedTeam(scratch, organizationId);
        Snapshot before = TeamFixture.snapshot(teamId);

        // 20 is within the organization's 100: the refusal is about who asks, not how much.
        Response response = Keygate.api().post("/team/update", Map.of("team_id", teamId, "max_budget", 20),
                TEAM_ADMIN.credential());

        TeamFixture.assertUnchanged(response, 403, teamId, before);
    }

    @Test
    void orgAdminRaisesTeamBudgetInOwnOrganization200(Scratch scratch) {
        String teamId = budgetedTeam(scratch, World.ORG_A);
        Snapshot before = TeamFixture.snapshot(teamId);

        Response response = Keygate.api().post("/team/update", Map.of("team_id", teamId, "max_budget", 20),
                ORG_ADMIN.credential());

        response.assertStatus(200);
        assertThat(maxBudget(teamId)).as("stored max_budget").isEqualByComparingTo("20");
        TeamFixture.assertAudited(before, "team.update", teamId);
    }

    /** A scratch team with max_budget 10 whose admin is TEAM_ADMIN. */
    private static String budgetedTeam(Scratch scratch, String organizationId) {
        String teamId = scratch.name("budgeted_team");
        scratch.insertTeam(teamId, organizationId);
        scratch.insertTeamMember(teamId, TEAM_ADMIN.userId(), "admin");
        Keygate.db().update("UPDATE teams SET max_budget = 10 WHERE team_id = ?", teamId);
        return teamId;
    }

    /** A refused create: 400 naming {@code param}, no team stored, nothing audited about it. */
    private static void assertRejected(Response response, String param, String teamId) {
        response.assertError(400);
        assertThat(response.body().path("error").path("param").asText()).as("error.param of %s", response).isEqualTo(param);
        assertThat(Keygate.db().count("SELECT count(*) FROM teams WHERE team_id = ?", teamId))
                .as("teams stored after %s", response).isZero();
        assertThat(Keygate.db().count("SELECT count(*) FROM audit_log WHERE object_id = ?", teamId))
                .as("audit rows about %s after %s", teamId, response).isZero();
    }

    private static BigDecimal maxBudget(String teamId) {
        return (BigDecimal) Keygate.db().row("SELECT max_budget FROM teams WHERE team_id = ?", teamId)
                .orElseThrow(() -> new AssertionError("no team " + teamId)).get("max_budget");
    }
}
