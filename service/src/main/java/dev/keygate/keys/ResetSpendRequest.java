package dev.keygate.keys;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/**
 * POST /key/{key}/reset_spend, LiteLLM's ResetSpendRequest. {@code reset_to} is checked against the
 * key's spend (400, as LiteLLM answers), not by a constraint: a negative value is a 400 there too.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResetSpendRequest(@NotNull BigDecimal resetTo) {}
