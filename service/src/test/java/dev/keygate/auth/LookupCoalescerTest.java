package dev.keygate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The coalescing logic on its own: every request gets its own token's answer, batches stay within
 * their bounds, and a failed query fails exactly its batch. (The query itself runs against Postgres
 * in {@code KeyAuthenticatorTest} and the behavior tests.)
 */
class LookupCoalescerTest {

    private static final int MAX_BATCH = 8;

    private final ExecutorService threads = Executors.newFixedThreadPool(32);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** Names an even-numbered token "value-N"; odd ones name nothing. Records every batch. */
    private static final class RecordingQuery implements Function<List<String>, Map<String, String>> {
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostInFlight = new AtomicInteger();

        @Override
        public Map<String, String> apply(List<String> tokens) {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                batches.add(List.copyOf(tokens));
                Thread.sleep(2); // a round trip: requests arriving meanwhile gather into the next batch
                Map<String, String> found = new HashMap<>();
                for (String token : tokens) {
                    if (Integer.parseInt(token.substring("token-".length())) % 2 == 0) {
                        found.put(token, "value-" + token.substring("token-".length()));
                    }
                }
                return found;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    @Test
    void aLoneRequestRunsItsOwnQueryAtOnce() {
        RecordingQuery query = new RecordingQuery();
        LookupCoalescer<String> lookups = new LookupCoalescer<>(query, MAX_BATCH, 2);

        assertThat(lookups.find("token-4")).contains("value-4");
        assertThat(lookups.find("token-5")).isEmpty();
        assertThat(query.batches).containsExactly(List.of("token-4"), List.of("token-5"));
    }

    @Test
    void concurrentRequestsEachGetTheirOwnAnswerFromFewerQueries() throws Exception {
        RecordingQuery query = new RecordingQuery();
        LookupCoalescer<String> lookups = new LookupCoalescer<>(query, MAX_BATCH, 2);
        int clients = 32;
        int perClient = 100;
        Map<String, Optional<String>> answers = new ConcurrentHashMap<>();
        List<Future<?>> running = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            int first = client * perClient;
            running.add(threads.submit(() -> {
                for (int n = first; n < first + perClient; n++) {
                    String token = "token-" + n;
                    answers.put(token, lookups.find(token));
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get(5, TimeUnit.MINUTES);
        }

        assertThat(answers).hasSize(clients * perClient);
        answers.forEach((token, answer) -> {
            int n = Integer.parseInt(token.substring("token-".length()));
            assertThat(answer).as(token).isEqualTo(n % 2 == 0 ? Optional.of("value-" + n) : Optional.empty());
        });
        List<String> looked = query.batches.stream().flatMap(List::stream).toList();
        assertThat(looked).as("every token looked up exactly once").hasSize(clients * perClient).doesNotHaveDuplicates();
        assertThat(query.batches).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, MAX_BATCH));
        assertThat(query.mostInFlight.get()).as("queries in flight at once").isBetween(1, 2);
        assertThat(query.batches.size()).as("queries for %d lookups", looked.size()).isLessThan(looked.size());
    }

    @Test
    void aFailedQueryFailsItsBatchAndTheNextLookupsWork() {
        AtomicInteger calls = new AtomicInteger();
        LookupCoalescer<String> lookups = new LookupCoalescer<>(tokens -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("The key lookup failed", new java.sql.SQLException("connection refused"));
            }
            return Map.of("token-2", "value-2");
        }, MAX_BATCH, 1);

        assertThatThrownBy(() -> lookups.find("token-2"))
                .isInstanceOf(IllegalStateException.class)
                .hasRootCauseInstanceOf(java.sql.SQLException.class);
        assertThat(lookups.find("token-2")).contains("value-2");
    }
}
