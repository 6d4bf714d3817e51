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
import static org.assertj.core.api.Assertions.entry;

import dev.keygate.behavior.Matrix.Cell;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may mint a team's service-account key (a key with a team and no user):
 * {@code POST /key/service-account/generate}. Admins of the team (or above) only.
 */
@BehaviorTest
class ServiceAccountKeyMatrixTest {

    /** The team the key is for; MISSING is a scratch id never inserted. */
    enum Target {
        ALPHA(World.TEAM_ALPHA, World.ORG_A),
        GAMMA(World.TEAM_GAMMA, World.ORG_A),
        BETA(World.TEAM_BETA, World.ORG_B),
        MISSING(null, null);

        final String teamId;
        final String organizationId;

        Target(String teamId, String organizationId) {
            this.teamId = teamId;
            this.organizationId = organizationId;
        }

        String teamId(Scratch scratch) {
            return teamId != null ? teamId : scratch.name("missing_team");
        }
    }

    static final Matrix<Target> EXPECTED = Matrix.of("POST /key/service-account/generate", "%s generates a service-account key for %s",
                    Target.values())
            //                        ALPHA GAMMA BETA MISSING
            .row(PROXY_ADMIN,        200,  200,  200, 404)
            .row(ORG_ADMIN,          200,  200,  403, 404)
            .row(TEAM_ADMIN,         200,  403,  403, 404)
            .row(INTERNAL_USER,      403,  403,  403, 404)
            .row(OWNER,              403,  403,  403, 404)
            .row(UNRELATED_SAME_ORG, 403,  403,  403, 404)
            .row(CROSS_ORG_USER,     403,  403,  403, 404)
            .row(SERVICE_ACCOUNT,    403,  403,  403, 404);

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void generateServiceAccountKey(Cell<Target> cell, Scratch scratch) {
        String teamId = cell.target().teamId(scratch);
        String alias = scratch.name("service_account");
        Map<String, Object> before = state(teamId, alias);

        Response response = Keygate.api().post("/key/service-account/generate", Map.of("team_id", teamId, "key_alias", alias),
                cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            String key = response.body().path("key").asText();
            String token = Keys.token(key);
            assertThat(key).as("cleartext in %s", response).startsWith("sk-");
            assertThat(response.body().path("token").asText()).as("token in %s", response).isEqualTo(token);
            assertThat(response.body().path("user_id").isNull()).as("user_id is null in %s", response).isTrue();
            assertThat(response.body().path("team_id").asText()).as("team_id in %s", response).isEqualTo(teamId);

            Map<String, Object> stored = Keygate.db().row("SELECT user_id, team_id, organization_id, key_alias FROM keys WHERE token = ?",
                    token).orElseThrow(() -> new AssertionError("no keys row for " + response));
            // No user: the key is the team's own; it belongs to the team's organization.
            assertThat(stored).as("stored key").containsExactly(entry("user_id", null), entry("team_id", teamId),
                    entry("organization_id", cell.target().organizationId), entry("key_alias", alias));
            Keygate.api().ownKeyInfo(Credential.bearer(key)).assertStatus(200);
            KeyChecks.assertAudited("key.generate", token, key, token);
        } else {
            response.assertErrorEnvelope();
            Map<String, Object> after = state(teamId, alias);
            assertThat(after).as("team, its keys and the alias's keys and audit rows").isEqualTo(before)
                    .containsEntry("alias_keys", 0L).containsEntry("alias_audits", 0L);
        }
    }

    /** What a refused generate must leave as it was: the team row, its keys, nothing under the alias. */
    private static Map<String, Object> state(String teamId, String alias) {
        return Keygate.db().row("""
                SELECT (SELECT t::text FROM teams t WHERE t.team_id = ?) AS team,
                       (SELECT count(*) FROM keys WHERE team_id = ?) AS team_keys,
                       (SELECT count(*) FROM keys WHERE key_alias = ?) AS alias_keys,
                       (SELECT count(*) FROM audit_log WHERE action = 'key.generate' AND after_value->>'key_alias' = ?) AS alias_audits""",
                teamId, teamId, alias, alias).orElseThrow();
    }
}
