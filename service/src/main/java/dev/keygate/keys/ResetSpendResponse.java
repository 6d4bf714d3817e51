package dev.keygate.keys;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;

/** POST /key/{key}/reset_spend: LiteLLM's answer, the key's hash, its spend before and after, its budget. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResetSpendResponse(String keyHash, BigDecimal spend, BigDecimal previousSpend, BigDecimal maxBudget,
                                 Instant budgetResetAt) {}
