package dev.keygate.teams;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One row of {@code teams}. */
public record TeamRow(
        String teamId,
        String teamAlias,
        String organizationId,
        List<String> models,
        BigDecimal maxBudget,
        String budgetDuration,
        Instant budgetResetAt,
        Long tpmLimit,
        Long rpmLimit,
        BigDecimal spend,
        String metadata,
        boolean blocked,
        List<String> teamMemberPermissions,
        String createdBy,
        String updatedBy,
        Instant createdAt,
        Instant updatedAt) {

    /** The limits its children (keys) must stay within. */
    public dev.keygate.limits.Limits limits() {
        return new dev.keygate.limits.Limits(models, maxBudget, tpmLimit, rpmLimit);
    }
}
