package dev.keygate.auth.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.keygate.auth.Caller;
import dev.keygate.auth.KeyRecord;
import dev.keygate.web.ApiException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Presented-key hash → {@link KeyRecord}, a separately bounded set of hashes known to name no
 * key, and sign-in token hash → the {@link Caller} the token authenticates (until it expires).
 * Exact, not merely fresh: entries leave when the database announces a change ({@link #apply}),
 * and while announcements cannot be received ({@link #suspend}) the cache is
 * neither read nor filled, so a lost connection never costs a stale allow.
 *
 * <p>A load racing a change could store what it read before the change after the change was
 * applied. Every applied change therefore bumps {@link #generation}, and a load that sees it moved
 * removes what it just stored.
 */
public final class CallerCache {

    private final boolean enabled;
    private final Cache<String, KeyRecord> known;
    private final Cache<String, Boolean> unknown;
    private final Cache<String, SignedIn> tokens;
    private final SpendLedger spends;
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;
    /** Whether a regenerated key's old token may be cached: only then must key changes scan for it. */
    private volatile boolean graceEntries;

    public CallerCache(CacheConfig config) {
        this.enabled = config.isEnabled();
        this.known = Caffeine.newBuilder()
                .maximumSize(config.getMaxEntries())
                .expireAfterWrite(config.getTtl().toJavaDuration())
                .recordStats()
                .build();
        this.unknown = Caffeine.newBuilder()
                .maximumSize(config.getUnknownMaxEntries())
                .expireAfterWrite(config.getUnknownTtl().toJavaDuration())
                .recordStats()
                .build();
        this.tokens = Caffeine.newBuilder()
                .maximumSize(config.getMaxEntries())
                .expireAfterWrite(config.getTtl().toJavaDuration())
                .recordStats()
                .build();
        // Several subjects per key (its user, team, membership, organization), shared by many keys.
        this.spends = new SpendLedger(2L * config.getMaxEntries());
    }

    /**
     * What a verified sign-in token is, until {@code expires}: a caller, or (when {@code caller} is
     * null) a refusal, 403 with {@code refusal} as its message — remembered so that a refused client
     * does not reach the database on every request.
     */
    public record SignedIn(Caller caller, String refusal, Instant expires) {

        public static SignedIn as(Caller caller, Instant expires) {
            return new SignedIn(caller, null, expires);
        }

        public static SignedIn refused(String refusal, Instant expires) {
            return new SignedIn(null, refusal, expires);
        }

        Caller callerOrRefuse() {
            if (caller == null) {
                throw ApiException.forbidden(refusal);
            }
            return caller;
        }
    }

    /**
     * The caller a sign-in token authenticates, from memory while the token is unexpired and nothing
     * it depends on changed, else from {@code loader} (which verifies it, or throws). Only verified
     * tokens are remembered, with their caller or their refusal.
     */
    public Caller signedIn(String tokenHash, Instant now, Supplier<SignedIn> loader) {
        if (!isServing()) {
            return loader.get().callerOrRefuse();
        }
        SignedIn cached = tokens.getIfPresent(tokenHash);
        if (cached != null && cached.expires().isAfter(now)) {
            return cached.callerOrRefuse();
        }
        long before = generation.get();
        SignedIn loaded = loader.get();
        tokens.put(tokenHash, loaded);
        if (generation.get() != before || !isServing()) {
            tokens.invalidate(tokenHash);
        }
        return loaded.callerOrRefuse();
    }

    /** The record for {@code token}, from memory when it can be trusted, else from {@code loader}. */
    public Optional<KeyRecord> get(String token, Function<String, Optional<KeyRecord>> loader) {
        if (!isServing()) {
            return loader.apply(token);
        }
        KeyRecord cached = known.getIfPresent(token);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (unknown.getIfPresent(token) != null) {
            return Optional.empty();
        }
        long before = generation.get();
        Optional<KeyRecord> loaded = loader.apply(token);
        if (loaded.isPresent()) {
            if (loaded.get().graceEnds() != null) {
                graceEntries = true;
            }
            known.put(token, loaded.get());
        } else {
            unknown.put(token, Boolean.TRUE);
        }
        if (generation.get() != before || !isServing()) {
            forget(token);
        }
        return loaded;
    }

    /** Applies announced changes: direct removal for keys, one pass over the entries for the rest. */
    void apply(Invalidation batch) {
        batch.spends.forEach(spends::apply);
        if (batch.isSpendOnly()) {
            // Spend is not part of any cached record: loads racing this batch stay valid.
            return;
        }
        generation.incrementAndGet();
        if (batch.everything) {
            clear();
            return;
        }
        boolean scanForGrace = graceEntries;
        for (String token : batch.keys) {
            forget(token);
        }
        if (batch.needsScan() || (scanForGrace && !batch.keys.isEmpty())) {
            known.asMap().values().removeIf(record -> batch.keys.contains(record.token())
                    || mentions(batch, record.caller())
                    || record.limits().budgetIds().stream().anyMatch(batch.budgets::contains));
        }
        if (batch.jwtMappings) {
            tokens.invalidateAll();
        } else if (batch.needsScan() || !batch.keys.isEmpty()) {
            // A token mapped to a key is that key's caller; a refused token has no caller.
            tokens.asMap().values().removeIf(entry -> entry.caller() == null
                    ? batch.needsScan() : batch.keys.contains(entry.caller().keyToken()) || mentions(batch, entry.caller()));
        }
    }

    private static boolean mentions(Invalidation batch, Caller caller) {
        return batch.users.stream().anyMatch(caller::mentionsUser)
                || batch.teams.stream().anyMatch(caller::mentionsTeam)
                || batch.organizations.stream().anyMatch(caller::mentionsOrganization);
    }

    /** Announcements may be missed from now on: forget everything and answer from the database. */
    void suspend() {
        listening = false;
        clear();
        spends.serving(false);
    }

    /** Announcements arrive again; whatever was missed meanwhile is forgotten first. */
    void resume() {
        clear();
        listening = true;
        spends.serving(enabled);
    }

    public void clear() {
        generation.incrementAndGet();
        known.invalidateAll();
        unknown.invalidateAll();
        tokens.invalidateAll();
        spends.clear();
        graceEntries = false;
    }

    public boolean isServing() {
        return enabled && listening;
    }

    public long knownSize() {
        known.cleanUp();
        return known.estimatedSize();
    }

    public long unknownSize() {
        unknown.cleanUp();
        return unknown.estimatedSize();
    }

    /** Current spend per budget subject, exact like the rest of this cache. */
    public SpendLedger spends() {
        return spends;
    }

    public Cache<String, KeyRecord> known() {
        return known;
    }

    public Cache<String, Boolean> unknown() {
        return unknown;
    }

    public Cache<String, SignedIn> tokens() {
        return tokens;
    }

    private void forget(String token) {
        known.invalidate(token);
        unknown.invalidate(token);
    }
}
