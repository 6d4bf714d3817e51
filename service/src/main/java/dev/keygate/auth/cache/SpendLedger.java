package dev.keygate.auth.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The current spend of every budget subject this instance has seen ({@code key:<token>},
 * {@code user:<id>}, {@code team:<id>}, {@code member:<team><tab><user>}, {@code org:<id>},
 * {@code model:<token>/<model>}), kept exact by the database's {@code spend:} announcements (see the
 * V7 migration), which carry the new total in commit order. Kept apart from the cached key records
 * because spend moves with every LLM call: a change of a team's spend must not make every instance
 * forget every key of the team.
 *
 * <p>Values read from the database enter only when the subject is not known yet ({@link #seed}):
 * a value announced meanwhile is newer and stays. An eviction could let an older read in after a
 * newer announcement, so evictions (and a cleared ledger) bump {@link #generation}, and a seed that
 * sees it moved is not kept.
 */
public final class SpendLedger {

    private final Cache<String, BigDecimal> spends;
    private final AtomicLong generation = new AtomicLong();
    /** False while announcements cannot be received: nothing is read from memory or remembered then. */
    private volatile boolean serving;

    SpendLedger(long maxEntries) {
        this.spends = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .evictionListener((String subject, BigDecimal spend, com.github.benmanes.caffeine.cache.RemovalCause cause) ->
                        generation.incrementAndGet())
                .build();
    }

    public static String key(String token) {
        return "key:" + token;
    }

    public static String user(String userId) {
        return "user:" + userId;
    }

    public static String team(String teamId) {
        return "team:" + teamId;
    }

    public static String member(String teamId, String userId) {
        return "member:" + teamId + "\t" + userId; // a tab cannot be in an id, a '/' can
    }

    public static String organization(String organizationId) {
        return "org:" + organizationId;
    }

    public static String model(String token, String model) {
        return "model:" + token + "/" + model;
    }

    /** The generation a reader takes before it reads spend from the database, for {@link #seed}. */
    public long generation() {
        return generation.get();
    }

    /** The subject's spend, or null when this instance does not know it. */
    public BigDecimal get(String subject) {
        return serving ? spends.getIfPresent(subject) : null;
    }

    /**
     * The subject's spend, from memory, else from {@code reader} (the database), remembered when no
     * eviction happened meanwhile.
     */
    public BigDecimal get(String subject, Function<String, BigDecimal> reader) {
        BigDecimal known = get(subject);
        if (known != null) {
            return known;
        }
        long before = generation.get();
        BigDecimal read = reader.apply(subject);
        seed(Map.of(subject, read), before);
        return read;
    }

    /** Remembers spend read from the database since {@code generationBefore}, for subjects not known yet. */
    public void seed(Map<String, BigDecimal> read, long generationBefore) {
        if (!serving) {
            return;
        }
        read.forEach((subject, spend) -> {
            if (spend != null) {
                spends.asMap().putIfAbsent(subject, spend);
            }
        });
        if (generation.get() != generationBefore || !serving) {
            // Something was evicted meanwhile: what was just added may be older than a lost announcement.
            read.keySet().forEach(spends::invalidate);
        }
    }

    /** Applies one announcement: {@code <subject>=<total>}, or {@code <subject>=-} for a deleted row. */
    void apply(String announcement) {
        int split = announcement.lastIndexOf('=');
        if (split < 0) {
            clear();
            return;
        }
        String subject = announcement.substring(0, split);
        String value = announcement.substring(split + 1);
        if (value.equals("-")) {
            spends.invalidate(subject);
            return;
        }
        try {
            spends.put(subject, new BigDecimal(value));
        } catch (NumberFormatException e) {
            spends.invalidate(subject);
        }
    }

    void clear() {
        generation.incrementAndGet();
        spends.invalidateAll();
    }

    /** Announcements may be missed from now on (false) or arrive again (true); forgets everything either way. */
    void serving(boolean serving) {
        this.serving = serving;
        clear();
    }

    public long size() {
        spends.cleanUp();
        return spends.estimatedSize();
    }
}
