package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The isolation every other test relies on: a scratch fixture leaves nothing behind. */
@BehaviorTest
class ScratchFixtureTest {

    @Test
    void cleanupRemovesEveryRowWithThePrefix(Scratch scratch) {
        String org = scratch.name("org");
        String team = scratch.name("team");
        String user = scratch.name("user");
        scratch.insertOrganization(org);
        scratch.insertUser(user);
        scratch.insertTeam(team, org);
        scratch.insertTeamMember(team, user);
        scratch.insertOrganizationMember(org, user);
        Scratch.ScratchKey key = scratch.insertKey(new KeyShape(user, team, org));
        // A change through the API, so the server writes an audit row about this test's key.
        Keygate.api().post("/key/update", java.util.Map.of("key", key.token(), "metadata", java.util.Map.of("k", "v")),
                Actor.PROXY_ADMIN.credential()).assertStatus(200);
        // Found by its alias only: the shape of a key a test generates through the API for a world user.
        scratch.insertKey(Actor.OWNER.keyShape());
        assertThat(rowsMentioning(scratch.prefix())).as("rows before cleanup").allSatisfy((table, rows) -> assertThat(rows).isPositive());

        scratch.close();

        assertThat(rowsMentioning(scratch.prefix())).as("rows after cleanup").allSatisfy((table, rows) -> assertThat(rows).isZero());
        assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE token = ?", Actor.OWNER.token()))
                .as("the world key of the user the scratch key belonged to").isOne();
    }

    /**
     * Per table, rows whose text form contains the prefix in any column: deliberately broader than
     * the fixture's own delete statements, so it can catch a column they forget.
     */
    private static Map<String, Long> rowsMentioning(String prefix) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : Scratch.TABLES) {
            counts.put(table, Keygate.db().count("SELECT count(*) FROM " + table + " t WHERE strpos(t::text, ?) > 0", prefix));
        }
        return counts;
    }
}
