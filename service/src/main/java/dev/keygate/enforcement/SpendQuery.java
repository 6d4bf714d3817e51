package dev.keygate.enforcement;

import java.math.BigDecimal;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Spend totals read from the database, for the subjects the spend ledger does not hold (evicted, or
 * not trusted while change announcements cannot be received). A row that does not exist has spent
 * nothing.
 */
final class SpendQuery {

    private final Jdbi jdbi;

    SpendQuery(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    BigDecimal key(String token) {
        return one("SELECT spend FROM keys WHERE token = ?", token);
    }

    BigDecimal user(String userId) {
        return one("SELECT spend FROM users WHERE user_id = ?", userId);
    }

    BigDecimal team(String teamId) {
        return one("SELECT spend FROM teams WHERE team_id = ?", teamId);
    }

    BigDecimal member(String teamId, String userId) {
        return one("SELECT spend FROM team_memberships WHERE team_id = ? AND user_id = ?", teamId, userId);
    }

    BigDecimal organization(String organizationId) {
        return one("SELECT spend FROM organizations WHERE organization_id = ?", organizationId);
    }

    BigDecimal model(String token, String model) {
        return one("SELECT spend FROM key_model_spend WHERE token = ? AND model = ?", token, model);
    }

    private BigDecimal one(String sql, Object... arguments) {
        return jdbi.withHandle(handle -> {
            Query query = handle.createQuery(sql);
            for (int i = 0; i < arguments.length; i++) {
                query.bind(i, arguments[i]);
            }
            return query.mapTo(BigDecimal.class).findOne().orElse(BigDecimal.ZERO);
        });
    }
}
