package dev.keygate.keys;

import static dev.keygate.web.Inputs.listOrEmpty;

import dev.keygate.audit.AuditLog;
import dev.keygate.auth.Caller;
import dev.keygate.budgets.BudgetService;
import dev.keygate.auth.KeyType;
import dev.keygate.auth.Secrets;
import dev.keygate.db.JsonColumns;
import dev.keygate.db.LockOrder;
import dev.keygate.limits.BudgetReset;
import dev.keygate.limits.Limits;
import dev.keygate.policy.Action;
import dev.keygate.policy.Policy;
import dev.keygate.teams.TeamDao;
import dev.keygate.teams.TeamRow;
import dev.keygate.web.ApiException;
import dev.keygate.web.Durations;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Creating keys. Every operation runs in one transaction in the same order: load the targets (404),
 * ask the policy (403), validate (400), act, audit.
 */
public final class KeyService {

    /** Generated keys: sk- + 16 random bytes, as LiteLLM makes them. */
    private static final int KEY_BYTES = 16;

    private final Jdbi jdbi;
    private final Policy policy;
    private final JsonColumns json;
    private final AuditLog audit;
    private final Clock clock;

    public KeyService(Jdbi jdbi, Policy policy, JsonColumns json, AuditLog audit, Clock clock) {
        this.jdbi = jdbi;
        this.policy = policy;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    public GeneratedKeyResponse generate(Caller caller, GenerateKeyRequest request) {
        String userId = request.userId() != null ? request.userId() : caller.userId();
        return generate(caller, request, userId);
    }

    /** A team's key with no user: it authenticates as the team's service account. */
    public GeneratedKeyResponse generateServiceAccount(Caller caller, GenerateKeyRequest request) {
        if (request.teamId() == null) {
            throw ApiException.badRequest("A service-account key needs team_id", "team_id");
        }
        if (request.userId() != null) {
            throw ApiException.badRequest("A service-account key has no user_id", "user_id");
        }
        return generate(caller, request, null);
    }

    private GeneratedKeyResponse generate(Caller caller, GenerateKeyRequest request, String userId) {
        return jdbi.inTransaction(handle -> {
            holdParents(handle, request.teamId(), request.organizationId(), userId);
            KeyPlacement place = KeyPlacement.load(handle, userId, request.teamId(), request.organizationId());
            // The same rule as /key/update: an owner sets the alias, metadata and duration; limits come
            // from an admin of the key.
            policy.checkKeyFields(caller, Action.KEY_GENERATE, place.target(null), request.fieldsSet());
            // A key named for another user must sit where that user belongs.
            place.requireConsistent(handle, request.organizationId(), request.userId() != null);
            if (request.budgetId() != null) {
                BudgetService.held(handle, request.budgetId());
            }
            place.requireWithin(BudgetService.withTier(handle, request.budgetId(), new Limits(
                    listOrEmpty(request.models()), request.maxBudget(), request.tpmLimit(), request.rpmLimit())));
            return create(handle, caller, request, userId, place.teamId(), place.organizationId());
        });
    }

    /**
     * Holds what a new key will point at, top-down (LockOrder), before the caller's lookups: a cascade
     * that got there first has removed it (404), one that comes later waits for the key and removes it
     * too. The team's organization is read first, since it comes before the team; a team moved to
     * another organization meanwhile runs the transaction again (LockOrder.requireUnmoved).
     */
    public static void holdParents(Handle handle, String teamId, String organizationId, String userId) {
        String teamOrganizationId = teamId == null ? null
                : handle.attach(TeamDao.class).find(teamId).map(TeamRow::organizationId).orElse(null);
        LockOrder.holdParents(handle, Arrays.asList(teamOrganizationId, organizationId), Arrays.asList(teamId),
                Arrays.asList(userId));
        if (teamId != null) {
            // A team deleted meanwhile is the caller's 404, not a move.
            handle.attach(TeamDao.class).find(teamId)
                    .ifPresent(team -> LockOrder.requireUnmoved(teamOrganizationId, team.organizationId()));
        }
    }

    /** Inserts a key the caller has already been allowed to create, and audits it; shared with user creation. */
    public GeneratedKeyResponse create(Handle handle, Caller caller, GenerateKeyRequest request, String userId,
                                       String teamId, String organizationId) {
        KeyDao keys = handle.attach(KeyDao.class);
        String cleartext = request.key() != null ? requireCustomKey(request.key()) : newKey();
        String token = Secrets.sha256Hex(cleartext);
        if (keys.tokenExists(token)) {
            throw ApiException.badRequest("This key already exists; choose another", "key");
        }
        if (request.keyAlias() != null && keys.aliasExists(request.keyAlias())) {
            throw ApiException.badRequest("key_alias already in use: " + request.keyAlias(), "key_alias");
        }
        Instant now = clock.instant();
        Instant expires = request.duration() == null ? null : Durations.after(request.duration(), now, "duration");
        KeyRow row = new KeyRow(
                token,
                Secrets.mask(cleartext),
                request.keyAlias(),
                userId,
                teamId,
                organizationId,
                listOrEmpty(request.models()),
                request.maxBudget(),
                request.budgetDuration(),
                BudgetReset.first(request.budgetDuration(), now),
                request.softBudget(),
                request.spend() == null ? BigDecimal.ZERO : request.spend(),
                request.tpmLimit(),
                request.rpmLimit(),
                request.maxParallelRequests(),
                json.write(request.modelMaxBudget()),
                json.write(request.modelRpmLimit()),
                json.write(request.modelTpmLimit()),
                listOrEmpty(request.allowedRoutes()),
                (request.keyType() == null ? KeyType.DEFAULT : request.keyType()).wire(),
                Boolean.TRUE.equals(request.blocked()),
                expires,
                json.write(request.metadata()),
                listOrEmpty(request.tags()),
                json.write(request.permissions()),
                json.write(request.aliases()),
                request.budgetId(),
                caller.actorId(),
                caller.actorId(),
                null,
                null);
        KeyView created = KeyView.of(keys.insert(row), json);
        audit.record(handle, caller, "key.generate", "key", token, organizationId, null, created);
        return new GeneratedKeyResponse(cleartext, created);
    }

    static String newKey() {
        return Secrets.newKey(KEY_BYTES);
    }

    static String requireCustomKey(String key) {
        if (!key.startsWith(Secrets.KEY_PREFIX) || key.length() < 12 || !key.matches("[\\x21-\\x7e]+")) {
            throw ApiException.badRequest("A custom key must start with sk- and have at least 12 printable characters",
                    "key");
        }
        return key;
    }

}
