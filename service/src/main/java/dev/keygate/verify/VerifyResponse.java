package dev.keygate.verify;

import dev.keygate.auth.Caller;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.auth.KeyRecord;
import dev.keygate.auth.KeyStatus;
import dev.keygate.auth.KeyType;
import dev.keygate.auth.UserRole;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code /key/verify} answers: whether the key may be used now, why not, and what a gateway
 * needs to enforce it. Never a secret: {@code key.token} is the key's SHA-256 id.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VerifyResponse(boolean valid, KeyStatus code, Key key, User user, Team team) {

    static final VerifyResponse NOT_FOUND = new VerifyResponse(false, KeyStatus.NOT_FOUND, null, null, null);
    static final VerifyResponse MASTER_KEY =
            new VerifyResponse(true, KeyStatus.VALID, null, new User(null, UserRole.PROXY_ADMIN), null);

    /**
     * A verified sign-in token: valid, no key, its user and role, and the team it acts for (not
     * blocked: a token acting for a blocked team is refused; its models are the team's business, not
     * the token's, and are not read here).
     */
    static VerifyResponse signedIn(Caller caller) {
        User user = caller.userId() == null ? null : new User(caller.userId(), caller.role());
        Team team = caller.keyTeamId() == null ? null : new Team(caller.keyTeamId(), false, null);
        return new VerifyResponse(true, KeyStatus.VALID, null, user, team);
    }

    static VerifyResponse of(KeyRecord record, KeyStatus status) {
        Key key = new Key(record.token(), record.keyAlias(), record.keyType(), record.userId(), record.teamId(),
                record.organizationId(), record.models(), record.expires(), record.maxBudget(), record.spend(),
                record.softBudget(), record.tpmLimit(), record.rpmLimit(), record.maxParallelRequests(),
                record.metadata());
        User user = record.userId() == null ? null : new User(record.userId(), record.userRole());
        Team team = record.teamId() == null ? null : new Team(record.teamId(), record.teamBlocked(), record.teamModels());
        return new VerifyResponse(status == KeyStatus.VALID, status, key, user, team);
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
}
