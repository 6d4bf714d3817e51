package dev.keygate.enforcement;

import dev.keygate.auth.KeyLimits;
import dev.keygate.auth.KeyRecord;
import dev.keygate.auth.cache.SpendLedger;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The budgets a call of this key draws on — the key's, its user's, its team's, its
 * {@code max_budget_in_team}, its organization's and the key's budget for the model — each with its
 * current spend from the {@link SpendLedger}. A budget is used up once spend reaches it, as in
 * LiteLLM; {@code soft_budget} is reported, never enforced.
 */
final class Budgets {

    private final SpendLedger ledger;
    private final SpendQuery database;

    Budgets(SpendLedger ledger, SpendQuery database) {
        this.ledger = ledger;
        this.database = database;
    }

    /** The key's spend now (for answers that show it). */
    BigDecimal keySpend(KeyRecord record) {
        return spend(SpendLedger.key(record.token()), () -> database.key(record.token()));
    }

    /**
     * Every budget that applies to a call of {@code model} (null: no particular model);
     * {@code keySpend} as {@link #keySpend} read it for this call.
     */
    List<Budget> of(KeyRecord record, String model, BigDecimal keySpend) {
        KeyLimits limits = record.limits();
        List<Budget> budgets = new ArrayList<>();
        String token = record.token();
        if (record.maxBudget() != null) {
            budgets.add(new Budget("key", token, record.maxBudget(), keySpend));
        }
        String userId = record.userId();
        if (userId != null) {
            add(budgets, "user", userId, limits.userMaxBudget(), SpendLedger.user(userId), () -> database.user(userId));
        }
        String teamId = record.teamId();
        if (teamId != null) {
            add(budgets, "team", teamId, limits.teamMaxBudget(), SpendLedger.team(teamId), () -> database.team(teamId));
            if (userId != null) {
                add(budgets, "team_member", teamId + "/" + userId, limits.memberMaxBudget(),
                        SpendLedger.member(teamId, userId), () -> database.member(teamId, userId));
            }
        }
        String organizationId = record.organizationId();
        if (organizationId != null) {
            add(budgets, "organization", organizationId, limits.organizationMaxBudget(),
                    SpendLedger.organization(organizationId), () -> database.organization(organizationId));
        }
        if (model != null) {
            String budgeted = limits.modelMaxBudget().containsKey(model) ? model : ModelAccess.resolve(record, model);
            BigDecimal modelBudget = modelBudget(limits.modelMaxBudget().get(budgeted));
            add(budgets, "model", budgeted, modelBudget, SpendLedger.model(token, budgeted),
                    () -> database.model(token, budgeted));
        }
        return budgets;
    }

    /** Whether the key's spend has reached its {@code soft_budget}: reported, not enforced. */
    static boolean softBudgetReached(KeyRecord record, BigDecimal keySpend) {
        return record.softBudget() != null && keySpend.compareTo(record.softBudget()) >= 0;
    }

    private void add(List<Budget> budgets, String scope, String id, BigDecimal maxBudget, String subject,
                     Supplier<BigDecimal> read) {
        if (maxBudget != null) {
            budgets.add(new Budget(scope, id, maxBudget, spend(subject, read)));
        }
    }

    private BigDecimal spend(String subject, Supplier<BigDecimal> read) {
        return ledger.get(subject, ignored -> read.get());
    }

    /**
     * {@code model_max_budget} values: a number, or LiteLLM's {@code {"budget_limit": n, "time_period": "1d"}}
     * on keys, or its budget tiers' {@code {"max_budget": n, "budget_duration": "1d", ...}}.
     */
    private static BigDecimal modelBudget(Object value) {
        if (value instanceof Map<?, ?> config) {
            value = config.containsKey("budget_limit") ? config.get("budget_limit") : config.get("max_budget");
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        if (value instanceof String text) {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
