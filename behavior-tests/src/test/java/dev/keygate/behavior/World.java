package dev.keygate.behavior;

import java.sql.SQLException;
import java.util.Arrays;

/**
 * The fixed population every matrix runs against: two organizations, a team in each, and the
 * {@link Actor}s. Seeded with JDBC, not the API, so the API under test does not build its own
 * fixtures. Ids start with {@value #PREFIX}; tests never modify these rows.
 */
public final class World {

    public static final String PREFIX = "w_";
    public static final String ORG_A = "w_org_a";
    public static final String ORG_B = "w_org_b";
    public static final String TEAM_ALPHA = "w_team_alpha";
    public static final String TEAM_BETA = "w_team_beta";
    /** org_a's second team: "same organization, another team" for every org_a actor. */
    public static final String TEAM_GAMMA = "w_team_gamma";
    /** A user who is none of the actors: a plain member of org_a, in no team, with no key. */
    public static final String BYSTANDER = "w_bystander";
    /** A plain member of org_a and team_gamma (no actor is in gamma), with one key there. */
    public static final String GAMMA_MEMBER = "w_gamma_member";
    public static final String GAMMA_MEMBER_KEY = "sk-world-gamma-member-q7Zx2mK9vRt4Lw8N";
    public static final String GAMMA_MEMBER_KEY_ALIAS = "w_gamma_member";

    private World() {}

    /** Idempotent: removes any earlier world (a reused external database) and inserts it afresh. */
    static void seed(Db db) {
        db.transaction(session -> {
            delete(session);
            insert(session);
        });
    }

    private static void delete(Db.Session session) throws SQLException {
        String[] tokens = java.util.stream.Stream.concat(Arrays.stream(Actor.values()).map(Actor::token),
                java.util.stream.Stream.of(Keys.token(GAMMA_MEMBER_KEY))).toArray(String[]::new);
        // Keys first, by any world column (or a world token under another alias), then what they point at.
        session.update("""
                DELETE FROM keys
                 WHERE token = ANY(?) OR starts_with(key_alias, ?) OR starts_with(user_id, ?)
                    OR starts_with(team_id, ?) OR starts_with(organization_id, ?)""",
                tokens, PREFIX, PREFIX, PREFIX, PREFIX);
        session.update("DELETE FROM team_memberships WHERE starts_with(team_id, ?) OR starts_with(user_id, ?)", PREFIX, PREFIX);
        session.update("DELETE FROM organization_memberships WHERE starts_with(organization_id, ?) OR starts_with(user_id, ?)",
                PREFIX, PREFIX);
        session.update("DELETE FROM teams WHERE starts_with(team_id, ?)", PREFIX);
        session.update("DELETE FROM users WHERE starts_with(user_id, ?)", PREFIX);
        session.update("DELETE FROM organizations WHERE starts_with(organization_id, ?)", PREFIX);
    }

    private static void insert(Db.Session session) throws SQLException {
        insertOrganization(session, ORG_A);
        insertOrganization(session, ORG_B);
        session.update("INSERT INTO teams (team_id, team_alias, organization_id) VALUES (?, ?, ?)", TEAM_ALPHA, TEAM_ALPHA, ORG_A);
        session.update("INSERT INTO teams (team_id, team_alias, organization_id) VALUES (?, ?, ?)", TEAM_BETA, TEAM_BETA, ORG_B);
        session.update("INSERT INTO teams (team_id, team_alias, organization_id) VALUES (?, ?, ?)", TEAM_GAMMA, TEAM_GAMMA, ORG_A);
        for (Actor actor : Actor.values()) {
            insertActor(session, actor);
        }
        session.update("INSERT INTO users (user_id, user_alias, user_role) VALUES (?, ?, 'internal_user')", BYSTANDER, BYSTANDER);
        session.update("INSERT INTO organization_memberships (organization_id, user_id, user_role) VALUES (?, ?, 'internal_user')",
                ORG_A, BYSTANDER);
        session.update("INSERT INTO users (user_id, user_alias, user_role) VALUES (?, ?, 'internal_user')", GAMMA_MEMBER, GAMMA_MEMBER);
        session.update("INSERT INTO organization_memberships (organization_id, user_id, user_role) VALUES (?, ?, 'internal_user')",
                ORG_A, GAMMA_MEMBER);
        session.update("INSERT INTO team_memberships (team_id, user_id, role) VALUES (?, ?, 'user')", TEAM_GAMMA, GAMMA_MEMBER);
        insertKey(session, GAMMA_MEMBER_KEY, GAMMA_MEMBER_KEY_ALIAS, new KeyShape(GAMMA_MEMBER, TEAM_GAMMA, ORG_A));
    }

    private static void insertOrganization(Db.Session session, String id) throws SQLException {
        session.update("INSERT INTO organizations (organization_id, organization_alias) VALUES (?, ?)", id, id);
    }

    private static void insertActor(Db.Session session, Actor actor) throws SQLException {
        if (actor.userId() != null) {
            session.update("INSERT INTO users (user_id, user_alias, user_role) VALUES (?, ?, ?)",
                    actor.userId(), actor.userId(), actor.platformRole());
        }
        if (actor.organizationSeat() != null) {
            session.update("INSERT INTO organization_memberships (organization_id, user_id, user_role) VALUES (?, ?, ?)",
                    actor.organizationSeat().id(), actor.userId(), actor.organizationSeat().role());
        }
        if (actor.teamSeat() != null) {
            session.update("INSERT INTO team_memberships (team_id, user_id, role) VALUES (?, ?, ?)",
                    actor.teamSeat().id(), actor.userId(), actor.teamSeat().role());
        }
        insertKey(session, actor.key(), actor.keyAlias(), actor.keyShape());
    }

    /** Shared with {@link Scratch}: a keys row as the service would store it, from a cleartext key. */
    static void insertKey(Db.Session session, String cleartext, String alias, KeyShape shape) throws SQLException {
        session.update("""
                INSERT INTO keys (token, key_name, key_alias, user_id, team_id, organization_id)
                VALUES (?, ?, ?, ?, ?, ?)""",
                Keys.token(cleartext), Keys.maskedName(cleartext), alias,
                shape.userId(), shape.teamId(), shape.organizationId());
    }
}
