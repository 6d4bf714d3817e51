package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keygate.behavior.Scratch.ScratchKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Spend under concurrency, over real HTTP (issue 10, item 8): many reports at once lose nothing at
 * any level; one request id sent many times at once counts once; verify-then-record pairs against a
 * key one call below its budget overspend by at most the calls in flight; a budget reset racing
 * reports loses nothing (what was recorded = what resets took away + what is left). Nothing here
 * waits on a clock: each test ends when every request has answered.
 */
@BehaviorTest
class SpendConcurrencyTest {

    private static final int THREADS = 16;

    @Test
    void aThousandReportsAcrossFiftyKeysLoseNothingAtAnyLevel(Scratch scratch) {
        String[] organizations = {scratch.name("o0"), scratch.name("o1")};
        for (String organization : organizations) {
            scratch.insertOrganization(organization);
        }
        String[] teams = new String[5];
        for (int t = 0; t < teams.length; t++) {
            teams[t] = scratch.name("t" + t);
            scratch.insertTeam(teams[t], organizations[t % 2]);
        }
        String[] users = new String[10];
        for (int u = 0; u < users.length; u++) {
            users[u] = scratch.name("u" + u);
            scratch.insertUser(users[u]);
        }
        List<ScratchKey> keys = new ArrayList<>();
        List<KeyShape> shapes = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            KeyShape shape = new KeyShape(users[k % 10], teams[k % 5], organizations[(k % 5) % 2]);
            if (k < 10) {
                scratch.insertTeamMember(shape.teamId(), shape.userId()); // keys k and k+10·n share (user, team)
            }
            shapes.add(shape);
            keys.add(scratch.insertKey(shape));
        }

