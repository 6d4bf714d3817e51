package dev.keygate.auth;

import dev.keygate.auth.cache.CallerCache;
import dev.keygate.auth.cache.SpendLedger;
import java.time.Clock;
import java.util.Optional;

/**
 * Which key a presented secret names, answered from the {@link CallerCache} and, on a miss, by the
 * one authentication query, run for the misses of concurrent requests together. Time-dependent
 * facts (expiry, the end of a grace period) are kept as instants and judged against the clock on
 * every use, so they need no invalidation.
 */
public final class KeyDirectory {

    private final LookupCoalescer<KeyRecord> lookups;
    private final CallerCache cache;
    private final Clock clock;

    public KeyDirectory(CallerQuery query, CallerCache cache, Clock clock) {
        this.lookups = new LookupCoalescer<>(query::findAll, CallerQuery.MAX_TOKENS, LookupCoalescer.LANES);
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

    /** A cache miss: the key from the database, its spend totals handed to the spend ledger. */
    private Optional<KeyRecord> load(String token) {
        SpendLedger spends = cache.spends();
        long before = spends.generation();
        Optional<KeyRecord> loaded = lookups.find(token);
        loaded.ifPresent(record -> spends.seed(record.limits().spendsAtLoad(), before));
        return loaded;
    }

    public Clock clock() {
        return clock;
    }
}
