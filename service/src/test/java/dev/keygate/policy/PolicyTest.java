package dev.keygate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keygate.auth.Caller;
import dev.keygate.auth.Credential;
import dev.keygate.auth.KeyType;
import dev.keygate.auth.OrgRole;
import dev.keygate.auth.TeamRole;
import dev.keygate.auth.UserRole;
import dev.keygate.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Persona tests: each rule asserted from both sides, an allowed caller and a denied one. */
class PolicyTest {

    private final Policy policy = new Policy();

    private static final Targets.Key ALICE_PERSONAL = new Targets.Key("t1", "alice", null, null, List.of());
    private static final Targets.Key ALICE_IN_ALPHA = new Targets.Key("t2", "alice", "alpha", "org_a", List.of("/key/info"));
    private static final Targets.Key BOB_IN_BETA = new Targets.Key("t3", "bob", "beta", "org_b", List.of("/key/info"));

    private static Caller user(String id, UserRole role, Map<String, OrgRole> orgs, Map<String, TeamRole> teams) {
        return new Caller(Credential.VIRTUAL_KEY, "own-" + id, id, role, null, null, KeyType.DEFAULT, orgs, teams, null);
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
    void budgetTiersAreManagedByProxyAdminsAndReadByViewersAndOrgAdmins() {
        Caller admin = user("root", UserRole.PROXY_ADMIN, Map.of(), Map.of());
        Caller viewer = user("auditor", UserRole.PROXY_ADMIN_VIEWER, Map.of(), Map.of());
        Caller orgAdmin = user("olga", UserRole.INTERNAL_USER, Map.of("org_a", OrgRole.ORG_ADMIN), Map.of());
        Caller teamAdmin = user("tom", UserRole.INTERNAL_USER, Map.of(), Map.of("alpha", TeamRole.ADMIN));
        policy.checkBudgets(admin, Action.BUDGET_MANAGE);
        policy.checkBudgets(viewer, Action.BUDGET_READ);
        policy.checkBudgets(orgAdmin, Action.BUDGET_READ);
        assertThatThrownBy(() -> policy.checkBudgets(viewer, Action.BUDGET_MANAGE)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> policy.checkBudgets(orgAdmin, Action.BUDGET_MANAGE)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> policy.checkBudgets(teamAdmin, Action.BUDGET_READ)).isInstanceOf(ApiException.class);
    }

    @Test
    void internalUserManagesOwnPersonalKeysOnly() {
        Caller alice = internal("alice");
        assertThat(policy.mayKey(alice, Action.KEY_DELETE, ALICE_PERSONAL)).isTrue();
        assertThat(policy.mayKey(internal("carol"), Action.KEY_DELETE, ALICE_PERSONAL)).isFalse();
        // A team key is the team's: its plain-member owner may not change it.
        assertThat(policy.mayKey(alice, Action.KEY_UPDATE, ALICE_IN_ALPHA)).isFalse();
    }

    @Test
    void ownerDeletesOwnKeyWhateverTheTeamGrantsButNoOneElses() {
        Caller alice = user("alice", UserRole.INTERNAL_USER, Map.of("org_a", OrgRole.INTERNAL_USER), Map.of("alpha", TeamRole.USER));
        Caller bob = user("bob", UserRole.INTERNAL_USER, Map.of("org_a", OrgRole.INTERNAL_USER), Map.of("alpha", TeamRole.USER));
        // alpha grants /key/info only: not /key/delete.
        assertThat(policy.mayKey(alice, Action.KEY_DELETE, ALICE_IN_ALPHA)).isTrue();
        assertThat(policy.mayKey(bob, Action.KEY_DELETE, ALICE_IN_ALPHA)).isFalse();
        // Only deleting: the team's grant still decides every other owner action.
        assertThat(policy.mayKey(alice, Action.KEY_REGENERATE, ALICE_IN_ALPHA)).isFalse();
        assertThat(policy.mayKey(alice, Action.KEY_BLOCK, ALICE_IN_ALPHA)).isFalse();
    }

    @Test
    void ownerDeletionStillNeedsAWritingKeyAndAWritingRole() {
        Caller readOnly = new Caller(Credential.VIRTUAL_KEY, "own", "alice", UserRole.INTERNAL_USER, null, null, KeyType.READ_ONLY, Map.of(),
                Map.of("alpha", TeamRole.USER), null);
        Caller viewer = user("alice", UserRole.INTERNAL_USER_VIEWER, Map.of(), Map.of("alpha", TeamRole.USER));
        assertThat(policy.mayKey(readOnly, Action.KEY_DELETE, ALICE_IN_ALPHA)).isFalse();
        assertThat(policy.mayKey(viewer, Action.KEY_DELETE, ALICE_PERSONAL)).isFalse();
        assertThat(policy.mayKey(internal("alice"), Action.KEY_DELETE, ALICE_PERSONAL)).isTrue();
    }

    /** Lowering a key's spend is an admin's: an owner would lift their own budget, even granted the route by name. */
    @Test
    void onlyAnAdminOfTheKeyResetsItsSpend() {
        Targets.Key granted = new Targets.Key("t4", "alice", "alpha", "org_a", List.of("/key/{key}/reset_spend"));
        Caller alice = user("alice", UserRole.INTERNAL_USER, Map.of("org_a", OrgRole.INTERNAL_USER), Map.of("alpha", TeamRole.USER));
        Caller teamAdmin = user("tom", UserRole.INTERNAL_USER, Map.of(), Map.of("alpha", TeamRole.ADMIN));
        assertThat(policy.mayKey(internal("alice"), Action.KEY_RESET_SPEND, ALICE_PERSONAL)).isFalse();
        assertThat(policy.mayKey(alice, Action.KEY_RESET_SPEND, granted)).isFalse();
        assertThat(policy.mayKey(teamAdmin, Action.KEY_RESET_SPEND, ALICE_IN_ALPHA)).isTrue();
        assertThat(policy.mayKey(teamAdmin, Action.KEY_RESET_SPEND, BOB_IN_BETA)).isFalse();
    }

    /** /key/health is a read of the calling key: no team grant needed, no other key, no llm_api key. */
    @Test
    void anyKeyChecksItsOwnHealthButNoOtherKeys() {
        Targets.Key bobsOwn = new Targets.Key("own-bob", "bob", "beta", "org_b", List.of());
        Caller bob = user("bob", UserRole.INTERNAL_USER, Map.of("org_b", OrgRole.INTERNAL_USER), Map.of("beta", TeamRole.USER));
        Caller bobsLlmApiKey = new Caller(Credential.VIRTUAL_KEY, "own-bob", "bob", UserRole.INTERNAL_USER, null, null, KeyType.LLM_API,
                Map.of("org_b", OrgRole.INTERNAL_USER), Map.of("beta", TeamRole.USER), null);
        assertThat(policy.mayKey(bob, Action.KEY_HEALTH, bobsOwn)).isTrue();
        assertThat(policy.mayKey(internal("carol"), Action.KEY_HEALTH, bobsOwn)).isFalse();
        assertThat(policy.mayKey(bobsLlmApiKey, Action.KEY_HEALTH, bobsOwn)).isFalse();
        assertThat(policy.mayKey(Caller.masterKey(), Action.KEY_HEALTH, new Targets.Key(null, null, null, null, List.of())))
                .isTrue();
    }

    @Test
    void ownersPersonalKeyInAnOrganizationNeedsTheirMembership() {
        Targets.Key aliceInOrgA = new Targets.Key(null, "alice", null, "org_a", List.of());
        Caller member = user("alice", UserRole.INTERNAL_USER, Map.of("org_a", OrgRole.INTERNAL_USER), Map.of());
        Caller outsider = internal("alice");
        assertThat(policy.mayKey(member, Action.KEY_GENERATE, aliceInOrgA)).isTrue();
        assertThat(policy.mayKey(outsider, Action.KEY_GENERATE, aliceInOrgA)).isFalse();
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
        Caller service = new Caller(Credential.VIRTUAL_KEY, "t2", null, UserRole.INTERNAL_USER, "alpha", "org_a", KeyType.DEFAULT, Map.of(), Map.of(), null);
        assertThat(policy.mayKey(service, Action.KEY_READ, ALICE_IN_ALPHA)).isTrue();
        assertThat(policy.mayKey(service, Action.KEY_DELETE, ALICE_IN_ALPHA)).isFalse();
        assertThat(policy.mayKey(service, Action.KEY_READ, BOB_IN_BETA)).isFalse();
        assertThat(policy.mayKey(service, Action.KEY_GENERATE, new Targets.Key(null, null, "alpha", "org_a", List.of()))).isFalse();
    }

    @Test
    void keyTypesLimitManagement() {
        Caller llmOnly = new Caller(Credential.VIRTUAL_KEY, "own", "root", UserRole.PROXY_ADMIN, null, null, KeyType.LLM_API, Map.of(), Map.of(), null);
        Caller readOnly = new Caller(Credential.VIRTUAL_KEY, "own", "root", UserRole.PROXY_ADMIN, null, null, KeyType.READ_ONLY, Map.of(), Map.of(), null);
        assertThat(policy.mayKey(llmOnly, Action.KEY_READ, BOB_IN_BETA)).isFalse();
        assertThat(policy.mayKey(readOnly, Action.KEY_READ, BOB_IN_BETA)).isTrue();
        assertThat(policy.mayKey(readOnly, Action.KEY_DELETE, BOB_IN_BETA)).isFalse();
    }

    @Test
    void teamsAreCreatedByProxyAdminsAndOrgAdminsInTheirOrganization() {
        Caller orgAdmin = user("oa", UserRole.INTERNAL_USER, Map.of("org_a", OrgRole.ORG_ADMIN), Map.of());
        assertThat(policy.mayTeam(orgAdmin, Action.TEAM_CREATE, new Targets.Team(null, "org_a"))).isTrue();
        assertThat(policy.mayTeam(orgAdmin, Action.TEAM_CREATE, new Targets.Team(null, "org_b"))).isFalse();
        assertThat(policy.mayTeam(orgAdmin, Action.TEAM_CREATE, new Targets.Team(null, null))).isFalse();
        Caller teamAdmin = user("tad", UserRole.INTERNAL_USER, Map.of(), Map.of("alpha", TeamRole.ADMIN));
        assertThat(policy.mayTeam(teamAdmin, Action.TEAM_MEMBERS, new Targets.Team("alpha", "org_a"))).isTrue();
        assertThat(policy.mayTeam(teamAdmin, Action.TEAM_CREATE, new Targets.Team(null, "org_a"))).isFalse();
    }

    @Test
    void denialsAre403InTheEnvelope() {
        assertThatThrownBy(() -> policy.checkOrganization(internal("alice"), Action.ORGANIZATION_CREATE, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.body().error().code()).isEqualTo("403");
                });
        policy.checkOrganization(Caller.masterKey(), Action.ORGANIZATION_CREATE, null);
    }

