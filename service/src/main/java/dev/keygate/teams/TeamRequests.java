package dev.keygate.teams;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.auth.TeamRole;
import dev.keygate.compat.LiteLlmMetadataFields;
import dev.keygate.web.InputLimits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Bodies of the team routes other than /team/new and /team/member_add. */
public final class TeamRequests {

    private TeamRequests() {}

    /** The query of GET /v2/team/list: paging, LiteLLM's filters and order, each null when absent. */
    public record Page(Integer page, Integer pageSize, String userId, String organizationId, String teamId,
                       String teamAlias, String sortBy, String sortOrder) {}

    /** POST /team/update: absent fields stay; Optional fields may be null to clear. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    /** Fields, not a record: Jackson leaves absent fields null and sets JSON null as Optional.empty(). */
    public static final class Update implements LiteLlmMetadataFields.Carrier {
        public @NotBlank @InputLimits.Id String teamId;
        /** Moves the team to this organization (null: out of any); naming its own changes nothing (LiteLLM's UI sends it on every save). */
        public Optional<@InputLimits.Id String> organizationId;
        public Optional<@InputLimits.Alias String> teamAlias;
        public List<@InputLimits.Name String> models;
        public Optional<@InputLimits.Budget BigDecimal> maxBudget;
        public Optional<String> budgetDuration;
        public Optional<@InputLimits.RateLimit Long> tpmLimit;
        public Optional<@InputLimits.RateLimit Long> rpmLimit;
        public @InputLimits.JsonObject Map<String, Object> metadata;
        public List<@InputLimits.Name String> teamMemberPermissions;
        public Boolean blocked;
        /** LiteLLM's metadata fields this body sent (LiteLlmFieldsFilter): each replaces that metadata entry. */
        private final LiteLlmMetadataFields.Kept keptInMetadata = new LiteLlmMetadataFields.Kept();

        @Override
        public LiteLlmMetadataFields.Kept keptInMetadata() {
            return keptInMetadata;
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Delete(@NotEmpty List<@NotBlank @InputLimits.Id String> teamIds) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    /** Fields, not a record: Jackson leaves absent fields null and sets JSON null as Optional.empty(). */
    public static final class MemberUpdate {
        public @NotBlank @InputLimits.Id String teamId;
        public @InputLimits.Id String userId;
        public @InputLimits.Email String userEmail;
        public TeamRole role;
        public Optional<@InputLimits.Budget BigDecimal> maxBudgetInTeam;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MemberDelete(@NotBlank @InputLimits.Id String teamId, @InputLimits.Id String userId,
                               @InputLimits.Email String userEmail) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TeamId(@NotBlank @InputLimits.Id String teamId) {}

    /** POST /team/model/add and /team/model/delete, LiteLLM's TeamModelAddRequest and TeamModelDeleteRequest. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Models(@NotBlank @InputLimits.Id String teamId, @NotNull List<@NotNull @InputLimits.Name String> models) {}

    /**
     * POST /team/bulk_member_add, LiteLLM's BulkTeamMemberAddRequest: each member as /team/member_add
     * takes it. {@code all_users} and a top-level {@code max_budget_in_team} are LiteLLM's too, refused
     * when set (litellm/unsupported-fields.json).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BulkMemberAdd(@NotBlank @InputLimits.Id String teamId,
                                List<@jakarta.validation.Valid @NotNull TeamMember> members) {

        /** LiteLLM's limit on one request. */
        public static final int MAX_MEMBERS = 500;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PermissionsUpdate(@NotBlank @InputLimits.Id String teamId,
                                    @NotNull List<@InputLimits.Name String> teamMemberPermissions) {}
}
