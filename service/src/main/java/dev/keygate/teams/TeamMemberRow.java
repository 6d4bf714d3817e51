package dev.keygate.teams;

import java.math.BigDecimal;

/** One row of {@code team_memberships}. */
public record TeamMemberRow(String teamId, String userId, String role, BigDecimal maxBudgetInTeam, BigDecimal spend) {}
