package dev.keygate.spend;

import dev.keygate.auth.cache.CacheSync;
import io.dropwizard.lifecycle.Managed;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes reported calls to the database in batches: one thread takes every report waiting, writes
 * them in one transaction and answers each once it committed and this instance's spend ledger holds
 * the new totals (so a verify right after the answer sees the spend).
 *
 * <p>Why batches: every call of a team adds to the team's row, and of an organization to its row;
 * one transaction per call would hold those rows' locks through every commit, one call at a time.
 * A batch adds each row's sum once, whatever the number of calls in it.
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
        thread = new Thread(this::run, "keygate-spend-writer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(ANSWER_TIMEOUT.toMillis());
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.outcome().completeExceptionally(new IllegalStateException("Keygate is stopping")));
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                List<Outcome> outcomes = write(batch.stream().map(Pending::entry).toList());
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).outcome().complete(outcomes.get(i));
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not record {} spend reports: {}", batch.size(), e.getMessage());
                batch.forEach(p -> p.outcome().completeExceptionally(e));
            }
            batch.clear();
        }
    }

    /** The outcome of each entry, in order; of reports of one request id in the batch, the first counts. */
    private List<Outcome> write(List<SpendEntry> entries) {
        // The first report of each request id is the candidate; later ones in the batch are repeats.
        Map<String, SpendEntry> candidates = new LinkedHashMap<>();
        entries.forEach(entry -> candidates.putIfAbsent(entry.requestId(), entry));
        return jdbi.inTransaction(handle -> {
            Set<String> fresh = insertRequests(handle, candidates.values());
            List<SpendEntry> counted = candidates.values().stream().filter(e -> fresh.contains(e.requestId())).toList();
            Map<String, BigDecimal> keySpends = counted.isEmpty() ? Map.of() : add(handle, counted);
            cacheSync.afterCommit(handle);
            Map<String, BigDecimal> current = new HashMap<>(keySpends);
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
            return outcomes;
        });
    }

    private static Set<String> insertRequests(Handle handle, Collection<SpendEntry> entries) {
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
        return new HashSet<>(handle.createQuery("""
                        INSERT INTO spend_requests (request_id, token, model, cost, prompt_tokens, completion_tokens)
                        SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:tokens AS text[]), CAST(:models AS text[]),
                                             CAST(:costs AS numeric[]), CAST(:prompts AS bigint[]),
                                             CAST(:completions AS bigint[]))
                        ON CONFLICT (request_id) DO NOTHING
                        RETURNING request_id""")
                .bindArray("ids", String.class, ids)
                .bindArray("tokens", String.class, tokens)
                .bindArray("models", String.class, models)
                .bindArray("costs", String.class, costs)
                .bindArray("prompts", String.class, prompts)
                .bindArray("completions", String.class, completions)
                .mapTo(String.class)
                .list());
    }

    /**
     * Adds the counted calls to every level, each row once with its sum, rows locked key first then
     * users, teams, memberships, organizations. Returns the keys' new spend.
     */
    private static Map<String, BigDecimal> add(Handle handle, List<SpendEntry> counted) {
        Set<String> tokens = new TreeSet<>();
        counted.forEach(entry -> tokens.add(entry.token()));
        // The owners as they are now, the key rows locked in token order (a key moving between
        // teams waits, or is seen moved).
        Map<String, Owners> owners = new HashMap<>();
        handle.createQuery("""
                        SELECT token, user_id, team_id, organization_id FROM keys
                         WHERE token = ANY(CAST(:tokens AS text[])) ORDER BY token FOR UPDATE""")
                .bindArray("tokens", String.class, new ArrayList<>(tokens))
                .map((row, ctx) -> new Owners(row.getString("token"), row.getString("user_id"),
                        row.getString("team_id"), row.getString("organization_id")))
                .forEach(o -> owners.put(o.token(), o));

        Sums keys = new Sums();
        Sums users = new Sums();
        Sums teams = new Sums();
        Sums members = new Sums();
        Sums organizations = new Sums();
        Map<KeyModel, Usage> models = new TreeMap<>();
        for (SpendEntry entry : counted) {
            Owners owner = owners.get(entry.token());
            if (owner == null) {
                continue; // deleted since it was looked up: its request id stays recorded
            }
            keys.add(entry.token(), entry.spend());
            users.add(owner.userId(), entry.spend());
            teams.add(owner.teamId(), entry.spend());
            if (owner.teamId() != null && owner.userId() != null) {
                members.add(owner.teamId() + "\t" + owner.userId(), entry.spend());
            }
            organizations.add(owner.organizationId(), entry.spend());
            models.computeIfAbsent(new KeyModel(entry.token(), entry.model()), m -> new Usage()).add(entry);
        }
        Map<String, BigDecimal> keySpends = new HashMap<>();
        handle.createQuery("""
                        UPDATE keys k SET spend = k.spend + d.amount
                          FROM unnest(CAST(:ids AS text[]), CAST(:amounts AS numeric[])) AS d(id, amount)
                         WHERE k.token = d.id
                        RETURNING k.token, k.spend""")
                .bindArray("ids", String.class, keys.ids())
                .bindArray("amounts", String.class, keys.amounts())
                .map((row, ctx) -> Map.entry(row.getString("token"), row.getBigDecimal("spend")))
                .forEach(e -> keySpends.put(e.getKey(), e.getValue()));
        update(handle, "users", "user_id", users);
        update(handle, "teams", "team_id", teams);
        if (!members.isEmpty()) {
            handle.createUpdate("""
                            UPDATE team_memberships m SET spend = m.spend + d.amount
                              FROM unnest(CAST(:ids AS text[]), CAST(:amounts AS numeric[])) AS d(id, amount)
                             WHERE m.team_id = split_part(d.id, chr(9), 1) AND m.user_id = split_part(d.id, chr(9), 2)""")
                    .bindArray("ids", String.class, members.ids())
                    .bindArray("amounts", String.class, members.amounts())
                    .execute();
        }
        update(handle, "organizations", "organization_id", organizations);
        if (!models.isEmpty()) {
            addPerModel(handle, models);
        }
        return keySpends;
    }

    /** The key's spend per model (for model_max_budget) and the day's row per key and model (for reports). */
    private static void addPerModel(Handle handle, Map<KeyModel, Usage> models) {
        List<String> tokens = models.keySet().stream().map(KeyModel::token).toList();
        List<String> names = models.keySet().stream().map(KeyModel::model).toList();
        List<String> amounts = models.values().stream().map(u -> u.spend.toPlainString()).toList();
        handle.createUpdate("""
                        INSERT INTO key_model_spend AS s (token, model, spend)
                        SELECT * FROM unnest(CAST(:tokens AS text[]), CAST(:models AS text[]), CAST(:amounts AS numeric[]))
                        ON CONFLICT (token, model) DO UPDATE SET spend = s.spend + excluded.spend""")
                .bindArray("tokens", String.class, tokens)
                .bindArray("models", String.class, names)
                .bindArray("amounts", String.class, amounts)
                .execute();
        handle.createUpdate("""
                        INSERT INTO spend_daily AS s (day, token, model, spend, prompt_tokens, completion_tokens, requests)
                        SELECT (now() AT TIME ZONE 'UTC')::date, d.* FROM unnest(CAST(:tokens AS text[]),
                               CAST(:models AS text[]), CAST(:amounts AS numeric[]), CAST(:prompts AS bigint[]),
                               CAST(:completions AS bigint[]), CAST(:requests AS bigint[])) AS d
                        ON CONFLICT (day, token, model) DO UPDATE
                           SET spend = s.spend + excluded.spend, prompt_tokens = s.prompt_tokens + excluded.prompt_tokens,
                               completion_tokens = s.completion_tokens + excluded.completion_tokens,
                               requests = s.requests + excluded.requests""")
                .bindArray("tokens", String.class, tokens)
                .bindArray("models", String.class, names)
                .bindArray("amounts", String.class, amounts)
                .bindArray("prompts", String.class, models.values().stream().map(u -> Long.toString(u.prompt)).toList())
                .bindArray("completions", String.class,
                        models.values().stream().map(u -> Long.toString(u.completion)).toList())
                .bindArray("requests", String.class, models.values().stream().map(u -> Long.toString(u.requests)).toList())
                .execute();
    }

    private static void update(Handle handle, String table, String idColumn, Sums sums) {
        if (sums.isEmpty()) {
            return;
        }
        handle.createUpdate("UPDATE " + table + " t SET spend = t.spend + d.amount"
                        + " FROM unnest(CAST(:ids AS text[]), CAST(:amounts AS numeric[])) AS d(id, amount)"
                        + " WHERE t." + idColumn + " = d.id")
                .bindArray("ids", String.class, sums.ids())
                .bindArray("amounts", String.class, sums.amounts())
                .execute();
    }

    private static Map<String, BigDecimal> keySpends(Handle handle, Set<String> tokens) {
        Map<String, BigDecimal> spends = new HashMap<>();
        handle.createQuery("SELECT token, spend FROM keys WHERE token = ANY(CAST(:tokens AS text[]))")
                .bindArray("tokens", String.class, new ArrayList<>(tokens))
                .map((row, ctx) -> Map.entry(row.getString("token"), row.getBigDecimal("spend")))
                .forEach(e -> spends.put(e.getKey(), e.getValue()));
        return spends;
    }

    private record Owners(String token, String userId, String teamId, String organizationId) {}

    private record KeyModel(String token, String model) implements Comparable<KeyModel> {
        @Override
        public int compareTo(KeyModel other) {
            int byToken = token.compareTo(other.token);
            return byToken != 0 ? byToken : model.compareTo(other.model);
        }
    }

    /** One key's calls of one model in a batch, summed. */
    private static final class Usage {
        BigDecimal spend = BigDecimal.ZERO;
        long prompt;
        long completion;
        long requests;

        void add(SpendEntry entry) {
            spend = spend.add(entry.spend());
            prompt += entry.promptTokens();
            completion += entry.completionTokens();
            requests++;
        }
    }

    /** Amounts summed per id, ids in sorted order (rows updated in one order by every batch). */
    private static final class Sums {

        private final TreeMap<String, BigDecimal> sums = new TreeMap<>();

        void add(String id, BigDecimal amount) {
            if (id != null) {
                sums.merge(id, amount, BigDecimal::add);
            }
        }

        boolean isEmpty() {
            return sums.isEmpty();
        }

        List<String> ids() {
            return new ArrayList<>(sums.keySet());
        }

        List<String> amounts() {
            return sums.values().stream().map(BigDecimal::toPlainString).toList();
        }
    }
}
