package dev.keygate.auth;

import dev.keygate.auth.cache.CallerCache;
import dev.keygate.db.JsonColumns;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which key a presented secret names, answered from the {@link CallerCache} and, on a miss, by the
 * one authentication query. Time-dependent facts (expiry, the end of a grace period) are kept as
 * instants and judged against the clock on every use, so they need no invalidation.
 */
public final class KeyDirectory {

    private final CallerQuery query;
    private final JsonColumns json;
    private final CallerCache cache;
    private final Clock clock;

    public KeyDirectory(CallerQuery query, JsonColumns json, CallerCache cache, Clock clock) {
        this.query = query;
        this.json = json;
        this.cache = cache;
        this.clock = clock;
    }

    /** The key named by a cleartext secret; empty when it names none (or no longer does). */
    public Optional<KeyRecord> findBySecret(String secret) {
        return find(Secrets.sha256Hex(secret));
    }

    /** The key named by a presented token (the SHA-256 of a secret). */
    public Optional<KeyRecord> find(String token) {
        return cache.get(token, this::load).filter(record -> record.isPresentable(clock.instant()));
    }

    public Clock clock() {
        return clock;
    }

    private Optional<KeyRecord> load(String token) {
        return query.find(token).map(this::toRecord);
    }

    private KeyRecord toRecord(CallerQuery.KeyCallerRow row) {
        UserRole role = row.userRole() == null ? null : UserRole.fromWire(row.userRole());
        KeyType keyType = KeyType.fromWire(row.keyType());
        Caller caller = new Caller(
                row.token(),
                row.userId(),
                role == null ? UserRole.INTERNAL_USER : role,
                row.teamId(),
                row.organizationId(),
                keyType,
                pairs(row.organizationRoles(), OrgRole::fromWire),
                pairs(row.teamRoles(), TeamRole::fromWire),
                null);
        return new KeyRecord(row.token(), row.keyAlias(), keyType, row.userId(), role, row.teamId(),
                row.organizationId(), List.copyOf(row.models()), row.expires(), row.maxBudget(), row.spend(),
                row.softBudget(), row.tpmLimit(), row.rpmLimit(), row.maxParallelRequests(),
                json.read(row.metadata()), row.blocked(), row.teamBlocked(),
                row.teamModels() == null ? null : List.copyOf(row.teamModels()),
                row.teamMemberPermissions() == null ? List.of() : List.copyOf(row.teamMemberPermissions()),
                row.graceEnds(), caller);
    }

    /** Decodes the "id=role" pairs the query builds. Ids may contain '=', roles never do. */
    private static <R> Map<String, R> pairs(List<String> encoded, Function<String, R> role) {
        Map<String, R> result = new HashMap<>();
        for (String pair : encoded) {
            int split = pair.lastIndexOf('=');
            result.put(pair.substring(0, split), role.apply(pair.substring(split + 1)));
        }
        return result;
    }
}
