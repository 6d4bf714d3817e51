package dev.keygate.keys;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One row of {@code keys}. jsonb columns are JSON text here; the API layer parses them. */
public record KeyRow(
        String token,
        String keyName,
        String keyAlias,
        String userId,
        String teamId,
        String organizationId,
        List<String> models,
        BigDecimal maxBudget,
        String budgetDuration,
        Instant budgetResetAt,
        BigDecimal softBudget,
        BigDecimal spend,
        Long tpmLimit,
        Long rpmLimit,
        Integer maxParallelRequests,
        String modelMaxBudget,
        String modelRpmLimit,
        String modelTpmLimit,
        List<String> allowedRoutes,
        String keyType,
        boolean blocked,
        Instant expires,
        String metadata,
        List<String> tags,
        String permissions,
        String aliases,
        String budgetId,
        String createdBy,
        String updatedBy,
        Instant createdAt,
        Instant updatedAt) {}
