package dev.keygate.limits;

import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resets budgets whose window ended ({@code budget_reset_at} passed) on keys, users, teams and
 * organizations: spend back to zero and the next reset set from {@code budget_duration}
 * ({@link BudgetReset}). Every instance runs the job; one round at a time runs anywhere, under a
 * transaction-scoped advisory lock, so two instances never reset the same window twice.
 *
 * <p>Nothing recorded is lost: the rows are locked before they are read, so a call recorded
 * concurrently either committed before (its spend is part of the window being closed, and of the
 * logged reset) or waits and is added to the new window. Each reset is logged in
 * {@code spend_resets} with the spend it took away.
 *
 * <p>Budget tiers ({@code budgets}) have windows too, as in LiteLLM: when a tier's {@code budget_reset_at}
 * passes, the keys and organizations that use it and have no {@code budget_duration} of their own start a
 * new window with it (those with their own are reset on their own schedule), and the tier's next reset is
 * set. They are reset in the same steps as the rows reset on their own schedule, so the rows are still
 * locked in the one order (keys before organizations, tiers last, as a key's change holds its tier).
 */
public final class BudgetResetJob implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetResetJob.class);
    /** The advisory lock of the job: any constant no other lock of Keygate's uses. */
    static final long LOCK = 0x4b6579676174654cL;
    /** Rows reset per statement, so a month's end across many keys does not become one huge lock set. */
    private static final int BATCH = 5_000;

    /** {@code tiered}: its rows may take a budget tier ({@code budget_id}). */
    private record Table(String name, String id, String subject, boolean tiered) {}

    private static final List<Table> TABLES = List.of(
            new Table("keys", "token", "key:", true),
            new Table("users", "user_id", "user:", false),
            new Table("teams", "team_id", "team:", false),
            new Table("organizations", "organization_id", "org:", true));

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    public BudgetResetJob(Jdbi jdbi, Clock clock, Duration interval) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "keygate-budget-reset");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
    }

    private void runQuietly() {
        try {
            int reset = runOnce();
            if (reset > 0) {
                LOG.info("Budget reset: {} budgets started a new window", reset);
            }
        } catch (RuntimeException e) {
            LOG.warn("Budget reset round failed, trying again in {}: {}", interval, e.getMessage());
        }
    }

    /**
     * One round: resets every budget that is due, unless another instance is running a round now.
     * Returns how many budgets were reset (0 also when another instance holds the lock).
     */
    public int runOnce() {
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            boolean mine = handle.createQuery("SELECT pg_try_advisory_xact_lock(:lock)")
                    .bind("lock", LOCK).mapTo(Boolean.class).one();
            if (!mine) {
                return 0;
            }
            Map<String, Instant> dueTiers = dueTiers(handle, now);
            int reset = 0;
            for (Table table : TABLES) {
                reset += resetDue(handle, table, now);
                if (table.tiered()) {
                    for (Map.Entry<String, Instant> tier : dueTiers.entrySet()) {
                        reset += resetTiered(handle, table, tier.getKey(), tier.getValue());
                    }
                }
            }
            dueTiers.forEach((budgetId, next) -> handle.createUpdate(
                            "UPDATE budgets SET budget_reset_at = :next WHERE budget_id = :id")
                    .bind("id", budgetId).bind("next", next.atOffset(ZoneOffset.UTC)).execute());
            return reset + dueTiers.size();
        });
    }

    /** The tiers whose window ended, each with its next reset. */
    private static Map<String, Instant> dueTiers(Handle handle, Instant now) {
        Map<String, Instant> due = new LinkedHashMap<>();
        handle.createQuery("""
                        SELECT budget_id, budget_duration FROM budgets
                         WHERE budget_duration IS NOT NULL AND (budget_reset_at IS NULL OR budget_reset_at <= :now)
                         ORDER BY budget_id""")
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .map((row, context) -> Map.entry(row.getString("budget_id"), row.getString("budget_duration")))
                .forEach(tier -> nextReset(tier.getValue(), now, "budgets")
                        .ifPresent(next -> due.put(tier.getKey(), next)));
        return due;
    }

    /**
     * Resets the rows of {@code table} that take their window from the tier {@code budgetId} (no
     * budget_duration of their own), logging each with the tier's next reset. Rows with nothing spent
     * are left as they are (so a batch never selects a row it reset).
     */
    private static int resetTiered(Handle handle, Table table, String budgetId, Instant next) {
        return resetInBatches(handle, table, "budget_id = :budgetId AND budget_duration IS NULL AND spend <> 0", false,
                Map.of("budgetId", budgetId), next);
    }

    /** The next reset of a window of {@code duration}, or empty (and a warning) when it has none. */
    private static Optional<Instant> nextReset(String duration, Instant now, String table) {
        try {
            return Optional.of(BudgetReset.first(duration, now));
        } catch (RuntimeException e) {
            // Stored before validation got stricter: leave it, say so, and keep resetting the rest.
            LOG.warn("Budget reset: {} has budget_duration '{}', which cannot be reset: {}", table, duration,
                    e.getMessage());
            return Optional.empty();
        }
    }

    private static int resetDue(Handle handle, Table table, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        List<String> durations = handle.createQuery("SELECT DISTINCT budget_duration FROM " + table.name()
                        + " WHERE budget_duration IS NOT NULL AND (budget_reset_at IS NULL OR budget_reset_at <= :now)")
                .bind("now", at).mapTo(String.class).list();
        int reset = 0;
        for (String duration : durations) {
            Optional<Instant> nextReset = nextReset(duration, now, table.name());
            if (nextReset.isEmpty()) {
                continue;
            }
            reset += resetInBatches(handle, table,
                    "budget_duration = :duration AND (budget_reset_at IS NULL OR budget_reset_at <= :now)", true,
                    Map.of("duration", duration, "now", at), nextReset.get());
        }
        return reset;
    }

    /**
     * Sets the spend of the rows {@code due} selects (a condition on {@code table}, with {@code binds})
     * back to 0, {@value #BATCH} at a time, locked in id order, and logs each reset with {@code next};
     * {@code ownWindow}: the rows' own budget_reset_at moves to {@code next} too.
     */
    private static int resetInBatches(Handle handle, Table table, String due, boolean ownWindow,
                                      Map<String, Object> binds, Instant next) {
        String sql = """
                WITH due AS (
                    SELECT %2$s AS id, spend FROM %1$s WHERE %3$s ORDER BY %2$s LIMIT :batch FOR UPDATE),
                reset AS (
                    UPDATE %1$s t SET spend = 0%4$s FROM due WHERE t.%2$s = due.id RETURNING due.id, due.spend)
                INSERT INTO spend_resets (subject, spend, next_reset)
                SELECT :subject || id, spend, :next FROM reset"""
                .formatted(table.name(), table.id(), due, ownWindow ? ", budget_reset_at = :next" : "");
        int reset = 0;
        int done;
        do {
            done = handle.createUpdate(sql)
                    .bindMap(binds)
                    .bind("next", next.atOffset(ZoneOffset.UTC))
                    .bind("batch", BATCH)
                    .bind("subject", table.subject())
                    .execute();
            reset += done;
        } while (done == BATCH);
        return reset;
    }
}
