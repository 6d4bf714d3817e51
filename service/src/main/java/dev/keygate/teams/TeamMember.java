package dev.keygate.teams;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.auth.TeamRole;
import dev.keygate.web.InputLimits;
import java.math.BigDecimal;

/** A member in requests and responses: {@code {user_id | user_email, role}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TeamMember(@InputLimits.Id String userId, @InputLimits.Email String userEmail, TeamRole role,
                         @InputLimits.Budget BigDecimal maxBudgetInTeam) {

    public TeamRole roleOrDefault() {
        return role == null ? TeamRole.USER : role;
    }

    static TeamMember of(TeamMemberRow row, String userEmail) {
        return new TeamMember(row.userId(), userEmail, TeamRole.fromWire(row.role()), row.maxBudgetInTeam());
    }
}
