package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/**
 * What any write leaves in the database: the row count of every table, the newest audit row and
 * the newest {@code updated_at}. Keygate audits every successful write in its own transaction, so a
 * request that leaves this unchanged wrote nothing. Scenarios run one at a time (per test JVM, and
 * each test JVM has a database of its own), so nothing else writes in between.
 */
record DatabaseFootprint(Map<String, Object> values) {

    static DatabaseFootprint now() {
        return new DatabaseFootprint(Keygate.db().row("""
                SELECT (SELECT count(*) FROM keys) AS keys,
                       (SELECT count(*) FROM deleted_keys) AS deleted_keys,
                       (SELECT count(*) FROM teams) AS teams,
                       (SELECT count(*) FROM users) AS users,
                       (SELECT count(*) FROM organizations) AS organizations,
                       (SELECT count(*) FROM team_memberships) AS team_memberships,
                       (SELECT count(*) FROM organization_memberships) AS organization_memberships,
                       (SELECT count(*) FROM jwt_key_mappings) AS jwt_key_mappings,
                       (SELECT count(*) FROM budgets) AS budgets,
                       (SELECT count(*) FROM spend_requests) AS spend_requests,
                       (SELECT coalesce(sum(requests), 0) FROM spend_daily) AS spend_daily_requests,
                       (SELECT count(*) FROM audit_log) AS audit_rows,
                       (SELECT max(id) FROM audit_log) AS last_audit_id,
                       greatest((SELECT max(updated_at) FROM keys), (SELECT max(updated_at) FROM teams),
                                (SELECT max(updated_at) FROM users), (SELECT max(updated_at) FROM organizations),
                                (SELECT max(updated_at) FROM team_memberships),
                                (SELECT max(updated_at) FROM organization_memberships),
                                (SELECT max(updated_at) FROM jwt_key_mappings),
                                (SELECT max(updated_at) FROM budgets)) AS last_update""")
                .orElseThrow());
    }

    void assertUnchangedBy(Response response) {
        assertThat(now().values()).as("database after %s", response).isEqualTo(values);
    }
}
