package dev.keygate.enforcement;

import dev.keygate.auth.Caller;
import dev.keygate.auth.KeyLimits;
import dev.keygate.auth.KeyRecord;
import dev.keygate.auth.KeyStatus;
import dev.keygate.auth.cache.SpendLedger;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * May this LLM call proceed now — the one place that answers it, for {@code /key/verify} and
 * {@code /authz}, for keys and for sign-in tokens mapped to keys alike. In order: the key's own
 * status (blocked, its team blocked, expired), the route, the model and its fallbacks, the budgets,
 * and last the rate limits, so that a refused call takes no rate-limit slot.
 *
 * <p>Everything is answered from memory: the key record from the caller cache, spend from the
 * spend ledger, rate-limit counters from the {@link RateLimiter}.
 */
public final class Enforcer {

    private final Budgets budgets;
    private final RateLimiter limiter;
    private final Clock clock;

    public Enforcer(SpendLedger ledger, Jdbi jdbi, RateLimiter limiter, Clock clock) {
        this.budgets = new Budgets(ledger, new SpendQuery(jdbi));
        this.limiter = limiter;
        this.clock = clock;
    }

    public Decision check(KeyRecord record, Caller caller, CallRequest call) {
        KeyStatus status = record.status(clock.instant());
        BigDecimal spend = budgets.keySpend(record);
        if (status != KeyStatus.VALID) {
            return refused(Verdict.of(status), statusMessage(status), spend);
        }
        if (call.route() != null) {
            String refusal = RouteAccess.refusal(call.route(), record.keyType(), record.limits().allowedRoutes(),
                    caller.scope());
            if (refusal != null) {
                return refused(Verdict.ROUTE_NOT_ALLOWED, refusal, spend);
            }
        }
        if (call.model() != null) {
            String refusal = ModelAccess.refusal(record, caller.scope(), call.model(), call.fallbacks());
            if (refusal != null) {
                return refused(Verdict.MODEL_NOT_ALLOWED, refusal, spend);
            }
        }
        List<Budget> drawnOn = budgets.of(record, call.model(), spend);
        boolean soft = Budgets.softBudgetReached(record, spend);
        List<RateLimit> limits = rateLimits(record, call.model());
        for (Budget budget : drawnOn) {
            if (budget.isUsedUp()) {
                return new Decision(Verdict.BUDGET_EXCEEDED, "Budget exceeded: the " + budget.scope() + "'s spend "
                        + plain(budget.spend()) + " has reached its max_budget " + plain(budget.maxBudget()), spend,
                        drawnOn, soft, peek(limits, call), 0);
            }
        }
        long now = clock.millis();
        RateLimiter.Admission admission = call.isCall()
                ? limiter.admit(limits, call.estimatedTokens(), now)
                : limiter.peek(limits, call.estimatedTokens(), now);
        if (call.isCall() && !admission.admitted()) {
            RateLimit exceeded = admission.exceeded();
            return new Decision(Verdict.RATE_LIMITED, "Rate limited: the " + exceeded.scope() + "'s "
                    + exceeded.kind().wire() + " of " + exceeded.limit() + " is reached", spend, drawnOn, soft,
                    admission.standings(), admission.retryAfterMillis());
        }
        return new Decision(Verdict.VALID, null, spend, drawnOn, soft, admission.standings(), 0);
    }

    /**
     * A sign-in token without a key: what the token itself restricts, its scopes' routes and models.
     * The checks that need a key (its status, type, models, budgets and rate limits) have nothing to
     * hold the call to; a token acting for a blocked team was refused when it signed in.
     */
    public Decision checkSignedIn(Caller caller, CallRequest call) {
        if (call.route() != null) {
            String refusal = RouteAccess.refusal(call.route(), caller.keyType(), List.of(), caller.scope());
            if (refusal != null) {
                return refused(Verdict.ROUTE_NOT_ALLOWED, refusal, null);
            }
        }
        if (call.model() != null) {
            String refusal = ModelAccess.scopeRefusal(caller.scope(), call.model(), call.fallbacks());
            if (refusal != null) {
                return refused(Verdict.MODEL_NOT_ALLOWED, refusal, null);
            }
        }
        return new Decision(Verdict.VALID, null, null, List.of(), false, List.of(), 0);
    }