    @Test
    void teamMemberPermissionsGrantRoutesOnOwnTeamKeysOnly() {
        Caller member = user("alice", UserRole.INTERNAL_USER, Map.of(), Map.of("alpha", TeamRole.USER));
        Targets.Key own = new Targets.Key("t9", "alice", "alpha", "org_a", List.of("/key/info", "/key/delete"));
        Targets.Key peers = new Targets.Key("t8", "bob", "alpha", "org_a", List.of("/key/info", "/key/delete"));
        assertThat(policy.mayKey(member, Action.KEY_DELETE, own)).isTrue();
        assertThat(policy.mayKey(member, Action.KEY_UPDATE, own)).isFalse();
        assertThat(policy.mayKey(member, Action.KEY_DELETE, peers)).isFalse();
    }

    @Test
    void ownersChangeOnlyAliasMetadataAndDurationAdminsAnything() {
        Caller alice = internal("alice");
        policy.checkKeyFields(alice, Action.KEY_UPDATE, ALICE_PERSONAL, Set.of("key_alias", "metadata"));
        assertThatThrownBy(() -> policy.checkKeyFields(alice, Action.KEY_UPDATE, ALICE_PERSONAL, Set.of("max_budget")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        Caller teamAdmin = user("tad", UserRole.INTERNAL_USER, Map.of(), Map.of("alpha", TeamRole.ADMIN));
        policy.checkKeyFields(teamAdmin, Action.KEY_UPDATE, ALICE_IN_ALPHA, Set.of("max_budget"));
    }

    /** A key moves where its mover may create it, from where they may change it: both ends decide. */
    @Test
    void keyMovesNeedTheSourceAndTheDestination() {
        Caller teamAdmin = user("tad", UserRole.INTERNAL_USER, Map.of(), Map.of("alpha", TeamRole.ADMIN, "gamma", TeamRole.ADMIN));
        Targets.Key inGamma = new Targets.Key("t2", "alice", "gamma", "org_a", List.of());
        Set<String> moved = Set.of("team_id", "organization_id");
        policy.checkKeyMove(teamAdmin, Action.KEY_UPDATE, ALICE_IN_ALPHA, inGamma, moved);
        assertThatThrownBy(() -> policy.checkKeyMove(teamAdmin, Action.KEY_UPDATE, ALICE_IN_ALPHA,
                new Targets.Key("t2", "alice", "beta", "org_b", List.of()), moved))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        Caller orgAdmin = user("oa", UserRole.INTERNAL_USER, Map.of("org_a", OrgRole.ORG_ADMIN), Map.of());
        policy.checkKeyMove(orgAdmin, Action.KEY_UPDATE, ALICE_IN_ALPHA, inGamma, moved);
        assertThatThrownBy(() -> policy.checkKeyMove(orgAdmin, Action.KEY_UPDATE, BOB_IN_BETA,
                new Targets.Key("t3", "bob", "alpha", "org_a", List.of()), moved))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        // An owner never moves a key, even their own personal one into a team granting /key/generate.
        Caller alice = user("alice", UserRole.INTERNAL_USER, Map.of("org_a", OrgRole.INTERNAL_USER), Map.of("alpha", TeamRole.USER));
        assertThatThrownBy(() -> policy.checkKeyMove(alice, Action.KEY_UPDATE, ALICE_PERSONAL,
                new Targets.Key("t1", "alice", "alpha", "org_a", List.of("/key/generate")), Set.of("team_id")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    /** A team moves from where its mover sets its limits to where they may create teams. */
    @Test
    void teamMovesNeedTheSourcesLimitsAndTheDestinationsCreation() {
        Targets.Team alpha = new Targets.Team("alpha", "org_a");
        Caller orgAdminOfBoth = user("oa", UserRole.INTERNAL_USER,
                Map.of("org_a", OrgRole.ORG_ADMIN, "org_c", OrgRole.ORG_ADMIN), Map.of());
        policy.checkTeamMove(orgAdminOfBoth, alpha, "org_c");
        assertThatThrownBy(() -> policy.checkTeamMove(orgAdminOfBoth, alpha, "org_b"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> policy.checkTeamMove(orgAdminOfBoth, alpha, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        // A team admin who administers the destination organization still may not take the team out of its own.
        Caller teamAdmin = user("tad", UserRole.INTERNAL_USER, Map.of("org_c", OrgRole.ORG_ADMIN), Map.of("alpha", TeamRole.ADMIN));
        assertThatThrownBy(() -> policy.checkTeamMove(teamAdmin, alpha, "org_c"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        policy.checkTeamMove(Caller.masterKey(), alpha, null);
    }

    @Test
    void ownersMayNotUnblockWhatAnAdminBlocked() {
        assertThat(policy.mayKey(internal("alice"), Action.KEY_UNBLOCK, ALICE_PERSONAL)).isFalse();
        Caller orgAdmin = user("oa", UserRole.INTERNAL_USER, Map.of("org_a", OrgRole.ORG_ADMIN), Map.of());
        assertThat(policy.mayKey(orgAdmin, Action.KEY_UNBLOCK, ALICE_IN_ALPHA)).isTrue();
    }

    @Test
    void teamAdminsManageMembersButNotLimitsOrDeletion() {
        Caller teamAdmin = user("tad", UserRole.INTERNAL_USER, Map.of(), Map.of("alpha", TeamRole.ADMIN));
        Targets.Team alpha = new Targets.Team("alpha", "org_a");
        assertThat(policy.mayTeam(teamAdmin, Action.TEAM_UPDATE, alpha)).isTrue();
        assertThat(policy.mayTeam(teamAdmin, Action.TEAM_UPDATE_LIMITS, alpha)).isFalse();
        assertThat(policy.mayTeam(teamAdmin, Action.TEAM_DELETE, alpha)).isFalse();
        Caller orgAdmin = user("oa", UserRole.INTERNAL_USER, Map.of("org_a", OrgRole.ORG_ADMIN), Map.of());
        assertThat(policy.mayTeam(orgAdmin, Action.TEAM_UPDATE_LIMITS, alpha)).isTrue();
        assertThat(policy.mayTeam(orgAdmin, Action.TEAM_DELETE, alpha)).isTrue();
    }

    @Test
    void orgAdminsOnboardUsersOnlyIntoTheirOrganizations() {
        Caller orgAdmin = user("oa", UserRole.INTERNAL_USER, Map.of("org_a", OrgRole.ORG_ADMIN), Map.of());
        assertThat(policy.mayUser(orgAdmin, Action.USER_CREATE,
                new Targets.User(null, Set.of("org_a"), Set.of("alpha"), Set.of("org_a")))).isTrue();
        assertThat(policy.mayUser(orgAdmin, Action.USER_CREATE,
                new Targets.User(null, Set.of("org_a"), Set.of("beta"), Set.of("org_b")))).isFalse();
        assertThat(policy.mayUser(orgAdmin, Action.USER_CREATE, new Targets.User(null, Set.of(), Set.of(), Set.of())))
                .isFalse();
        assertThat(policy.mayUser(orgAdmin, Action.USER_UPDATE_PRIVILEGES,
                new Targets.User("x", Set.of("org_a"), Set.of(), Set.of()))).isFalse();
    }

    @Test
    void memberAddCreatesUsersOnlyForWhoMayBothAddMembersAndCreateUsersThere() {
        Caller orgAdmin = user("oa", UserRole.INTERNAL_USER, Map.of("org_a", OrgRole.ORG_ADMIN), Map.of());
        Caller teamAdmin = user("tad", UserRole.INTERNAL_USER, Map.of("org_a", OrgRole.INTERNAL_USER),
                Map.of("alpha", TeamRole.ADMIN));
        Caller admin = user("root", UserRole.PROXY_ADMIN, Map.of(), Map.of());
        Targets.Team alpha = new Targets.Team("alpha", "org_a");
        Targets.Team beta = new Targets.Team("beta", "org_b");
        Targets.Team orphan = new Targets.Team("orphan", null);
        assertThat(policy.mayOnboardTeamMember(orgAdmin, alpha)).isTrue();
        assertThat(policy.mayOnboardTeamMember(orgAdmin, beta)).isFalse();
        assertThat(policy.mayOnboardTeamMember(orgAdmin, orphan)).isFalse();
        // A team admin adds members but creates no users: the intersection, not the union.
        assertThat(policy.mayTeam(teamAdmin, Action.TEAM_MEMBERS, alpha)).isTrue();
        assertThat(policy.mayOnboardTeamMember(teamAdmin, alpha)).isFalse();
        assertThat(policy.mayOnboardTeamMember(admin, orphan)).isTrue();
        assertThat(policy.mayOnboardOrganizationMember(orgAdmin, "org_a")).isTrue();
        assertThat(policy.mayOnboardOrganizationMember(orgAdmin, "org_b")).isFalse();
        assertThat(policy.mayOnboardOrganizationMember(teamAdmin, "org_a")).isFalse();
        assertThat(policy.mayOnboardOrganizationMember(admin, "org_b")).isTrue();
        assertThatThrownBy(() -> policy.checkTeamMemberOnboarding(teamAdmin, alpha))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void auditIsForAdminsOnly() {
        assertThat(policy.auditVisibility(Caller.masterKey()).all()).isTrue();
        Caller orgAdmin = user("oa", UserRole.INTERNAL_USER, Map.of("org_a", OrgRole.ORG_ADMIN), Map.of());
        assertThat(policy.auditVisibility(orgAdmin).adminOrganizations()).containsExactly("org_a");
        assertThatThrownBy(() -> policy.auditVisibility(internal("alice")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    }
}
