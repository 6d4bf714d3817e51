package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Shared by the organization, user and audit matrices: scratch organizations shaped like their
 * tables' targets, and the database reads their post-conditions need (state snapshots for "a denial
 * changes nothing", audit counts, the world ids in a list).
 */
final class OrgUserFixtures {

    /** The org_a actors seated as plain members of OWN_ORG (ORG_ADMIN is its org_admin). */
    private static final List<Actor> OWN_ORG_MEMBERS =
            List.of(Actor.TEAM_ADMIN, Actor.INTERNAL_USER, Actor.OWNER, Actor.UNRELATED_SAME_ORG);

    /** Any {@code sk-} text in an audit value, the masked {@code sk-...abcd} form included. */
    private static final Pattern SK = Pattern.compile("sk-(\\.\\.\\.)?[A-Za-z0-9_-]*");

    private OrgUserFixtures() {}

    /** The write targets of the organization matrices, built afresh for each cell. */
    enum OrgTarget {
        OWN_ORG, OTHER_ORG, MISSING;

        /** Creates the scratch organization (none for MISSING) and returns its id. */
        String create(Scratch scratch) {
            return switch (this) {
                case OWN_ORG -> ownOrganization(scratch);
                case OTHER_ORG -> otherOrganization(scratch);
                // Prefixed all the same, so teardown would remove it if the server wrongly created it.
                case MISSING -> scratch.name("missing_org");
            };
        }
    }

    /**
     * A scratch organization seated like org_a: ORG_ADMIN's user as its org_admin; TEAM_ADMIN,
     * INTERNAL_USER, OWNER, UNRELATED_SAME_ORG and BYSTANDER as internal users.
     */
    static String ownOrganization(Scratch scratch) {
        Map<String, String> seats = new LinkedHashMap<>();
        seats.put(Actor.ORG_ADMIN.userId(), "org_admin");
        OWN_ORG_MEMBERS.forEach(member -> seats.put(member.userId(), "internal_user"));
        seats.put(World.BYSTANDER, "internal_user");
        return organization(scratch, "own_org", seats);
    }

    /** A scratch organization seated like org_b: CROSS_ORG_USER and BYSTANDER as internal users. */
    static String otherOrganization(Scratch scratch) {
        return organization(scratch, "other_org",
                Map.of(Actor.CROSS_ORG_USER.userId(), "internal_user", World.BYSTANDER, "internal_user"));
    }

    /**
     * The organization and its seats in one transaction: Scratch's one-row helpers would open a
     * connection per row, and these fixtures are built for every cell. Prefixed ids only, so
     * Scratch's teardown removes it all.
     */
    private static String organization(Scratch scratch, String base, Map<String, String> seats) {
        String id = scratch.name(base);
        Keygate.db().transaction(session -> {
            session.update("INSERT INTO organizations (organization_id, organization_alias) VALUES (?, ?)", id, id);
            for (Map.Entry<String, String> seat : seats.entrySet()) {
                session.update("INSERT INTO organization_memberships (organization_id, user_id, user_role) VALUES (?, ?, ?)",
                        id, seat.getKey(), seat.getValue());
            }
        });
        return id;
    }

    /** A scratch team in the organization with BYSTANDER as a plain member; returns its id. */
    static String bystanderTeam(Scratch scratch, String organizationId) {
        String teamId = scratch.name("org_team");
        Keygate.db().transaction(session -> {
            session.update("INSERT INTO teams (team_id, team_alias, organization_id) VALUES (?, ?, ?)",
                    teamId, teamId, organizationId);
            session.update("INSERT INTO team_memberships (team_id, user_id, role) VALUES (?, ?, 'user')", teamId, World.BYSTANDER);
        });
        return teamId;
    }

    /**
     * A scratch internal user with the given organization seats (internal_user) and team seats
     * (user), in one transaction.
     */
    static String user(Scratch scratch, String base, List<String> organizationIds, List<String> teamIds) {
        String userId = scratch.name(base);
        Keygate.db().transaction(session -> {
            session.update("INSERT INTO users (user_id, user_alias) VALUES (?, ?)", userId, userId);
            for (String organizationId : organizationIds) {
                session.update("INSERT INTO organization_memberships (organization_id, user_id) VALUES (?, ?)",
                        organizationId, userId);
            }
            for (String teamId : teamIds) {
                session.update("INSERT INTO team_memberships (team_id, user_id) VALUES (?, ?)", teamId, userId);
            }
        });
        return userId;
    }

