package dev.keygate.gateway;

import dev.keygate.auth.Caller;
import dev.keygate.auth.KeyRecord;
import dev.keygate.auth.UserRole;
import dev.keygate.enforcement.Budget;
import dev.keygate.enforcement.Decision;
import dev.keygate.enforcement.RateLimit;
import dev.keygate.enforcement.RateLimiter;
import dev.keygate.enforcement.Verdict;
import dev.keygate.verify.Judgement;
import dev.keygate.web.ErrorBody;
import dev.keygate.web.ErrorResponses;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;

/**
 * A judgement as a gateway reads it: 200 with an empty body and the caller's identity in
 * {@code x-keygate-*} headers (for the gateway to pass upstream), or the refusal's status with the
 * error envelope, whose {@code code} is the verdict. A key that cannot be used (blocked, its team
 * blocked, expired) is 401 here, unlike {@code /key/verify}'s 200: to a gateway it is a credential
 * that does not work. Never a secret: the key is named by its SHA-256 id.
 */
final class AuthzAnswer {

    static final String KEY_TOKEN = "x-keygate-key-token";
    static final String KEY_ALIAS = "x-keygate-key-alias";
    static final String USER_ID = "x-keygate-user-id";
    static final String USER_ROLE = "x-keygate-user-role";
    static final String TEAM_ID = "x-keygate-team-id";
    static final String ORGANIZATION_ID = "x-keygate-organization-id";
    static final String REMAINING_BUDGET = "x-keygate-remaining-budget";
    static final String REMAINING_REQUESTS = "x-keygate-remaining-requests";

    private AuthzAnswer() {}

    static Response of(Judgement judgement) {
        Decision decision = judgement.decision();
        return decision.allows() ? allowed(judgement) : refused(decision);
    }

    private static Response allowed(Judgement judgement) {
        Response.ResponseBuilder answer = Response.ok();
        KeyRecord record = judgement.record();
        if (record != null) {
            answer.header(KEY_TOKEN, record.token());
            identity(answer, record.userId(), record.userRole(), record.teamId(), record.organizationId());
            header(answer, KEY_ALIAS, record.keyAlias());
        } else {
            Caller caller = judgement.caller();
            identity(answer, caller.userId(), caller.role(), caller.keyTeamId(), caller.keyOrganizationId());
        }
        Decision decision = judgement.decision();
        decision.budgets().stream().map(Budget::remaining).min(BigDecimal::compareTo)
                .ifPresent(remaining -> answer.header(REMAINING_BUDGET, remaining.stripTrailingZeros().toPlainString()));
        decision.rateLimits().stream().filter(standing -> standing.limit().kind() == RateLimit.Kind.RPM)
                .mapToLong(RateLimiter.Standing::remaining).min()
                .ifPresent(remaining -> answer.header(REMAINING_REQUESTS, remaining));
        return answer.build();
    }

    private static void identity(Response.ResponseBuilder answer, String userId, UserRole role, String teamId,
                                 String organizationId) {
        header(answer, USER_ID, userId);
        header(answer, USER_ROLE, role == null ? null : role.wire());
        header(answer, TEAM_ID, teamId);
        header(answer, ORGANIZATION_ID, organizationId);
    }

    private static void header(Response.ResponseBuilder answer, String name, String value) {
        if (value != null && !value.isEmpty()) {
            answer.header(name, value);
        }
    }

    private static Response refused(Decision decision) {
        Verdict verdict = decision.verdict();
        int status = switch (verdict) {
            case BLOCKED, TEAM_BLOCKED, EXPIRED, NOT_FOUND -> 401;
            case RATE_LIMITED -> 429;
            case ROUTE_NOT_ALLOWED, MODEL_NOT_ALLOWED, BUDGET_EXCEEDED, VALID -> 403;
        };
        Response response = ErrorResponses.of(status,
                ErrorBody.coded(verdict.name(), ErrorBody.typeOf(status), decision.message()));
        if (verdict == Verdict.RATE_LIMITED) {
            response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, Math.max(1, decision.retryAfterSeconds()));
        }
        return response;
    }
}
