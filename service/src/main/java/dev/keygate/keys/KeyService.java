package dev.keygate.keys;

import dev.keygate.auth.Caller;
import dev.keygate.auth.KeyType;
import dev.keygate.auth.Secrets;
import dev.keygate.db.JsonColumns;
import dev.keygate.orgs.OrganizationDao;
import dev.keygate.policy.Action;
import dev.keygate.policy.KeyTarget;
import dev.keygate.policy.Policy;
import dev.keygate.teams.TeamDao;
import dev.keygate.teams.TeamRow;
import dev.keygate.users.UserDao;
import dev.keygate.web.ApiException;
import dev.keygate.web.Durations;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Virtual keys. Every operation runs in one transaction in the same order: load the target (404),
 * ask the policy (403), validate (400), act.
 */
public final class KeyService {

    /** Generated keys: sk- + 16 random bytes, as LiteLLM makes them. */
    private static final int KEY_BYTES = 16;

    private final Jdbi jdbi;
    private final Policy policy;
    private final JsonColumns json;
    private final Clock clock;

    public KeyService(Jdbi jdbi, Policy policy, JsonColumns json, Clock clock) {
        this.jdbi = jdbi;
        this.policy = policy;
        this.json = json;
        this.clock = clock;
    }

    public GeneratedKeyResponse generate(Caller caller, GenerateKeyRequest request) {
        return jdbi.inTransaction(handle -> {
            String userId = request.userId() != null ? request.userId() : caller.userId();
            if (userId != null && !handle.attach(UserDao.class).exists(userId)) {
                throw ApiException.notFound("User not found: " + userId, "user_id");
            }
            TeamRow team = null;
            if (request.teamId() != null) {
                team = handle.attach(TeamDao.class).find(request.teamId())
                        .orElseThrow(() -> ApiException.notFound("Team not found: " + request.teamId(), "team_id"));
            } else if (request.organizationId() != null
                    && !handle.attach(OrganizationDao.class).exists(request.organizationId())) {
                throw ApiException.notFound("Organization not found: " + request.organizationId(), "organization_id");
            }
            String organizationId = team != null ? team.organizationId() : request.organizationId();
            policy.checkKey(caller, Action.KEY_GENERATE, new KeyTarget(null, userId, request.teamId(), organizationId));

            if (team != null && request.organizationId() != null
                    && !request.organizationId().equals(team.organizationId())) {
                throw ApiException.badRequest("organization_id must be the organization of team " + team.teamId(),
                        "organization_id");
            }
            return create(handle, caller, request, userId, request.teamId(), organizationId);
        });
    }

    /** Inserts a key the caller has already been allowed to create; shared with user creation. */
    public GeneratedKeyResponse create(Handle handle, Caller caller, GenerateKeyRequest request, String userId,
                                       String teamId, String organizationId) {
        KeyDao keys = handle.attach(KeyDao.class);
        String cleartext = request.key() != null ? requireCustomKey(request.key()) : Secrets.newKey(KEY_BYTES);
        String token = Secrets.sha256Hex(cleartext);
        if (keys.tokenExists(token)) {
            throw ApiException.badRequest("This key already exists; choose another", "key");
        }
        if (request.keyAlias() != null && keys.aliasExists(request.keyAlias())) {
            throw ApiException.badRequest("key_alias already in use: " + request.keyAlias(), "key_alias");
        }
        Instant expires = request.duration() == null
                ? null
                : clock.instant().plus(Durations.parse(request.duration(), "duration"));
        KeyRow row = new KeyRow(
                token,
                Secrets.mask(cleartext),
                request.keyAlias(),
                userId,
                teamId,
                organizationId,
                listOrEmpty(request.models()),
                request.maxBudget(),
                Durations.requireValid(request.budgetDuration(), "budget_duration"),
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
                caller.actorId(),
                caller.actorId(),
                null,
                null);
        return new GeneratedKeyResponse(cleartext, KeyView.of(keys.insert(row), json));
    }

    public KeyInfoResponse info(Caller caller, String key) {
        String token = key == null ? ownToken(caller) : tokenOf(key);
        KeyRow row = jdbi.withExtension(KeyDao.class, keys -> keys.find(token))
                .orElseThrow(() -> ApiException.notFound("Key not found", "key"));
        policy.checkKey(caller, Action.KEY_READ, targetOf(row));
        return new KeyInfoResponse(row.token(), KeyView.of(row, json));
    }

    public DeleteKeysResponse delete(Caller caller, DeleteKeysRequest request) {
        List<String> byKey = listOrEmpty(request.keys());
        List<String> byAlias = listOrEmpty(request.keyAliases());
        if (byKey.isEmpty() && byAlias.isEmpty()) {
            throw ApiException.badRequest("Name the keys to delete in keys or key_aliases", "keys");
        }
        return jdbi.inTransaction(handle -> {
            KeyDao keys = handle.attach(KeyDao.class);
            Map<String, KeyRow> targets = new LinkedHashMap<>();
            for (String key : byKey) {
                KeyRow row = keys.findForUpdate(tokenOf(key))
                        .orElseThrow(() -> ApiException.notFound("Key not found", "keys"));
                targets.put(row.token(), row);
            }
            for (String alias : byAlias) {
                KeyRow row = keys.findByAliasForUpdate(alias)
                        .orElseThrow(() -> ApiException.notFound("No key with alias " + alias, "key_aliases"));
                targets.put(row.token(), row);
            }
            for (KeyRow row : targets.values()) {
                policy.checkKey(caller, Action.KEY_DELETE, targetOf(row));
            }
            keys.delete(targets.keySet());
            return new DeleteKeysResponse(new ArrayList<>(targets.keySet()));
        });
    }

    private static KeyTarget targetOf(KeyRow row) {
        return new KeyTarget(row.token(), row.userId(), row.teamId(), row.organizationId());
    }

    private static String ownToken(Caller caller) {
        if (caller.isMasterKey()) {
            throw ApiException.badRequest("The master key has no key record: pass ?key=", "key");
        }
        return caller.keyToken();
    }

    /** APIs take a key as cleartext or as its hash. Anything else cannot name a key. */
    private static String tokenOf(String key) {
        if (key.startsWith(Secrets.KEY_PREFIX)) {
            return Secrets.sha256Hex(key);
        }
        if (Secrets.isSha256Hex(key)) {
            return key;
        }
        throw ApiException.notFound("Key not found", "key");
    }

    private static String requireCustomKey(String key) {
        if (!key.startsWith(Secrets.KEY_PREFIX) || key.length() < 12 || !key.matches("[\\x21-\\x7e]+")) {
            throw ApiException.badRequest("A custom key must start with sk- and have at least 12 printable characters",
                    "key");
        }
        return key;
    }

    static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }
}
