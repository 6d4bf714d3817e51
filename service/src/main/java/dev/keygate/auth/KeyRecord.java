package dev.keygate.auth;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything authentication, the policy and {@code /key/verify} need to know about a presented key,
 * as one immutable value: what the caller cache holds. The {@link Caller} is built once, when the
 * record is loaded, not on every request.
 *
 * @param token the key's current token (for a regenerated key's old secret, the new key's token)
 * @param teamModels the team's models; null without a team
 * @param teamMemberPermissions the key routes the team grants its plain members (empty without a team)
 * @param graceEnds when the presented secret stops working: the end of a regenerated key's grace
 *     period, null when the secret is the key's own
 * @param limits what its LLM calls are held to, beyond the fields above
 */
public record KeyRecord(
        String token,
        String keyAlias,
        KeyType keyType,
        String userId,
        UserRole userRole,
        String teamId,
        String organizationId,
        List<String> models,
        Instant expires,
        BigDecimal maxBudget,
        BigDecimal softBudget,
        Long tpmLimit,
        Long rpmLimit,
        Integer maxParallelRequests,
        Map<String, Object> metadata,
        boolean blocked,
        boolean teamBlocked,
        List<String> teamModels,
        List<String> teamMemberPermissions,
        Instant graceEnds,
        KeyLimits limits,
        Caller caller) {

    /** Blocked first, then the team, then expiry: the cause an admin can act on comes first. */
    public KeyStatus status(Instant now) {
        if (blocked) {
            return KeyStatus.BLOCKED;
        }
        if (teamBlocked) {
            return KeyStatus.TEAM_BLOCKED;
        }
        if (expires != null && !expires.isAfter(now)) {
            return KeyStatus.EXPIRED;
        }
        return KeyStatus.VALID;
    }

    /** False once a regenerated key's old secret is past its grace period: it names no key any more. */
    public boolean isPresentable(Instant now) {
        return graceEnds == null || graceEnds.isAfter(now);
    }
}