        Map<String, BigDecimal> expected = new HashMap<>();
        List<Callable<Response>> reports = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            ScratchKey key = keys.get(i % 50);
            KeyShape shape = shapes.get(i % 50);
            BigDecimal spend = new BigDecimal(1 + (i * 37) % 100).movePointLeft(2); // 0.01 .. 1.00
            String model = i % 3 == 0 ? "gpt-4o" : "claude-3";
            for (String level : List.of("key:" + key.token(), "user:" + shape.userId(), "team:" + shape.teamId(),
                    "member:" + shape.teamId() + "/" + shape.userId(), "org:" + shape.organizationId(),
                    "model:" + key.token() + "/" + model)) {
                expected.merge(level, spend, BigDecimal::add);
            }
            String requestId = scratch.name("r" + i);
            reports.add(() -> record(key.token(), requestId, model, spend));
        }

        List<Response> answers = runAll(reports);

        assertThat(answers).allSatisfy(response -> {
            response.assertStatus(200);
            assertThat(response.body().path("counted").asBoolean()).isTrue();
        });
        Map<String, BigDecimal> stored = new HashMap<>();
        for (int k = 0; k < 50; k++) {
            String token = keys.get(k).token();
            KeyShape shape = shapes.get(k);
            stored.put("key:" + token, spend("SELECT spend FROM keys WHERE token = ?", token));
            stored.put("user:" + shape.userId(), spend("SELECT spend FROM users WHERE user_id = ?", shape.userId()));
            stored.put("team:" + shape.teamId(), spend("SELECT spend FROM teams WHERE team_id = ?", shape.teamId()));
            stored.put("member:" + shape.teamId() + "/" + shape.userId(), spend(
                    "SELECT spend FROM team_memberships WHERE team_id = ? AND user_id = ?", shape.teamId(), shape.userId()));
            stored.put("org:" + shape.organizationId(),
                    spend("SELECT spend FROM organizations WHERE organization_id = ?", shape.organizationId()));
            for (String model : List.of("gpt-4o", "claude-3")) {
                stored.put("model:" + token + "/" + model,
                        spend("SELECT spend FROM key_model_spend WHERE token = ? AND model = ?", token, model));
            }
        }
        expected.forEach((level, sum) -> assertThat(stored.get(level)).as(level).isEqualByComparingTo(sum));
        BigDecimal total = expected.entrySet().stream().filter(e -> e.getKey().startsWith("key:"))
                .map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(spend("SELECT coalesce(sum(spend), 0) AS spend FROM spend_daily WHERE token = ANY(?)",
                (Object) keys.stream().map(ScratchKey::token).toArray(String[]::new)))
                .as("the day's rows").isEqualByComparingTo(total);
    }

    @Test
    void oneRequestIdSentTwentyTimesAtOnceCountsOnce(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        String requestId = scratch.name("once");
        List<Callable<Response>> repeats = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            repeats.add(() -> record(f.key().token(), requestId, "gpt-4o", new BigDecimal("0.10")));
        }

        List<Response> answers = runAll(repeats);

        assertThat(answers).allSatisfy(response -> response.assertStatus(200));
        assertThat(answers.stream().filter(r -> r.body().path("counted").asBoolean()).count()).isEqualTo(1);
        assertThat(f.spends()).allSatisfy(spend -> assertThat(spend).isEqualByComparingTo("0.10"));
        assertThat(f.requestRows()).isEqualTo(1);
    }

    /** The bound docs/enforcement.md states: with k calls in flight, at most k calls' cost over the budget. */
    @Test
    void verifyThenRecordPairsOverspendAtMostTheCallsInFlight(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        Keygate.db().update("UPDATE keys SET max_budget = 1, spend = 0.99 WHERE token = ?", f.key().token());
        AtomicInteger allowed = new AtomicInteger();
        List<Callable<Response>> pairs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String requestId = scratch.name("p" + i);
            pairs.add(() -> {
                Response verdict = Keygate.api().post("/key/verify", Map.of("model", "gpt-4o"), f.key().credential());
                if (!verdict.body().path("code").asText().equals("VALID")) {
                    return verdict;
                }
                allowed.incrementAndGet();
                return record(f.key().token(), requestId, "gpt-4o", new BigDecimal("0.01"));
            });
        }

        runAll(pairs);

        assertThat(allowed.get()).as("calls allowed").isBetween(1, THREADS);
        assertThat(f.spends()[0]).isEqualByComparingTo(new BigDecimal("0.99").add(new BigDecimal("0.01")
                .multiply(BigDecimal.valueOf(allowed.get()))));
        JsonNode after = Keygate.api().post("/key/verify", Map.of("model", "gpt-4o"), f.key().credential()).body();
        assertThat(after.path("code").asText()).isEqualTo("BUDGET_EXCEEDED");
    }

    @Test
    void aBudgetResetRacingReportsLosesNothing(Scratch scratch) {
        SpendFixture f = SpendFixture.insert(scratch);
        String due = "budget_duration = '1d', budget_reset_at = now() - interval '1 second'";
        Keygate.db().update("UPDATE keys SET " + due + " WHERE token = ?", f.key().token());
        Keygate.db().update("UPDATE users SET " + due + " WHERE user_id = ?", f.userId());
        Keygate.db().update("UPDATE teams SET " + due + " WHERE team_id = ?", f.teamId());
        Keygate.db().update("UPDATE organizations SET " + due + " WHERE organization_id = ?", f.organizationId());
        List<Callable<Response>> reports = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String requestId = scratch.name("x" + i);
            reports.add(() -> record(f.key().token(), requestId, "gpt-4o", new BigDecimal("0.01")));
        }
        AtomicBoolean reporting = new AtomicBoolean(true);
        AtomicInteger rounds = new AtomicInteger();
        Thread resets = new Thread(() -> {
            while (reporting.get()) {
                Keygate.runTask("budget-reset");
                rounds.incrementAndGet();
                Keygate.db().update("UPDATE keys SET budget_reset_at = now() - interval '1 second' WHERE token = ?",
                        f.key().token());
            }
        });
        resets.start();
        try {
            runAll(reports);
        } finally {
            reporting.set(false);
            join(resets);
        }

        assertThat(rounds.get()).as("reset rounds run while reporting").isPositive();
        BigDecimal recorded = new BigDecimal("3.00");
        for (String[] level : List.of(
                new String[] {"key:" + f.key().token(), "SELECT spend FROM keys WHERE token = ?", f.key().token()},
                new String[] {"user:" + f.userId(), "SELECT spend FROM users WHERE user_id = ?", f.userId()},
                new String[] {"team:" + f.teamId(), "SELECT spend FROM teams WHERE team_id = ?", f.teamId()},
                new String[] {"org:" + f.organizationId(), "SELECT spend FROM organizations WHERE organization_id = ?",
                        f.organizationId()})) {
            BigDecimal resetAway = spend("SELECT coalesce(sum(spend), 0) AS spend FROM spend_resets WHERE subject = ?",
                    level[0]);
            BigDecimal left = spend(level[1], level[2]);
            assertThat(resetAway.add(left)).as("%s: reset away %s + left %s", level[0], resetAway, left)
                    .isEqualByComparingTo(recorded);
        }
    }

    private static Response record(String token, String requestId, String model, BigDecimal spend) {
        return Keygate.api().post("/spend/record", Map.of("key", token, "request_id", requestId, "model", model,
                "spend", spend, "prompt_tokens", 3, "completion_tokens", 4), VerifyAnswers.MASTER);
    }

    private static BigDecimal spend(String sql, Object... params) {
        return (BigDecimal) Keygate.db().row(sql, params).orElseThrow().get("spend");
    }

    private static List<Response> runAll(List<Callable<Response>> calls) {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Response>> futures = pool.invokeAll(calls);
            List<Response> answers = new ArrayList<>();
            for (Future<Response> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A concurrent request failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
