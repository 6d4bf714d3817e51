package dev.keygate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keygate.auth.Caller;
import dev.keygate.auth.KeyType;
import dev.keygate.auth.OrgRole;
import dev.keygate.auth.TeamRole;
import dev.keygate.auth.UserRole;
import dev.keygate.web.ApiException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Persona tests: each rule asserted from both sides, an allowed caller and a denied one. */
class PolicyTest {

    private final Policy policy = new Policy();

    private static final KeyTarget ALICE_PERSONAL = new KeyTarget("t1", "alice", null, null);
    private static final KeyTarget ALICE_IN_ALPHA = new KeyTarget("t2", "alice", "alpha", "org_a");
    private static final KeyTarget BOB_IN_BETA = new KeyTarget("t3", "bob", "beta", "org_b");

    private static Caller user(String id, UserRole role, Map<String, OrgRole> orgs, Map<String, TeamRole> teams) {
        return new Caller("own-" + id, id, role, null, null, KeyType.DEFAULT, orgs, teams);
    }

    private static Caller internal(String id) {
        return user(id, UserRole.INTERNAL_USER, Map.of(), Map.of());
    }

    @Test
    void proxyAdminMayDoEverythingButViewerOnlyReads() {
        Caller admin = user("root", UserRole.PROXY_ADMIN, Map.of(), Map.of());
        Caller viewer = user("auditor", UserRole.PROXY_ADMIN_VIEWER, Map.of(), Map.of());
        assertThat(policy.mayKey(admin, Action.KEY_DELETE, BOB_IN_BETA)).isTrue();
        assertThat(policy.mayKey(viewer, Action.KEY_READ, BOB_IN_BETA)).isTrue();
        assertThat(policy.mayKey(viewer, Action.KEY_DELETE, BOB_IN_BETA)).isFalse();
        assertThat(policy.mayKey(Caller.masterKey(), Action.KEY_DELETE, BOB_IN_BETA)).isTrue();
    }

    @Test
    void internalUserManagesOwnPersonalKeysOnly() {
        Caller alice = internal("alice");
        assertThat(policy.mayKey(alice, Action.KEY_DELETE, ALICE_PERSONAL)).isTrue();
        assertThat(policy.mayKey(internal("carol"), Action.KEY_DELETE, ALICE_PERSONAL)).isFalse();
        // A team key is the team's: its plain-member owner may not delete it.
        assertThat(policy.mayKey(alice, Action.KEY_DELETE, ALICE_IN_ALPHA)).isFalse();
    }

    @Test
    void teamAdminManagesTheTeamsKeysNotOtherTeams() {
        Caller admin = user("tad", UserRole.INTERNAL_USER, Map.of(), Map.of("alpha", TeamRole.ADMIN));
        Caller member = user("mem", UserRole.INTERNAL_USER, Map.of(), Map.of("alpha", TeamRole.USER));
        assertThat(policy.mayKey(admin, Action.KEY_DELETE, ALICE_IN_ALPHA)).isTrue();
        assertThat(policy.mayKey(member, Action.KEY_DELETE, ALICE_IN_ALPHA)).isFalse();
        assertThat(policy.mayKey(admin, Action.KEY_DELETE, BOB_IN_BETA)).isFalse();
    }

    @Test
    void orgAdminManagesKeysOfTheirOrganizationOnly() {
        Caller orgAdmin = user("oa", UserRole.INTERNAL_USER, Map.of("org_a", OrgRole.ORG_ADMIN), Map.of());
        Caller orgMember = user("om", UserRole.INTERNAL_USER, Map.of("org_a", OrgRole.INTERNAL_USER), Map.of());
        assertThat(policy.mayKey(orgAdmin, Action.KEY_DELETE, ALICE_IN_ALPHA)).isTrue();
        assertThat(policy.mayKey(orgMember, Action.KEY_DELETE, ALICE_IN_ALPHA)).isFalse();
        assertThat(policy.mayKey(orgAdmin, Action.KEY_DELETE, BOB_IN_BETA)).isFalse();
    }

    @Test
    void anyKeyReadsItselfButAServiceAccountNothingElse() {
        Caller service = new Caller("t2", null, UserRole.INTERNAL_USER, "alpha", "org_a", KeyType.DEFAULT, Map.of(), Map.of());
        assertThat(policy.mayKey(service, Action.KEY_READ, ALICE_IN_ALPHA)).isTrue();
        assertThat(policy.mayKey(service, Action.KEY_DELETE, ALICE_IN_ALPHA)).isFalse();
        assertThat(policy.mayKey(service, Action.KEY_READ, BOB_IN_BETA)).isFalse();
        assertThat(policy.mayKey(service, Action.KEY_GENERATE, new KeyTarget(null, null, "alpha", "org_a"))).isFalse();
    }

    @Test
    void keyTypesLimitManagement() {
        Caller llmOnly = new Caller("own", "root", UserRole.PROXY_ADMIN, null, null, KeyType.LLM_API, Map.of(), Map.of());
        Caller readOnly = new Caller("own", "root", UserRole.PROXY_ADMIN, null, null, KeyType.READ_ONLY, Map.of(), Map.of());
        assertThat(policy.mayKey(llmOnly, Action.KEY_READ, BOB_IN_BETA)).isFalse();
        assertThat(policy.mayKey(readOnly, Action.KEY_READ, BOB_IN_BETA)).isTrue();
        assertThat(policy.mayKey(readOnly, Action.KEY_DELETE, BOB_IN_BETA)).isFalse();
    }

    @Test
    void teamsAreCreatedByProxyAdminsAndOrgAdminsInTheirOrganization() {
        Caller orgAdmin = user("oa", UserRole.INTERNAL_USER, Map.of("org_a", OrgRole.ORG_ADMIN), Map.of());
        assertThat(policy.mayTeam(orgAdmin, Action.TEAM_CREATE, new TeamTarget(null, "org_a"))).isTrue();
        assertThat(policy.mayTeam(orgAdmin, Action.TEAM_CREATE, new TeamTarget(null, "org_b"))).isFalse();
        assertThat(policy.mayTeam(orgAdmin, Action.TEAM_CREATE, new TeamTarget(null, null))).isFalse();
        Caller teamAdmin = user("tad", UserRole.INTERNAL_USER, Map.of(), Map.of("alpha", TeamRole.ADMIN));
        assertThat(policy.mayTeam(teamAdmin, Action.TEAM_MEMBER_ADD, new TeamTarget("alpha", "org_a"))).isTrue();
        assertThat(policy.mayTeam(teamAdmin, Action.TEAM_CREATE, new TeamTarget(null, "org_a"))).isFalse();
    }

    @Test
    void denialsAre403InTheEnvelope() {
        assertThatThrownBy(() -> policy.checkOrganization(internal("alice"), Action.ORGANIZATION_CREATE))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.body().error().code()).isEqualTo("403");
                });
        policy.checkOrganization(Caller.masterKey(), Action.ORGANIZATION_CREATE);
    }
}
