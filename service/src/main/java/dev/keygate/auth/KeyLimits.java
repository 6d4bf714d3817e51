package dev.keygate.auth;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a key's LLM calls are held to, loaded with the key: its own route and model settings and
 * per-model limits, and the budgets and rate limits of its user, team, team membership and
 * organization. Plain stored values: the {@code enforcement} package judges them.
 *
 * <p>Spend is not here: it moves with every call, so the spend ledger keeps it
 * ({@code auth.cache.SpendLedger}); {@link #spendsAtLoad} are the totals read with the key, by
 * ledger subject, which seed the ledger.
 *
 * <p>Budget tiers are resolved when the key is loaded, not per call: a limit of the key (in its
 * {@link KeyRecord}) or of its organization (here) that is null holds the value of its tier, if any. {@link #budgetIds} are those tiers, so that a
 * change of one makes the cache forget the key.
 *
 * @param memberMaxBudget the key's user's {@code max_budget_in_team} in the key's team; null when
 *     not a member or no budget
 */
public record KeyLimits(
        List<String> allowedRoutes,
        Map<String, Object> aliases,
        Map<String, Object> modelMaxBudget,
        Map<String, Object> modelRpmLimit,
        Map<String, Object> modelTpmLimit,
        BigDecimal userMaxBudget,
        BigDecimal teamMaxBudget,
        Long teamTpmLimit,
        Long teamRpmLimit,
        BigDecimal memberMaxBudget,
        BigDecimal organizationMaxBudget,
        Long organizationTpmLimit,
        Long organizationRpmLimit,
        Map<String, BigDecimal> spendsAtLoad,
        Set<String> budgetIds) {

    /** A key held to nothing beyond its own fields (the master key has no record at all). */
    public static final KeyLimits NONE = new KeyLimits(List.of(), Map.of(), Map.of(), Map.of(), Map.of(), null, null,
            null, null, null, null, null, null, Map.of(), Set.of());
}
