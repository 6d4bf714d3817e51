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

import dev.keygate.behavior.Matrix.Cell;
import dev.keygate.behavior.OrgUserFixtures.OrgTarget;
import dev.keygate.behavior.TeamFixture.Snapshot;
import dev.keygate.behavior.TeamFixture.Target;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code member_add} naming a user Keygate does not know creates that user, as LiteLLM does: an
 * internal user, no key, audited as {@code user.new} besides the membership. Only for a caller who
 * may both add members there and create that user at {@code /user/new}: a proxy admin, or an org
 * admin into their own organization (and its teams). A team admin adds existing users only. A denial
 * leaves no user, no membership and no audit row.
 */
@BehaviorTest
class MemberAddNewUserTest {

    static final Matrix<Target> TEAM = Matrix.of("POST /team/member_add (new user)",
                    "%s adds a user Keygate does not know to %s",
                    Target.OWN_TEAM, Target.SAME_ORG, Target.OTHER_ORG, Target.MISSING)
            .row(PROXY_ADMIN,        200, 200, 200, 404)
            .row(ORG_ADMIN,          200, 200, 403, 404)
            .row(TEAM_ADMIN,         403, 403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 403, 404)
            .row(OWNER,              403, 403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 403, 404);

    static final Matrix<OrgTarget> ORGANIZATION = Matrix.of("POST /organization/member_add (new user)",
                    "%s adds a user Keygate does not know to %s", OrgTarget.OWN_ORG, OrgTarget.OTHER_ORG, OrgTarget.MISSING)
            .row(PROXY_ADMIN,        200, 200, 404)
            .row(ORG_ADMIN,          200, 403, 404)
            .row(TEAM_ADMIN,         403, 403, 404)
            .row(INTERNAL_USER,      403, 403, 404)
            .row(OWNER,              403, 403, 404)
            .row(UNRELATED_SAME_ORG, 403, 403, 404)
            .row(CROSS_ORG_USER,     403, 403, 404)
            .row(SERVICE_ACCOUNT,    403, 403, 404);

    static Stream<Cell<Target>> teamCells() {
        return TEAM.cells();
    }

