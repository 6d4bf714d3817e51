package dev.keygate.teams;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

/** One row of {@code team_memberships}; audited as it is (snake_case, with its team). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TeamMemberRow(String teamId, String userId, String role, BigDecimal maxBudgetInTeam, BigDecimal spend) {}
