package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.behavior.Scratch.ScratchKey;
import java.util.Map;

/**
 * What the key matrices share: the five targets of a key write and the database facts each cell
 * checks (the row as it is stored, the audit trail about it). Reads go straight to Postgres, so a
 * service that misreports its own effect cannot agree with itself.
 */
final class KeyChecks {

    /** Where the masked {@code key_name} ("sk-..." and four characters) shows in an audit value. */
    private static final String MASKED_KEY_NAME = "\"sk-\\.\\.\\.[^\"]{4}\"";

    private KeyChecks() {}

    /**
     * Whose key a write names: always a fresh scratch key, shaped (user, team, organization) like
     * the target's world key, so no world key is ever at risk.
     */
    enum WriteTarget {
        /** Shaped like the caller's own world key (for SERVICE_ACCOUNT: another key of the team with no user). */
        OWN,
        /** OWNER's: a plain member's key in team_alpha (org_a). */
        SAME_TEAM,
        /** GAMMA_MEMBER's: a key in team_gamma, org_a's team no actor belongs to. */
        SAME_ORG,
        /** CROSS_ORG_USER's: a key in team_beta (org_b). */
        OTHER_ORG,
        /** A well-formed sk- key that was never stored. */
        MISSING;

        ScratchKey insert(Actor caller, Scratch scratch) {
            return switch (this) {
                case OWN -> scratch.insertKey(caller.keyShape());
                case SAME_TEAM -> scratch.insertKey(Actor.OWNER.keyShape());
                case SAME_ORG -> scratch.insertKey(new KeyShape(World.GAMMA_MEMBER, World.TEAM_GAMMA, World.ORG_A));
                case OTHER_ORG -> scratch.insertKey(Actor.CROSS_ORG_USER.keyShape());
                case MISSING -> missingKey();
            };
        }
    }

    /** A key that names nothing: its alias is null, no row has its token. */
    static ScratchKey missingKey() {
        String cleartext = Keys.missingKey();
        return new ScratchKey(cleartext, Keys.token(cleartext), null);
    }

    /** A key's stored row (as text, null when absent) and the number of audit rows about it. */
    record Snapshot(String row, long audits) {}

    /** Taken before a write that may be refused, compared after it: one query. */
    static Snapshot snapshot(String token) {
        Map<String, Object> found = Keygate.db().row("""
                SELECT (SELECT k::text FROM keys k WHERE k.token = ?) AS row,
                       (SELECT count(*) FROM audit_log a WHERE a.object_id = ?) AS audits""", token, token).orElseThrow();
        return new Snapshot((String) found.get("row"), ((Number) found.get("audits")).longValue());
    }

    /** One column of the key's row, e.g. {@code "metadata->>'touched'"}; null when absent. */
    static Object keyColumn(String token, String expression) {
        return Keygate.db().row("SELECT " + expression + " AS value FROM keys WHERE token = ?", token)
                .map(row -> row.get("value")).orElse(null);
    }

    static long keyRows(String token) {
        return Keygate.db().count("SELECT count(*) FROM keys WHERE token = ?", token);
    }

    /** key.generate rows for a key by the alias it was asked for (a refused key has no token to look for). */
    static long generateAuditsForAlias(String alias) {
        return Keygate.db().count(
                "SELECT count(*) FROM audit_log WHERE action = 'key.generate' AND after_value->>'key_alias' = ?", alias);
    }

    static long keysWithAlias(String alias) {
        return Keygate.db().count("SELECT count(*) FROM keys WHERE key_alias = ?", alias);
    }

    /**
     * Exactly one {@code action} row about {@code objectId}, whose values hold none of
     * {@code secrets} (cleartexts and tokens) and no {@code sk-} text but the masked key name.
     */
    static void assertAudited(String action, String objectId, String... secrets) {
        Map<String, Object> found = Keygate.db().row("""
                SELECT count(*) AS n,
                       string_agg(coalesce(before_value::text, '') || ' ' || coalesce(after_value::text, ''), ' ') AS audit_values
                  FROM audit_log WHERE action = ? AND object_id = ?""", action, objectId).orElseThrow();
        assertThat(((Number) found.get("n")).longValue()).as("%s audit rows for %s", action, objectId).isOne();
        String values = (String) found.get("audit_values");
        for (String secret : secrets) {
            assertThat(values).as("%s audit values", action).doesNotContain(secret);
        }
        assertThat(values.replaceAll(MASKED_KEY_NAME, "\"<masked>\"")).as("%s audit values", action).doesNotContain("sk-");
    }

    /** A denied or 404 write: the row is as it was and nothing was audited about it. */
    static void assertUntouched(ScratchKey key, Snapshot before) {
        assertThat(snapshot(key.token())).as("stored row and audit count of %s after the refused write", key.alias())
                .isEqualTo(before);
    }

    /** The key used as a credential: 200 while it works, 401 once revoked, blocked or deleted. */
    static Response selfInfo(ScratchKey key) {
        return Keygate.api().ownKeyInfo(key.credential());
    }
}
