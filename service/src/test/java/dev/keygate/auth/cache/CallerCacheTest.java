package dev.keygate.auth.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.auth.Caller;
import dev.keygate.auth.Credential;
import dev.keygate.auth.KeyLimits;
import dev.keygate.auth.KeyRecord;
import dev.keygate.auth.KeyType;
import dev.keygate.auth.Secrets;
import dev.keygate.auth.TeamRole;
import dev.keygate.auth.UserRole;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The cache's own rules, without a database: bounds, suspension, and what each announcement evicts. */
class CallerCacheTest {

    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void aFloodOfRandomKeysStaysWithinTheUnknownBound() {
        CallerCache cache = serving(config(1_000, 500));
        Function<String, Optional<KeyRecord>> nothing = counting(token -> Optional.empty());
        for (int i = 0; i < 20_000; i++) {
            cache.get(Secrets.sha256Hex(Secrets.newKey(16)), nothing);
        }
        assertThat(cache.unknownSize()).isLessThanOrEqualTo(500);
        assertThat(cache.knownSize()).isZero();
        assertThat(loads).hasValue(20_000);

        // A repeated unknown key is answered from memory, not by the database.
        String repeated = Secrets.sha256Hex("sk-repeated-unknown");
        cache.get(repeated, nothing);
        cache.get(repeated, nothing);
        cache.get(repeated, nothing);
        assertThat(loads).hasValue(20_001);
    }

    @Test
    void knownKeysStayWithinTheirBoundAndAreServedFromMemory() {
        CallerCache cache = serving(config(100, 10));
        for (int i = 0; i < 1_000; i++) {
            String token = "t" + i;
            cache.get(token, counting(t -> Optional.of(record(t, "u" + t, null))));
        }
        assertThat(cache.knownSize()).isLessThanOrEqualTo(100);

        cache.get("hot", counting(t -> Optional.of(record(t, "u", null))));
        cache.get("hot", counting(t -> Optional.of(record(t, "u", null))));
        assertThat(loads).hasValue(1_001);
    }

    @Test
    void whileSuspendedEveryLookupGoesToTheLoaderAndNothingIsKept() {
        CallerCache cache = serving(config(100, 100));
        cache.get("k", counting(t -> Optional.of(record(t, "u", null))));
        cache.suspend();
        cache.get("k", counting(t -> Optional.of(record(t, "u", null))));
        cache.get("k", counting(t -> Optional.of(record(t, "u", null))));
        assertThat(loads).hasValue(3);
        assertThat(cache.knownSize()).isZero();

        cache.resume();
        cache.get("k", counting(t -> Optional.of(record(t, "u", null))));
        cache.get("k", counting(t -> Optional.of(record(t, "u", null))));
        assertThat(loads).hasValue(4);
    }

    @Test
    void announcementsEvictExactlyTheRecordsTheyConcern() {
        CallerCache cache = serving(config(100, 100));
        cache.get("k1", counting(t -> Optional.of(record(t, "alice", "team-a"))));
        cache.get("k2", counting(t -> Optional.of(record(t, "bob", "team-b"))));
        cache.get("k3", counting(t -> Optional.of(record(t, "carol", null))));
        cache.get("unknown", counting(t -> Optional.empty()));

        cache.apply(batch("team:team-a"));
        assertThat(cache.known().asMap()).containsOnlyKeys("k2", "k3");
        cache.apply(batch("user:carol"));
        assertThat(cache.known().asMap()).containsOnlyKeys("k2");
        cache.apply(batch("key:unknown"));
        assertThat(cache.unknown().asMap()).isEmpty();
        cache.apply(batch("org:org-1"));
        assertThat(cache.known().asMap()).isEmpty();
    }

    @Test
    void aBudgetTierAnnouncementEvictsTheKeysThatUseIt() {
        CallerCache cache = serving(config(100, 100));
        cache.get("k1", counting(t -> Optional.of(withTiers(record(t, "alice", null), Set.of("tier-a")))));
        cache.get("k2", counting(t -> Optional.of(withTiers(record(t, "bob", null), Set.of("tier-b")))));
        cache.get("k3", counting(t -> Optional.of(record(t, "carol", null))));

        cache.apply(batch("budget:tier-a"));

        assertThat(cache.known().asMap()).containsOnlyKeys("k2", "k3");
    }

    @Test
    void aLoadThatRacedAnAnnouncementIsNotKept() {
        CallerCache cache = serving(config(100, 100));
        // The announcement arrives while the loader is reading: what it read may predate the change.
        cache.get("k", counting(t -> {
            cache.apply(batch("key:k"));
            return Optional.of(record(t, "u", null));
        }));
        assertThat(cache.knownSize()).isZero();
    }

    @Test
    void anUnknownPayloadForgetsEverything() {
        CallerCache cache = serving(config(100, 100));
        cache.get("k", counting(t -> Optional.of(record(t, "u", null))));
        cache.apply(batch("*"));
        assertThat(cache.knownSize()).isZero();
    }

    private static Invalidation batch(String... payloads) {
        Invalidation batch = new Invalidation();
        for (String payload : payloads) {
            batch.add(payload);
        }
        return batch;
    }

    private Function<String, Optional<KeyRecord>> counting(Function<String, Optional<KeyRecord>> loader) {
        return token -> {
            loads.incrementAndGet();
            return loader.apply(token);
        };
    }

    private static CallerCache serving(CacheConfig config) {
        CallerCache cache = new CallerCache(config);
        cache.resume();
        return cache;
    }

    private static CacheConfig config(long known, long unknown) {
        CacheConfig config = new CacheConfig();
        config.setMaxEntries(known);
        config.setUnknownMaxEntries(unknown);
        return config;
    }

    /** {@code record} as loaded with these budget tiers (its own and its organization's). */
    private static KeyRecord withTiers(KeyRecord record, Set<String> budgetIds) {
        KeyLimits none = KeyLimits.NONE;
        KeyLimits limits = new KeyLimits(none.allowedRoutes(), none.aliases(), none.modelMaxBudget(), none.modelRpmLimit(),
                none.modelTpmLimit(), null, null, null, null, null, null, null, null, Map.of(), budgetIds);
        return new KeyRecord(record.token(), record.keyAlias(), record.keyType(), record.userId(), record.userRole(),
                record.teamId(), record.organizationId(), record.models(), record.expires(), record.maxBudget(),
                record.softBudget(), record.tpmLimit(), record.rpmLimit(), record.maxParallelRequests(), record.metadata(),
                record.blocked(), record.teamBlocked(), record.teamModels(), record.teamMemberPermissions(),
                record.graceEnds(), limits, record.caller());
    }

    /** A key of {@code userId}, in {@code teamId} (and as its member) when given, in organization org-1. */
    private static KeyRecord record(String token, String userId, String teamId) {
        Map<String, TeamRole> teams = teamId == null ? Map.of() : Map.of(teamId, TeamRole.USER);
        Caller caller = new Caller(Credential.VIRTUAL_KEY, token, userId, UserRole.INTERNAL_USER, teamId, "org-1", KeyType.DEFAULT,
                Map.of(), teams, null);
        return new KeyRecord(token, null, KeyType.DEFAULT, userId, UserRole.INTERNAL_USER, teamId, "org-1",
                List.of(), null, null, null, null, null, null, Map.of(), false, false,
                teamId == null ? null : List.of(), List.of(), null, KeyLimits.NONE, caller);
    }
}
