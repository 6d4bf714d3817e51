package dev.keygate.orgs;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.auth.OrgRole;
import dev.keygate.web.ApiException;
import dev.keygate.web.InputLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Bodies of the organization routes other than /organization/new. */
public final class OrganizationRequests {

    private OrganizationRequests() {}

    /** PATCH /organization/update: absent fields stay; Optional fields may be null to clear. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    /** Fields, not a record: Jackson leaves absent fields null and sets JSON null as Optional.empty(). */
    public static final class Update {
        public @NotBlank @InputLimits.Id String organizationId;
        public @InputLimits.Alias String organizationAlias;
        public List<@InputLimits.Name String> models;
        public Optional<@InputLimits.Budget BigDecimal> maxBudget;
        public Optional<String> budgetDuration;
        public Optional<@InputLimits.RateLimit Long> tpmLimit;
        public Optional<@InputLimits.RateLimit Long> rpmLimit;
        public @InputLimits.JsonObject Map<String, Object> metadata;
        /** The organization's budget tier (null: none): its limits apply where the organization's are null. */
        public Optional<@InputLimits.Id String> budgetId;
        /**
         * The limits as LiteLLM stores them, in the organization's budget row: LiteLLM's admin UI sends
         * them here on every save, and LiteLLM lifts them to the top level, as Keygate does.
         */
        public @Valid BudgetTable litellmBudgetTable;

        public Optional<BigDecimal> maxBudget() {
            return lifted(maxBudget, litellmBudgetTable == null ? null : litellmBudgetTable.maxBudget, "max_budget");
        }

        public Optional<String> budgetDuration() {
            return lifted(budgetDuration, litellmBudgetTable == null ? null : litellmBudgetTable.budgetDuration,
                    "budget_duration");
        }

        public Optional<Long> tpmLimit() {
            return lifted(tpmLimit, litellmBudgetTable == null ? null : litellmBudgetTable.tpmLimit, "tpm_limit");
        }

        public Optional<Long> rpmLimit() {
            return lifted(rpmLimit, litellmBudgetTable == null ? null : litellmBudgetTable.rpmLimit, "rpm_limit");
        }

        public Optional<String> budgetId() {
            return lifted(budgetId, litellmBudgetTable == null ? null : litellmBudgetTable.budgetId, "budget_id");
        }

        /** A limit sent at the top or nested (null: sent in neither); sent twice it must say the same. */
        private static <T> Optional<T> lifted(Optional<T> top, Optional<T> nested, String field) {
            if (top != null && nested != null && !top.equals(nested)) {
                throw ApiException.badRequest(field + " is sent twice, at the top level and in litellm_budget_table,"
                        + " with different values", field);
            }
            return top != null ? top : nested;
        }
    }

    /** The limits of LiteLLM's {@code litellm_budget_table} that Keygate keeps on the organization. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public static final class BudgetTable {
        public Optional<@InputLimits.Budget BigDecimal> maxBudget;
        public Optional<String> budgetDuration;
        public Optional<@InputLimits.RateLimit Long> tpmLimit;
        public Optional<@InputLimits.RateLimit Long> rpmLimit;
        /** LiteLLM names the organization's budget row here; Keygate takes it as the organization's tier. */
        public Optional<@InputLimits.Id String> budgetId;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Delete(@NotEmpty List<@NotBlank @InputLimits.Id String> organizationIds) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MemberAdd(
            @NotBlank @InputLimits.Id String organizationId,
            @NotEmpty @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            List<@Valid @NotNull OrganizationMember> member) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MemberUpdate(@NotBlank @InputLimits.Id String organizationId, @InputLimits.Id String userId,
                               @InputLimits.Email String userEmail, @NotNull OrgRole role) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MemberDelete(@NotBlank @InputLimits.Id String organizationId, @InputLimits.Id String userId,
                               @InputLimits.Email String userEmail) {}
}
