package dev.keygate.behavior;

import static dev.keygate.behavior.World.BYSTANDER;
import static dev.keygate.behavior.World.ORG_A;
import static dev.keygate.behavior.World.ORG_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the team write matrices share: the scratch teams each cell writes on, and the checks every
 * cell makes (a denied write changes nothing and audits nothing; a granted one audits once).
 */
final class TeamFixture {

    private TeamFixture() {}

    /** The team a write aims at; every cell builds its own fresh one. */
    enum Target {
        /** org_a; TEAM_ADMIN its admin, INTERNAL_USER, OWNER, UNRELATED_SAME_ORG and BYSTANDER plain members. */
        OWN_TEAM,
        /** org_a; only BYSTANDER in it: the same organization, but none of the actors' team. */
        SAME_ORG,
        /** org_b; CROSS_ORG_USER and BYSTANDER plain members. */
        OTHER_ORG,
        /** A scratch id that was never inserted. */
        MISSING;

        /** Inserts the team (not for MISSING) and returns its id. */
        String build(Scratch scratch) {
            return build(scratch, false).teamId();
        }

        /**
         * Inserts the team, its members and, with {@code bystanderKey}, a scratch key of BYSTANDER in
         * it (to watch what happens to the team's keys). MISSING inserts nothing and holds no key.
         */
        Built build(Scratch scratch, boolean bystanderKey) {
            String teamId = scratch.name("team_" + name().toLowerCase(java.util.Locale.ROOT));
            if (this == MISSING) {
                return new Built(teamId, null);
            }
            scratch.insertTeam(teamId, organizationId());
            members().forEach((userId, role) -> scratch.insertTeamMember(teamId, userId, role));
            Scratch.ScratchKey key = bystanderKey ? scratch.insertKey(new KeyShape(BYSTANDER, teamId, organizationId())) : null;
            return new Built(teamId, key);
        }

        /** user id → team role of the built team's members. */
        Map<String, String> members() {
            Map<String, String> members = new java.util.LinkedHashMap<>();
            switch (this) {
                case OWN_TEAM -> {
                    members.put(Actor.TEAM_ADMIN.userId(), "admin");
                    members.put(Actor.INTERNAL_USER.userId(), "user");
                    members.put(Actor.OWNER.userId(), "user");
                    members.put(Actor.UNRELATED_SAME_ORG.userId(), "user");
                }
                case OTHER_ORG -> members.put(Actor.CROSS_ORG_USER.userId(), "user");
                case SAME_ORG, MISSING -> { }
            }
            members.put(BYSTANDER, "user");
            return members;
        }

        /** The organization the built team is in (null for MISSING). */
        String organizationId() {
            return switch (this) {
                case OWN_TEAM, SAME_ORG -> ORG_A;
                case OTHER_ORG -> ORG_B;
                case MISSING -> null;
            };
        }
    }

    /** A built target: its team id and, when asked for, BYSTANDER's scratch key in it (else null). */
    record Built(String teamId, Scratch.ScratchKey key) {}

    /**
     * Everything a team write could touch, as text: the team row, its memberships and its keys,
     * plus the audit trail's high-water mark so later checks see only rows written after it.
     */
    record Snapshot(String state, long auditMark) {}

    static Snapshot snapshot(String teamId) {
        return observe(teamId, 0, new String[0]).snapshot();
    }

    /**
     * A denial or 404: the error envelope, the team (row, memberships, keys) exactly as before, and
     * no audit row about the team or any of {@code objectIds} since the snapshot.
     */
    static void assertUnchanged(Response response, int expected, String teamId, Snapshot before, String... objectIds) {
        response.assertError(expected);
        List<String> ids = new ArrayList<>(List.of(objectIds));
        ids.add(teamId);
        Observation after = observe(teamId, before.auditMark(), ids.toArray(String[]::new));
        assertThat(after.snapshot().state()).as("team %s (row, memberships, keys) after %s", teamId, response)
                .isEqualTo(before.state());
        assertThat(after.auditRowsSince()).as("audit rows about %s after %s", ids, response).isZero();
    }

    /** The team's state, the audit mark, and the audit rows about {@code ids} after {@code since}: one query. */
    private static Observation observe(String teamId, long since, String[] ids) {
        Map<String, Object> row = Keygate.db().row("""
                SELECT concat_ws(E'\\n',
                         (SELECT t::text FROM teams t WHERE team_id = ?),
                         (SELECT string_agg(m::text, ';' ORDER BY m.user_id) FROM team_memberships m WHERE team_id = ?),
                         (SELECT string_agg(k::text, ';' ORDER BY k.token) FROM keys k WHERE team_id = ?)) AS state,
                       (SELECT coalesce(max(id), 0) FROM audit_log) AS mark,
                       (SELECT count(*) FROM audit_log WHERE id > ? AND object_id = ANY(?)) AS audited""",
                teamId, teamId, teamId, since, ids).orElseThrow();
        return new Observation(new Snapshot((String) row.get("state"), ((Number) row.get("mark")).longValue()),
                ((Number) row.get("audited")).longValue());
    }

    private record Observation(Snapshot snapshot, long auditRowsSince) {}

    /** A granted write: exactly one {@code action} row about {@code objectId} since the snapshot. */
    static void assertAudited(Snapshot before, String action, String objectId) {
        assertThat(Keygate.db().count("SELECT count(*) FROM audit_log WHERE id > ? AND action = ? AND object_id = ?",
                before.auditMark(), action, objectId))
                .as("%s audit rows about %s", action, objectId).isOne();
    }

    /** A write that took a key along: no audit row since the snapshot holds its cleartext, its token or "sk-". */
    static void assertNoSecretsAudited(Snapshot before, Scratch.ScratchKey key) {
        assertThat(Keygate.db().count("""
                SELECT count(*) FROM audit_log
                 WHERE id > ? AND (strpos(concat_ws(' ', before_value::text, after_value::text), ?) > 0
                                   OR strpos(concat_ws(' ', before_value::text, after_value::text), ?) > 0
                                   OR strpos(concat_ws(' ', before_value::text, after_value::text), 'sk-') > 0)""",
                before.auditMark(), key.cleartext(), key.token()))
                .as("audit rows holding the key's cleartext, token or an sk- string").isZero();
    }

    /**
     * Member audit rows name the member (a world user such as BYSTANDER) and hold no team id, so
     * Scratch's teardown cannot find them: a cell removes the ones it caused itself.
     */
    static void deleteMemberAuditSince(Snapshot before, String userId) {
        Keygate.db().update("DELETE FROM audit_log WHERE id > ? AND object_type = 'team_member' AND object_id = ?",
                before.auditMark(), userId);
    }

    static long membershipRows(String teamId) {
        return Keygate.db().count("SELECT count(*) FROM team_memberships WHERE team_id = ?", teamId);
    }

    static long keyRows(String teamId) {
        return Keygate.db().count("SELECT count(*) FROM keys WHERE team_id = ?", teamId);
    }

    /** {@code team_id} of every element of a JSON array of teams. */
    static List<String> teamIds(JsonNode teams) {
        List<String> ids = new ArrayList<>();
        teams.forEach(team -> ids.add(team.path("team_id").asText()));
        return ids;
    }

    /** {@code user_id} → {@code role} of a team's {@code members_with_roles}. */
    static Map<String, String> members(JsonNode team) {
        Map<String, String> members = new java.util.TreeMap<>();
        team.path("members_with_roles").forEach(m -> members.put(m.path("user_id").asText(), m.path("role").asText()));
        return members;
    }
}
