package dev.keygate.teams;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.auth.TeamRole;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Bodies of the team routes other than /team/new and /team/member_add. */
public final class TeamRequests {

    private TeamRequests() {}

    /** POST /team/update: absent fields stay; Optional fields may be null to clear. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    /** Fields, not a record: Jackson leaves absent fields null and sets JSON null as Optional.empty(). */
    public static final class Update {
        public @NotBlank String teamId;
        public Optional<String> teamAlias;
        public List<String> models;
        public Optional<@PositiveOrZero BigDecimal> maxBudget;
        public Optional<String> budgetDuration;
        public Optional<@PositiveOrZero Long> tpmLimit;
        public Optional<@PositiveOrZero Long> rpmLimit;
        public Map<String, Object> metadata;
        public List<String> teamMemberPermissions;
        public Boolean blocked;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Delete(@NotEmpty List<@NotBlank String> teamIds) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    /** Fields, not a record: Jackson leaves absent fields null and sets JSON null as Optional.empty(). */
    public static final class MemberUpdate {
        public @NotBlank String teamId;
        public String userId;
        public String userEmail;
        public TeamRole role;
        public Optional<@PositiveOrZero BigDecimal> maxBudgetInTeam;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MemberDelete(@NotBlank String teamId, String userId, String userEmail) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TeamId(@NotBlank String teamId) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PermissionsUpdate(@NotBlank String teamId, @NotNull List<String> teamMemberPermissions) {}
}
