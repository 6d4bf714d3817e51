package dev.keygate.teams;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.auth.TeamRole;
import dev.keygate.web.InputLimits;
import jakarta.validation.constraints.Email;
import java.math.BigDecimal;

/**
 * A member in requests and responses: {@code {user_id | user_email, role}}. {@code user_email} must be
 * an address, as at /user/new: member_add creates the user when nobody has it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TeamMember(@InputLimits.Id String userId, @Email @InputLimits.Email String userEmail, TeamRole role,
                         @InputLimits.Budget BigDecimal maxBudgetInTeam) {

    public TeamRole roleOrDefault() {
        return role == null ? TeamRole.USER : role;
    }

    static TeamMember of(TeamMemberRow row, String userEmail) {
        return new TeamMember(row.userId(), userEmail, TeamRole.fromWire(row.role()), row.maxBudgetInTeam());
    }
}