    /**
     * Everything stored under an organization, as text: its row, memberships, teams, their
     * memberships, keys, and how many audit rows name it (or any of {@code alsoAudited}, e.g. a
     * member) as object or organization. Equal before and after = nothing changed, nothing audited.
     */
    static String organizationState(String organizationId, String... alsoAudited) {
        String[] audited = Stream.concat(Stream.of(organizationId), Stream.of(alsoAudited)).toArray(String[]::new);
        return (String) Keygate.db().row("""
                SELECT concat_ws(E'\n',
                    (SELECT o::text FROM organizations o WHERE o.organization_id = ?),
                    (SELECT string_agg(m::text, ';' ORDER BY m.user_id) FROM organization_memberships m
                      WHERE m.organization_id = ?),
                    (SELECT string_agg(t::text, ';' ORDER BY t.team_id) FROM teams t WHERE t.organization_id = ?),
                    (SELECT string_agg(tm::text, ';' ORDER BY tm.team_id, tm.user_id) FROM team_memberships tm
                      JOIN teams t ON t.team_id = tm.team_id WHERE t.organization_id = ?),
                    (SELECT string_agg(k::text, ';' ORDER BY k.token) FROM keys k WHERE k.organization_id = ?),
                    'audit rows: ' || (SELECT count(*) FROM audit_log a
                                        WHERE a.object_id = ANY(?) OR a.organization_id = ANY(?))) AS state""",
                organizationId, organizationId, organizationId, organizationId, organizationId, audited, audited)
                .orElseThrow().get("state");
    }

    /** Everything stored about a user, as text: their row, memberships, keys, and the audit rows naming them. */
    static String userState(String userId) {
        return (String) Keygate.db().row("""
                SELECT concat_ws(E'\n',
                    (SELECT u::text FROM users u WHERE u.user_id = ?),
                    (SELECT string_agg(m::text, ';' ORDER BY m.organization_id) FROM organization_memberships m
                      WHERE m.user_id = ?),
                    (SELECT string_agg(m::text, ';' ORDER BY m.team_id) FROM team_memberships m WHERE m.user_id = ?),
                    (SELECT string_agg(k::text, ';' ORDER BY k.token) FROM keys k WHERE k.user_id = ?),
                    'audit rows: ' || (SELECT count(*) FROM audit_log a WHERE a.object_id = ?)) AS state""",
                userId, userId, userId, userId, userId).orElseThrow().get("state");
    }

    /** A user's organization memberships as {@code "<organization_id> <role>"}, ';'-separated, by id. */
    static String organizationsOf(String userId) {
        return (String) Keygate.db().row("""
                SELECT coalesce(string_agg(organization_id || ' ' || user_role, ';' ORDER BY organization_id), '') AS orgs
                  FROM organization_memberships WHERE user_id = ?""", userId).orElseThrow().get("orgs");
    }

    /** A refused user creation: the error envelope, no user row and no audit row about the user. */
    static void assertNoUser(Response response, String userId) {
        response.assertErrorEnvelope();
        assertThat(Keygate.db().count("SELECT count(*) FROM users WHERE user_id = ?", userId))
                .as("users stored after %s", response).isZero();
        assertThat(auditRowsAbout(userId)).as("audit rows about %s after %s", userId, response).isZero();
    }

    /** Audit rows about any of {@code ids}, as their object or as their organization. */
    static long auditRowsAbout(String... ids) {
        return Keygate.db().count("SELECT count(*) FROM audit_log WHERE object_id = ANY(?) OR organization_id = ANY(?)",
                ids, ids);
    }

    /** The convention's audit check: rows with this action on this object. */
    static long auditRows(String action, String objectId) {
        return Keygate.db().count("SELECT count(*) FROM audit_log WHERE action = ? AND object_id = ?", action, objectId);
    }

    /** Audit rows of a member action: the member's user id in the given organization. */
    static long memberAuditRows(String action, String userId, String organizationId) {
        return Keygate.db().count("SELECT count(*) FROM audit_log WHERE action = ? AND object_id = ? AND organization_id = ?",
                action, userId, organizationId);
    }

    /**
     * The values of {@code field} in an array of objects that are world ids (scratch rows of a test
     * may be listed too), in order and with any duplicates, so an exact-set assertion catches them.
     */
    static List<String> worldIds(JsonNode array, String field) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : array) {
            String id = item.isTextual() ? item.asText() : item.path(field).asText();
            if (id.startsWith(World.PREFIX)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * An audit value holds no secret of the key: neither its cleartext nor its token, and no
     * {@code sk-} text but the masked {@code key_name} ({@code sk-...} and four characters), which
     * is no secret and is part of the key as the API shows it.
     */
    static void assertNoKeySecret(String value, String cleartext, String token) {
        if (value == null) {
            return;
        }
        assertThat(value).as("audit value").doesNotContain(cleartext).doesNotContain(token);
        Matcher matcher = SK.matcher(value);
        while (matcher.find()) {
            assertThat(matcher.group()).as("sk- text in audit value %s", value).isEqualTo(Keys.maskedName(cleartext));
        }
    }
}
