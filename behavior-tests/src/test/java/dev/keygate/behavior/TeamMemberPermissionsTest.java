package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.behavior.Scratch.ScratchKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A team's {@code team_member_permissions} grant its plain members key routes on their OWN keys in
 * the team, and nothing on a teammate's. Owners still change only alias, metadata and duration, and
 * a route the team does not grant (block) stays an admin's.
 */
@BehaviorTest
class TeamMemberPermissionsTest {

    /** What the scratch team grants its members; /key/block is deliberately left out. */
    private static final String[] GRANTED = {"/key/info", "/key/update", "/key/delete", "/key/generate", "/key/regenerate"};

    @Test
    void memberWithUpdatePermissionUpdatesOwnTeamKeyMetadata200(Scratch scratch) {
        Member member = Member.join(scratch, "member", team(scratch, GRANTED));
        ScratchKey own = member.anotherKey(scratch);
        String touched = scratch.name("touched");

        Response response = Keygate.api().post("/key/update", Map.of("key", own.token(), "metadata", Map.of("touched", touched)),
                member.credential());

        response.assertStatus(200);
        assertThat(KeyChecks.keyColumn(own.token(), "metadata->>'touched'")).as("stored metadata.touched").isEqualTo(touched);
        KeyChecks.assertAudited("key.update", own.token(), own.cleartext(), own.token());
    }

    @Test
    void memberWithRegeneratePermissionRegeneratesOwnTeamKey200(Scratch scratch) {
        Member member = Member.join(scratch, "member", team(scratch, GRANTED));
        ScratchKey own = member.anotherKey(scratch);

        Response response = Keygate.api().post("/key/regenerate", Map.of("key", own.cleartext()), member.credential());

        response.assertStatus(200);
        KeyRegenerateMatrixTest.assertRotated(own, response);
    }

    @Test
    void memberWithDeletePermissionDeletesOwnTeamKey200(Scratch scratch) {
        Member member = Member.join(scratch, "member", team(scratch, GRANTED));
        ScratchKey own = member.anotherKey(scratch);

        Keygate.api().post("/key/delete", Map.of("keys", List.of(own.cleartext())), member.credential()).assertStatus(200);

        assertThat(KeyChecks.keyRows(own.token())).as("rows left for the deleted key").isZero();
        KeyChecks.selfInfo(own).assertError(401);
        KeyChecks.assertAudited("key.delete", own.token(), own.cleartext(), own.token());
    }

    @Test
    void memberWithGeneratePermissionGeneratesOwnKeyInTeam200(Scratch scratch) {
        String team = team(scratch, GRANTED);
        Member member = Member.join(scratch, "member", team);
        String alias = scratch.name("generated");

        Response response = Keygate.api().post("/key/generate", Map.of("team_id", team, "key_alias", alias), member.credential());

        response.assertStatus(200);
        String key = response.body().path("key").asText();
        String token = Keys.token(key);
        assertThat(KeyChecks.keyColumn(token, "user_id")).as("stored user_id: the member").isEqualTo(member.userId());
        assertThat(KeyChecks.keyColumn(token, "team_id")).as("stored team_id").isEqualTo(team);
        Keygate.api().ownKeyInfo(Credential.bearer(key)).assertStatus(200);
        KeyChecks.assertAudited("key.generate", token, key, token);
    }

    @Test
    void memberCannotUpdateTeammatesKey403(Scratch scratch) {
        String team = team(scratch, GRANTED);
        Member member = Member.join(scratch, "member", team);
        ScratchKey teammates = Member.join(scratch, "teammate", team).login();
        KeyChecks.Snapshot before = KeyChecks.snapshot(teammates.token());

        Keygate.api().post("/key/update", Map.of("key", teammates.token(), "metadata", Map.of("touched", "x")),
                member.credential()).assertError(403);

        KeyChecks.assertUntouched(teammates, before);
    }

    @Test
    void memberCannotDeleteTeammatesKey403(Scratch scratch) {
        String team = team(scratch, GRANTED);
        Member member = Member.join(scratch, "member", team);
        ScratchKey teammates = Member.join(scratch, "teammate", team).login();
        KeyChecks.Snapshot before = KeyChecks.snapshot(teammates.token());

        Keygate.api().post("/key/delete", Map.of("keys", List.of(teammates.cleartext())), member.credential()).assertError(403);

        KeyChecks.assertUntouched(teammates, before);
        KeyChecks.selfInfo(teammates).assertStatus(200);
    }

    /** /key/update is granted, but a budget is not among the fields an owner may change. */
    @Test
    void memberCannotRaiseOwnKeyMaxBudget403(Scratch scratch) {
        Member member = Member.join(scratch, "member", team(scratch, GRANTED));
        ScratchKey own = member.anotherKey(scratch);
        KeyChecks.Snapshot before = KeyChecks.snapshot(own.token());

        Keygate.api().post("/key/update", Map.of("key", own.token(), "max_budget", 100), member.credential()).assertError(403);

        KeyChecks.assertUntouched(own, before);
    }

    @Test
    void memberCannotBlockOwnKeyWithoutBlockPermission403(Scratch scratch) {
        Member member = Member.join(scratch, "member", team(scratch, GRANTED));
        ScratchKey own = member.anotherKey(scratch);
        KeyChecks.Snapshot before = KeyChecks.snapshot(own.token());

        Keygate.api().post("/key/block", Map.of("key", own.token()), member.credential()).assertError(403);

        KeyChecks.assertUntouched(own, before);
        KeyChecks.selfInfo(own).assertStatus(200);
    }

    /** The default grants /key/info and /key/health only. */
    @Test
    void memberWithDefaultPermissionsCannotUpdateOwnTeamKey403(Scratch scratch) {
        String team = scratch.name("default_team");
        scratch.insertTeam(team, World.ORG_A);
        Member member = Member.join(scratch, "member", team);
        ScratchKey own = member.anotherKey(scratch);
        KeyChecks.Snapshot before = KeyChecks.snapshot(own.token());

        Keygate.api().post("/key/update", Map.of("key", own.token(), "metadata", Map.of("touched", "x")), member.credential())
                .assertError(403);

        KeyChecks.assertUntouched(own, before);
    }

    // ---- fixture -------------------------------------------------------------------------------

    /** A scratch team in org_a whose members get {@code permissions}. */
    private static String team(Scratch scratch, String... permissions) {
        String team = scratch.name("team");
        scratch.insertTeam(team, World.ORG_A, permissions);
        return team;
    }

    /** A scratch user, plain member of org_a and of {@code teamId}, signed in with their own key there. */
    private record Member(String userId, String teamId, ScratchKey login) {

        static Member join(Scratch scratch, String base, String teamId) {
            String userId = scratch.name(base);
            scratch.insertUser(userId);
            scratch.insertOrganizationMember(World.ORG_A, userId);
            scratch.insertTeamMember(teamId, userId, "user");
            return new Member(userId, teamId, scratch.insertKey(new KeyShape(userId, teamId, World.ORG_A)));
        }

        /** A second key of the member in the team: the one the test changes, so the login keeps working. */
        ScratchKey anotherKey(Scratch scratch) {
            return scratch.insertKey(new KeyShape(userId, teamId, World.ORG_A));
        }

        Credential credential() {
            return login.credential();
        }
    }
}
