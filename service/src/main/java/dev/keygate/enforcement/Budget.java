package dev.keygate.enforcement;

import java.math.BigDecimal;

/**
 * One budget a call draws on and where it stands: whose ({@code scope}: key, user, team,
 * team_member, organization, model; {@code id}), its size and what is spent. Used up once spend
 * reaches it, as in LiteLLM.
 */
public record Budget(String scope, String id, BigDecimal maxBudget, BigDecimal spend) {

    public BigDecimal remaining() {
        return maxBudget.subtract(spend).max(BigDecimal.ZERO);
    }

    boolean isUsedUp() {
        return spend.compareTo(maxBudget) >= 0;
    }
}
