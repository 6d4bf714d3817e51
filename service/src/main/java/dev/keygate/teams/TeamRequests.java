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
    public record Update(
            @NotBlank String teamId,
            Optional<String> teamAlias,
            List<String> models,
            Optional<@PositiveOrZero BigDecimal> maxBudget,
            Optional<String> budgetDuration,
            Optional<@PositiveOrZero Long> tpmLimit,
            Optional<@PositiveOrZero Long> rpmLimit,
            Map<String, Object> metadata,
            List<String> teamMemberPermissions,
            Boolean blocked) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Delete(@NotEmpty List<@NotBlank String> teamIds) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MemberUpdate(@NotBlank String teamId, String userId, String userEmail, TeamRole role,
                               Optional<@PositiveOrZero BigDecimal> maxBudgetInTeam) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MemberDelete(@NotBlank String teamId, String userId, String userEmail) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TeamId(@NotBlank String teamId) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PermissionsUpdate(@NotBlank String teamId, @NotNull List<String> teamMemberPermissions) {}
}
