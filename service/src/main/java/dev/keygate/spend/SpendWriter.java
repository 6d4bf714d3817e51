package dev.keygate.spend;

import dev.keygate.auth.cache.CacheSync;
import io.dropwizard.lifecycle.Managed;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes reported calls to the database in batches: one thread takes every report waiting, writes
 * them in one transaction and answers each once it committed and this instance's spend ledger holds
 * the new totals (so a verify right after the answer sees the spend). The wait for the ledger is
 * another thread's, in commit order: the writer goes on with the next batch meanwhile. The batch's
 * cache sync marker is sent in its own transaction, so confirming it costs no commit of its own.
 *
 * <p>Why batches: every call of a team adds to the team's row, and of an organization to its row;
 * one transaction per call would hold those rows' locks through every commit, one call at a time.
 * A batch adds each row's sum once, whatever the number of calls in it, in one statement (one round
 * trip: seven separate statements cost 13 ms a batch, most of it round trips and planning).
 *
 * <p>Exactly once per request id: the id is inserted first ({@code ON CONFLICT DO NOTHING}), and
 * only the reports whose id was new are added, in the same transaction. A failed transaction adds
 * nothing and fails its reports (503); the gateway can send them again.
 */
public final class SpendWriter implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(SpendWriter.class);
    private static final int MAX_BATCH = 256;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final Jdbi jdbi;
    private final CacheSync cacheSync;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread thread;
    /** Answers committed batches once the ledger holds their totals, one batch at a time, in order. */
    private ExecutorService answers;

    public SpendWriter(Jdbi jdbi, CacheSync cacheSync) {
        this.jdbi = jdbi;
        this.cacheSync = cacheSync;
    }

    /** Whether the report counted (its request id was new) and the key's spend after it. */
    record Outcome(boolean counted, BigDecimal keySpend) {}

    private record Pending(SpendEntry entry, CompletableFuture<Outcome> outcome) {}

    /** Records one call, waiting until it is written; fails when the database cannot take it. */
    Outcome record(SpendEntry entry) {
        if (!running) {
            throw new IllegalStateException("The spend writer is not running");
        }
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        queue.add(new Pending(entry, outcome));
        try {
            return outcome.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Spend was not written within " + ANSWER_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while recording spend", e);
        }
    }

    @Override
    public void start() {
        running = true;
        answers = Executors.newSingleThreadExecutor(runnable -> {
            Thread answering = new Thread(runnable, "keygate-spend-answers");
            answering.setDaemon(true);
            return answering;
        });
        thread = new Thread(this::run, "keygate-spend-writer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(ANSWER_TIMEOUT.toMillis());
        // Committed batches are still answered; only what was never written is refused.
        answers.shutdown();
        answers.awaitTermination(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.outcome().completeExceptionally(new IllegalStateException("Keygate is stopping")));
    }

    private void run() {
        while (running) {
            List<Pending> batch = new ArrayList<>(MAX_BATCH);
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            Committed written;
            try {
                written = write(batch.stream().map(Pending::entry).toList());
            } catch (RuntimeException e) {
                LOG.warn("Could not record {} spend reports: {}", batch.size(), e.getMessage());
                batch.forEach(p -> p.outcome().completeExceptionally(e));
                continue;
            }
            answers.execute(() -> {
                // The marker committed with the batch: once it is applied, the ledger holds the batch's totals.
                cacheSync.awaitAppliedInTransaction(written.marker());
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).outcome().complete(written.outcomes().get(i));
                }
            });
        }
    }

    /**
     * The whole batch in one statement, so in one round trip: the request ids inserted first (only
     * new ones come back), then each level's row once with the sum of the new reports — keys, users,
     * teams, memberships, organizations, the key's spend per model and the day's rows. The owners are
     * the key's as this statement sees them.
     */
    private static final String RECORD = """
            WITH input AS (
                SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:tokens AS text[]), CAST(:models AS text[]),
                                     CAST(:costs AS numeric[]), CAST(:prompts AS bigint[]), CAST(:completions AS bigint[]))
                         AS i(request_id, token, model, cost, prompt_tokens, completion_tokens)),
            fresh AS (
                INSERT INTO spend_requests (request_id, token, model, cost, prompt_tokens, completion_tokens)
                SELECT * FROM input ON CONFLICT (request_id) DO NOTHING
                RETURNING request_id, token, model, cost, prompt_tokens, completion_tokens),
            owned AS (
                SELECT f.*, k.user_id, k.team_id, k.organization_id FROM fresh f JOIN keys k ON k.token = f.token),
            keys_done AS (
                UPDATE keys t SET spend = t.spend + s.amount
                  FROM (SELECT token, sum(cost) AS amount FROM owned GROUP BY token) s
                 WHERE t.token = s.token
                RETURNING t.token, t.spend),
            users_done AS (
                UPDATE users t SET spend = t.spend + s.amount
                  FROM (SELECT user_id, sum(cost) AS amount FROM owned WHERE user_id IS NOT NULL GROUP BY user_id) s
                 WHERE t.user_id = s.user_id
                RETURNING 1),
            teams_done AS (
                UPDATE teams t SET spend = t.spend + s.amount
                  FROM (SELECT team_id, sum(cost) AS amount FROM owned WHERE team_id IS NOT NULL GROUP BY team_id) s
                 WHERE t.team_id = s.team_id
                RETURNING 1),
            members_done AS (
                UPDATE team_memberships t SET spend = t.spend + s.amount
                  FROM (SELECT team_id, user_id, sum(cost) AS amount FROM owned
                         WHERE team_id IS NOT NULL AND user_id IS NOT NULL GROUP BY team_id, user_id) s
                 WHERE t.team_id = s.team_id AND t.user_id = s.user_id
                RETURNING 1),
            organizations_done AS (
                UPDATE organizations t SET spend = t.spend + s.amount
                  FROM (SELECT organization_id, sum(cost) AS amount FROM owned
                         WHERE organization_id IS NOT NULL GROUP BY organization_id) s
                 WHERE t.organization_id = s.organization_id
                RETURNING 1),
            models_done AS (
                INSERT INTO key_model_spend AS t (token, model, spend)
                SELECT token, model, sum(cost) FROM owned GROUP BY token, model
                ON CONFLICT (token, model) DO UPDATE SET spend = t.spend + excluded.spend
                RETURNING 1),
            days_done AS (
                INSERT INTO spend_daily AS t (day, token, model, spend, prompt_tokens, completion_tokens, requests)
                SELECT (now() AT TIME ZONE 'UTC')::date, token, model, sum(cost), sum(prompt_tokens),
                       sum(completion_tokens), count(*)
                  FROM owned GROUP BY token, model
                ON CONFLICT (day, token, model) DO UPDATE
                   SET spend = t.spend + excluded.spend, prompt_tokens = t.prompt_tokens + excluded.prompt_tokens,
                       completion_tokens = t.completion_tokens + excluded.completion_tokens,
                       requests = t.requests + excluded.requests
                RETURNING 1)
            SELECT 'counted' AS kind, request_id AS id, CAST(NULL AS numeric) AS spend FROM fresh
            UNION ALL
            SELECT 'key', token, spend FROM keys_done""";

    /** A committed batch: each entry's outcome, in order, and the cache sync marker it committed with. */
    private record Committed(List<Outcome> outcomes, long marker) {}

    /** The outcome of each entry, in order; of reports of one request id in the batch, the first counts. */
    private Committed write(List<SpendEntry> entries) {
        // The first report of each request id is the candidate; later ones in the batch are repeats.
        Map<String, SpendEntry> candidates = new LinkedHashMap<>();
        entries.forEach(entry -> candidates.putIfAbsent(entry.requestId(), entry));
        return jdbi.inTransaction(handle -> {
            Set<String> fresh = new HashSet<>();
            Map<String, BigDecimal> current = new HashMap<>();
            record(handle, candidates.values()).forEach(row -> {
                if (row.counted()) {
                    fresh.add(row.id());
                } else {
                    current.put(row.id(), row.spend());
                }
            });
            Set<String> missing = new HashSet<>();
            for (SpendEntry entry : entries) {
                if (!current.containsKey(entry.token())) {
                    missing.add(entry.token());
                }
            }
            if (!missing.isEmpty()) {
                current.putAll(keySpends(handle, missing));
            }
            List<Outcome> outcomes = new ArrayList<>(entries.size());
            for (SpendEntry entry : entries) {
                // The very entry that was the candidate (identity: a repeat may be equal to it).
                boolean countedHere = candidates.get(entry.requestId()) == entry && fresh.contains(entry.requestId());
                outcomes.add(new Outcome(countedHere, current.get(entry.token())));
            }
            return new Committed(outcomes, cacheSync.markInTransaction(handle));
        });
    }

    /** One row of {@link #RECORD}'s answer: a request id that counted, or a key's spend after the batch. */
    private record Written(boolean counted, String id, BigDecimal spend) {}

    /**
     * {@link #RECORD} is prepared on the server, unlike most statements (see {@code DatabaseSetup}):
     * planning its nine parts took 0.7–1.4 ms per batch on a quiet machine ({@code EXPLAIN ANALYZE}),
     * against 0.03 ms once Postgres settles on a generic plan; under the benchmark's load the
     * writer's statement went from about 4 ms to 2 ms a batch. Its plan does not depend on the
     * values: every part joins the batch's rows to a table by that table's key, and a generic plan
     * estimates the unnested arrays at ten rows, which keeps those index lookups for any batch size.
     */
    private static final StatementCustomizer PREPARED_ON_SERVER = new StatementCustomizer() {
        @Override
        public void beforeExecution(PreparedStatement statement, StatementContext context) throws SQLException {
            statement.unwrap(PGStatement.class).setPrepareThreshold(1);
        }
    };

    private static List<Written> record(Handle handle, Collection<SpendEntry> entries) {
        List<String> ids = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<String> models = new ArrayList<>();
        List<String> costs = new ArrayList<>();
        List<String> prompts = new ArrayList<>();
        List<String> completions = new ArrayList<>();
        for (SpendEntry entry : entries) {
            ids.add(entry.requestId());
            tokens.add(entry.token());
            models.add(entry.model());
            costs.add(entry.spend().toPlainString());
            prompts.add(Long.toString(entry.promptTokens()));
            completions.add(Long.toString(entry.completionTokens()));
        }
        return handle.createQuery(RECORD)
                .addCustomizer(PREPARED_ON_SERVER)
                .bindArray("ids", String.class, ids)
                .bindArray("tokens", String.class, tokens)
                .bindArray("models", String.class, models)
                .bindArray("costs", String.class, costs)
                .bindArray("prompts", String.class, prompts)
                .bindArray("completions", String.class, completions)
                .map((row, ctx) -> new Written(row.getString("kind").equals("counted"), row.getString("id"),
                        row.getBigDecimal("spend")))
                .list();
    }

    private static Map<String, BigDecimal> keySpends(Handle handle, Set<String> tokens) {
        Map<String, BigDecimal> spends = new HashMap<>();
        handle.createQuery("SELECT token, spend FROM keys WHERE token = ANY(CAST(:tokens AS text[]))")
                .bindArray("tokens", String.class, new ArrayList<>(tokens))
                .map((row, ctx) -> Map.entry(row.getString("token"), row.getBigDecimal("spend")))
                .forEach(e -> spends.put(e.getKey(), e.getValue()));
        return spends;
    }
}