    static Stream<Cell<OrgTarget>> organizationCells() {
        return ORGANIZATION.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("teamCells")
    void teamMemberAddCreatesUser(Cell<Target> cell, Scratch scratch) {
        String teamId = cell.target().build(scratch);
        String newcomer = scratch.name("newcomer");
        Snapshot before = TeamFixture.snapshot(teamId);

        Response response = Keygate.api().post("/team/member_add",
                Map.of("team_id", teamId, "member", Map.of("user_id", newcomer, "role", "user")), cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(TeamFixture.members(response.body())).as("members_with_roles of %s", response)
                    .containsEntry(newcomer, "user");
            assertCreatedInternalUser(newcomer);
            assertThat(Keygate.db().count("SELECT count(*) FROM team_memberships WHERE team_id = ? AND user_id = ?",
                    teamId, newcomer)).as("the newcomer's team membership").isOne();
            // Onboarded into the team's organization as well, so its org admins see whom they onboarded.
            assertThat(OrgUserFixtures.organizationsOf(newcomer)).as("organization memberships of the newcomer")
                    .isEqualTo(cell.target().organizationId() + " internal_user");
            TeamFixture.assertAudited(before, "user.new", newcomer);
            TeamFixture.assertAudited(before, "team.member_add", newcomer);
            TeamFixture.assertAudited(before, "organization.member_add", newcomer);
        } else {
            TeamFixture.assertUnchanged(response, cell.expected(), teamId, before, newcomer);
            OrgUserFixtures.assertNoUser(response, newcomer);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("organizationCells")
    void organizationMemberAddCreatesUser(Cell<OrgTarget> cell, Scratch scratch) {
        String organizationId = cell.target().create(scratch);
        String newcomer = scratch.name("newcomer");
        String before = OrgUserFixtures.organizationState(organizationId, newcomer);

        Response response = Keygate.api().post("/organization/member_add", Map.of("organization_id", organizationId,
                "member", Map.of("user_id", newcomer, "role", "internal_user")), cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertCreatedInternalUser(newcomer);
            assertThat(OrgUserFixtures.organizationsOf(newcomer)).as("organization memberships of the newcomer")
                    .isEqualTo(organizationId + " internal_user");
            assertThat(OrgUserFixtures.auditRows("user.new", newcomer)).as("user.new audit rows").isOne();
            assertThat(OrgUserFixtures.memberAuditRows("organization.member_add", newcomer, organizationId))
                    .as("organization.member_add audit rows").isOne();
        } else {
            response.assertError(cell.expected());
            assertThat(OrgUserFixtures.organizationState(organizationId, newcomer))
                    .as("organization, members and audit after %s", response).isEqualTo(before);
            OrgUserFixtures.assertNoUser(response, newcomer);
        }
    }

    /** LiteLLM generates the id of a user named by email only; Keygate a UUID. */
    @Test
    void teamMemberByUnknownEmailCreatesUserWithGeneratedId200(Scratch scratch) {
        String teamId = Target.OWN_TEAM.build(scratch);
        String email = scratch.name("joiner") + "@example.com";
        try {
            Response response = Keygate.api().post("/team/member_add", Map.of("team_id", teamId,
                    "member", Map.of("user_email", email, "role", "user")), ORG_ADMIN.credential()).assertStatus(200);

            Map<String, Object> user = userByEmail(email).orElseThrow(() -> new AssertionError("no user for " + email));
            String userId = (String) user.get("user_id");
            assertThat(userId).as("generated user_id").matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(user.get("user_role")).as("role of the created user").isEqualTo("internal_user");
            assertThat(TeamFixture.members(response.body())).as("members_with_roles of %s", response)
                    .containsEntry(userId, "user");
            assertThat(OrgUserFixtures.auditRows("user.new", userId)).as("user.new audit rows").isOne();
        } finally {
            deleteUserByEmail(email);
        }
    }

    @Test
    void organizationMemberByUnknownEmailCreatesUserWithGeneratedId200(Scratch scratch) {
        String organizationId = OrgTarget.OWN_ORG.create(scratch);
        String email = scratch.name("joiner") + "@example.com";
        try {
            Keygate.api().post("/organization/member_add", Map.of("organization_id", organizationId,
                    "member", Map.of("user_email", email)), ORG_ADMIN.credential()).assertStatus(200);

            String userId = (String) userByEmail(email).orElseThrow(() -> new AssertionError("no user for " + email))
                    .get("user_id");
            assertThat(OrgUserFixtures.organizationsOf(userId)).as("organization memberships of the created user")
                    .isEqualTo(organizationId + " internal_user");
            assertThat(OrgUserFixtures.auditRows("user.new", userId)).as("user.new audit rows").isOne();
        } finally {
            deleteUserByEmail(email);
        }
    }

    /** Both given, both new: the user gets that id and that email. */
    @Test
    void unknownIdWithUnknownEmailCreatesUserWithBoth200(Scratch scratch) {
        String teamId = Target.OWN_TEAM.build(scratch);
        String newcomer = scratch.name("newcomer");
        String email = newcomer + "@example.com";

        Keygate.api().post("/team/member_add", Map.of("team_id", teamId,
                "member", Map.of("user_id", newcomer, "user_email", email)), PROXY_ADMIN.credential()).assertStatus(200);

        assertThat(userByEmail(email).map(user -> user.get("user_id"))).as("user stored with %s", email)
                .contains(newcomer);
    }

    /** A user made here gets the email /user/new would accept, no other: 422 naming it, nothing created. */
    @Test
    void memberEmailThatIsNoAddress422(Scratch scratch) {
        String organizationId = OrgTarget.OWN_ORG.create(scratch);
        String before = OrgUserFixtures.organizationState(organizationId);

        Response response = Keygate.api().post("/organization/member_add", Map.of("organization_id", organizationId,
                "member", Map.of("user_email", scratch.name("no address"))), PROXY_ADMIN.credential());

        response.assertError(422);
        assertThat(response.body().path("error").path("message").asText()).as("message of %s", response)
                .contains("user_email");
        assertThat(OrgUserFixtures.organizationState(organizationId)).as("after %s", response).isEqualTo(before);
        assertThat(Keygate.db().count("SELECT count(*) FROM users WHERE starts_with(user_email, ?)", scratch.prefix()))
                .as("users with the scratch's emails").isZero();
    }

    /** A known email names that user: no second user, no user.new audit. */
    @Test
    void knownEmailAddsThatUserWithoutCreatingOne200(Scratch scratch) {
        String teamId = Target.OWN_TEAM.build(scratch);
        String known = userWithEmail(scratch, "known");
        String email = known + "@example.com";

        // A team admin may add an existing user: nothing is created.
        Response response = Keygate.api().post("/team/member_add", Map.of("team_id", teamId,
                "member", Map.of("user_email", email, "role", "user")), TEAM_ADMIN.credential()).assertStatus(200);

        assertThat(TeamFixture.members(response.body())).as("members_with_roles of %s", response)
                .containsEntry(known, "user");
        assertThat(Keygate.db().count("SELECT count(*) FROM users WHERE lower(user_email) = lower(?)", email))
                .as("users with %s", email).isOne();
        assertThat(OrgUserFixtures.auditRows("user.new", known)).as("user.new audit rows: /user/new's only").isOne();
    }

    /** user_id and user_email naming two different users is a contradiction: 400, nothing changes. */
    @Test
    void idAndEmailOfDifferentUsers400(Scratch scratch) {
        String organizationId = OrgTarget.OWN_ORG.create(scratch);
        String first = scratch.name("first");
        String second = userWithEmail(scratch, "second");
        String secondEmail = second + "@example.com";
        scratch.insertUser(first);
        String before = OrgUserFixtures.organizationState(organizationId, first, second);

        Response response = Keygate.api().post("/organization/member_add", Map.of("organization_id", organizationId,
                "member", Map.of("user_id", first, "user_email", secondEmail)), PROXY_ADMIN.credential());

        response.assertError(400);
        assertThat(response.body().path("error").path("message").asText()).as("message of %s", response)
                .contains("user_email").contains("another user");
        assertThat(OrgUserFixtures.organizationState(organizationId, first, second)).as("after %s", response)
                .isEqualTo(before);
    }

    /** A new id with a taken email would be a second user with that email: 400, no user created. */
    @Test
    void unknownIdWithTakenEmail400(Scratch scratch) {
        String teamId = Target.OWN_TEAM.build(scratch);
        String known = userWithEmail(scratch, "known");
        String email = known + "@example.com";
        String newcomer = scratch.name("newcomer");
        Snapshot before = TeamFixture.snapshot(teamId);

        Response response = Keygate.api().post("/team/member_add", Map.of("team_id", teamId,
                "member", Map.of("user_id", newcomer, "user_email", email)), PROXY_ADMIN.credential());

        TeamFixture.assertUnchanged(response, 400, teamId, before, newcomer, known);
        OrgUserFixtures.assertNoUser(response, newcomer);
    }

    private static void assertCreatedInternalUser(String userId) {
        Map<String, Object> user = Keygate.db().row("SELECT user_role FROM users WHERE user_id = ?", userId)
                .orElseThrow(() -> new AssertionError("no user row for " + userId));
        assertThat(user.get("user_role")).as("role of the created user").isEqualTo("internal_user");
        assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE user_id = ?", userId))
                .as("keys of the created user: member_add creates none").isZero();
    }

    /** An existing user {@code <scratch name>} with email {@code <that id>@example.com}, made at /user/new. */
    private static String userWithEmail(Scratch scratch, String base) {
        String userId = scratch.name(base);
        Keygate.api().post("/user/new", Map.of("user_id", userId, "user_email", userId + "@example.com",
                "auto_create_key", false), PROXY_ADMIN.credential()).assertStatus(200);
        return userId;
    }

    private static Optional<Map<String, Object>> userByEmail(String email) {
        return Keygate.db().row("SELECT user_id, user_role FROM users WHERE lower(user_email) = lower(?)", email);
    }

    /**
     * A user created by email has a generated id, outside the scratch prefix: removed here with the audit
     * rows about it (memberships cascade).
     */
    private static void deleteUserByEmail(String email) {
        userByEmail(email).ifPresent(user -> {
            Keygate.db().update("DELETE FROM audit_log WHERE object_id = ?", user.get("user_id"));
            Keygate.db().update("DELETE FROM users WHERE user_id = ?", user.get("user_id"));
        });
    }
}
