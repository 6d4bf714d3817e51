package dev.keygate.orgs;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One row of {@code organizations}. */
public record OrganizationRow(
        String organizationId,
        String organizationAlias,
        List<String> models,
        BigDecimal maxBudget,
        String budgetDuration,
        Instant budgetResetAt,
        Long tpmLimit,
        Long rpmLimit,
        BigDecimal spend,
        String metadata,
        String budgetId,
        String createdBy,
        String updatedBy,
        Instant createdAt,
        Instant updatedAt) {

    /** The limits its children (keys, teams) must stay within. */
    public dev.keygate.limits.Limits limits() {
        return new dev.keygate.limits.Limits(models, maxBudget, tpmLimit, rpmLimit);
    }
}
