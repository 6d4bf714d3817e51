package dev.keygate.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.auth.Caller;
import dev.keygate.auth.KeyRecord;
import dev.keygate.auth.KeyType;
import dev.keygate.auth.UserRole;

import dev.keygate.enforcement.Decision;
import dev.keygate.enforcement.RateLimiter;
import dev.keygate.enforcement.Verdict;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code /key/verify} answers: whether the key may be used now (for the call described, if
 * any), why not, and what a gateway needs to enforce it: every budget and rate limit that applies
 * with what remains of it, and when rate-limited, after how many seconds to retry. The parts that
 * only some keys have are left out when empty. Never a secret: {@code key.token} is the key's
 * SHA-256 id.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VerifyResponse(
        boolean valid,
        Verdict code,
        @JsonInclude(JsonInclude.Include.NON_NULL) String message,
        Key key,
        User user,
        Team team,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Budget> budgets,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean softBudgetExceeded,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RateLimit> rateLimits,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long retryAfter) {

    static final VerifyResponse NOT_FOUND = status(Verdict.NOT_FOUND, null, null, null, null);
    private static final VerifyResponse MASTER_KEY = status(Verdict.VALID, null, null, new User(null, UserRole.PROXY_ADMIN), null);

    private static VerifyResponse status(Verdict code, String message, Key key, User user, Team team) {
        return new VerifyResponse(code.allows(), code, message, key, user, team, List.of(), null, List.of(), null);
    }

    static VerifyResponse of(Judgement judgement) {
        if (judgement.isMasterKey()) {
            return MASTER_KEY;
        }
        return judgement.record() == null ? signedIn(judgement.caller(), judgement.decision())
                : of(judgement.record(), judgement.decision());
    }

    /**
     * A verified sign-in token without a key: no key, its user and role, and the team it acts for
     * (not blocked: a token acting for a blocked team is refused; its models are the team's business,
     * not the token's, and are not read here). Valid unless its scopes refuse the call.
     */
    private static VerifyResponse signedIn(Caller caller, Decision decision) {
        User user = caller.userId() == null ? null : new User(caller.userId(), caller.role());
        Team team = caller.keyTeamId() == null ? null : new Team(caller.keyTeamId(), false, null);
        return status(decision.verdict(), decision.message(), null, user, team);
    }

    private static VerifyResponse of(KeyRecord record, Decision decision) {
        Key key = new Key(record.token(), record.keyAlias(), record.keyType(), record.userId(), record.teamId(),
                record.organizationId(), record.models(), record.expires(), record.maxBudget(), decision.keySpend(),
                record.softBudget(), record.tpmLimit(), record.rpmLimit(), record.maxParallelRequests(),
                record.metadata());
        User user = record.userId() == null ? null : new User(record.userId(), record.userRole());
        Team team = record.teamId() == null ? null : new Team(record.teamId(), record.teamBlocked(), record.teamModels());
        return new VerifyResponse(decision.allows(), decision.verdict(), decision.message(), key, user, team,
                decision.budgets().stream().map(Budget::of).toList(),
                record.softBudget() == null ? null : decision.softBudgetReached(),
                decision.rateLimits().stream().map(RateLimit::of).toList(),
                decision.verdict() == Verdict.RATE_LIMITED ? decision.retryAfterSeconds() : null);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Key(String token, String keyAlias, KeyType keyType, String userId, String teamId,
                      String organizationId, List<String> models, Instant expires, BigDecimal maxBudget,
                      BigDecimal spend, BigDecimal softBudget, Long tpmLimit, Long rpmLimit,
                      Integer maxParallelRequests, Map<String, Object> metadata) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record User(String userId, UserRole userRole) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Team(String teamId, boolean blocked, List<String> models) {}

    /** One budget the call draws on: whose, its size, what is spent and what remains. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Budget(String scope, String id, BigDecimal maxBudget, BigDecimal spend, BigDecimal remaining) {

        static Budget of(dev.keygate.enforcement.Budget budget) {
            return new Budget(budget.scope(), budget.id(), budget.maxBudget(), budget.spend(), budget.remaining());
        }
    }

    /** One rate limit the call counts against: whose, which kind, its size and what remains of it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RateLimit(String scope, String id, String limitType, long limit, long remaining) {

        static RateLimit of(RateLimiter.Standing standing) {
            dev.keygate.enforcement.RateLimit limit = standing.limit();
            return new RateLimit(limit.scope(), limit.id(), limit.kind().wire(), limit.limit(), standing.remaining());
        }
    }
}
