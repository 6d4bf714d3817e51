package dev.keygate.behavior;

import java.math.BigDecimal;

/**
 * A key whose user, team, team membership and organization all belong to one scratch, so that
 * recording spend on it moves no row of the seeded world.
 */
record SpendFixture(Scratch.ScratchKey key, String userId, String teamId, String organizationId) {

    static SpendFixture insert(Scratch scratch) {
        String organizationId = scratch.name("spend_org");
        String teamId = scratch.name("spend_team");
        String userId = scratch.name("spend_user");
        scratch.insertOrganization(organizationId);
        scratch.insertTeam(teamId, organizationId);
        scratch.insertUser(userId);
        scratch.insertTeamMember(teamId, userId);
        Scratch.ScratchKey key = scratch.insertKey(new KeyShape(userId, teamId, organizationId));
        return new SpendFixture(key, userId, teamId, organizationId);
    }

    /** The spend stored on the key, user, team, membership and organization, in that order. */
    BigDecimal[] spends() {
        Db db = Keygate.db();
        return new BigDecimal[] {
            spend(db, "SELECT spend FROM keys WHERE token = ?", key.token()),
            spend(db, "SELECT spend FROM users WHERE user_id = ?", userId),
            spend(db, "SELECT spend FROM teams WHERE team_id = ?", teamId),
            spend(db, "SELECT spend FROM team_memberships WHERE team_id = ? AND user_id = ?", teamId, userId),
            spend(db, "SELECT spend FROM organizations WHERE organization_id = ?", organizationId)};
    }

    long requestRows() {
        return Keygate.db().count("SELECT count(*) FROM spend_requests WHERE token = ?", key.token());
    }

    private static BigDecimal spend(Db db, String sql, Object... params) {
        return (BigDecimal) db.row(sql, params).orElseThrow().get("spend");
    }
}
