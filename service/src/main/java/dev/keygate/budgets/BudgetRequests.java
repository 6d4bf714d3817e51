package dev.keygate.budgets;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.web.InputLimits;
import dev.keygate.web.InputLimits.JsonNumbers;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The bodies of the {@code /budget/*} routes, as LiteLLM names their fields. */
public final class BudgetRequests {

    private BudgetRequests() {}

    /**
     * LiteLLM's {@code BudgetNewRequest}, the body of /budget/new and /budget/update alike. Fields, not a
     * record: on update an absent field stays and an explicit null clears it (Jackson sets it as
     * {@code Optional.empty()}). {@code model_max_budget}: per model, a budget or LiteLLM's object
     * ({@code {"max_budget": 10, "budget_duration": "1d", ...}}), numbers within the budget range.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public static final class Change {
        public @InputLimits.Id String budgetId;
        public Optional<@InputLimits.Budget BigDecimal> maxBudget;
        public Optional<@InputLimits.Budget BigDecimal> softBudget;
        public Optional<@InputLimits.RateLimit Integer> maxParallelRequests;
        public Optional<@InputLimits.RateLimit Long> tpmLimit;
        public Optional<@InputLimits.RateLimit Long> rpmLimit;
        public Optional<String> budgetDuration;
        public Optional<@InputLimits.JsonObject(numbers = JsonNumbers.BUDGETS) Map<String, Object>> modelMaxBudget;
        public Optional<Instant> budgetResetAt;
    }

    /** LiteLLM's {@code BudgetDeleteRequest}: the tier's id in {@code id}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Delete(@NotBlank @InputLimits.Id String id) {}

    /** LiteLLM's {@code BudgetRequest}: the tiers to read. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Info(@NotNull List<@NotBlank @InputLimits.Id String> budgets) {}
}