    /**
     * The models of {@code catalog} the caller may call: a key's by its model rules (the key's, its
     * team's, {@code all-team-models}, wildcards, aliases) and a token's scope; a sign-in token
     * without a key by its scope only; the master key every one. Names that are rules rather than
     * models ({@code openai/*}, {@code all-team-models}) are never listed.
     *
     * @param record the caller's key, or null for the master key and a token without a key
     */
    public List<String> usableModels(KeyRecord record, Caller caller, Collection<String> catalog) {
        return catalog.stream()
                .filter(ModelAccess::isModelName)
                .filter(model -> record == null ? ModelAccess.scopeAllows(caller.scope(), model)
                        : ModelAccess.usable(record, caller.scope(), model))
                .distinct()
                .sorted()
                .toList();
    }

    /** A recorded call finished: its tokens count against tpm limits, its parallel slot is free again. */
    public void finished(KeyRecord record, String model, long tokens) {
        limiter.finished(rateLimits(record, model), tokens, clock.millis());
    }

    private List<RateLimiter.Standing> peek(List<RateLimit> limits, CallRequest call) {
        return limiter.peek(limits, call.estimatedTokens(), clock.millis()).standings();
    }

    private Decision refused(Verdict verdict, String message, BigDecimal spend) {
        return new Decision(verdict, message, spend, List.of(), false, List.of(), 0);
    }

    /** The key's, its team's and organization's limits, and the key's limits for the model. */
    static List<RateLimit> rateLimits(KeyRecord record, String model) {
        KeyLimits limits = record.limits();
        List<RateLimit> result = new ArrayList<>();
        String key = SpendLedger.key(record.token());
        add(result, "key", record.token(), key, RateLimit.Kind.RPM, record.rpmLimit());
        add(result, "key", record.token(), key, RateLimit.Kind.TPM, record.tpmLimit());
        add(result, "key", record.token(), key, RateLimit.Kind.PARALLEL,
                record.maxParallelRequests() == null ? null : record.maxParallelRequests().longValue());
        if (record.teamId() != null) {
            String team = SpendLedger.team(record.teamId());
            add(result, "team", record.teamId(), team, RateLimit.Kind.RPM, limits.teamRpmLimit());
            add(result, "team", record.teamId(), team, RateLimit.Kind.TPM, limits.teamTpmLimit());
        }
        if (record.organizationId() != null) {
            String organization = SpendLedger.organization(record.organizationId());
            add(result, "organization", record.organizationId(), organization, RateLimit.Kind.RPM,
                    limits.organizationRpmLimit());
            add(result, "organization", record.organizationId(), organization, RateLimit.Kind.TPM,
                    limits.organizationTpmLimit());
        }
        if (model != null) {
            String limited = limits.modelRpmLimit().containsKey(model) || limits.modelTpmLimit().containsKey(model)
                    ? model : ModelAccess.resolve(record, model);
            String subject = SpendLedger.model(record.token(), limited);
            add(result, "model", limited, subject, RateLimit.Kind.RPM, number(limits.modelRpmLimit(), limited));
            add(result, "model", limited, subject, RateLimit.Kind.TPM, number(limits.modelTpmLimit(), limited));
        }
        return result;
    }

    private static void add(List<RateLimit> limits, String scope, String id, String subject, RateLimit.Kind kind,
                            Long limit) {
        if (limit != null) {
            limits.add(new RateLimit(scope, id, subject, kind, limit));
        }
    }

    private static Long number(Map<String, Object> limits, String model) {
        return limits.get(model) instanceof Number number ? number.longValue() : null;
    }

    private static String statusMessage(KeyStatus status) {
        return switch (status) {
            case BLOCKED -> "The key is blocked";
            case TEAM_BLOCKED -> "The key's team is blocked";
            case EXPIRED -> "The key has expired";
            default -> "The key cannot be used";
        };
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
