package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.behavior.Scratch.ScratchKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin port's {@code /metrics}: scrape, call routes, scrape again, and each counter moved by
 * exactly what the calls did. Exact deltas hold on the shared server because a test JVM runs one
 * scenario at a time (junit-platform.properties) and a scrape is not a request of the API; the
 * listener's reconnect is counted on the second instance, whose listener this test may kill.
 */
@BehaviorTest
@ExtendWith(KeygatePeerExtension.class)
class MetricsTest {

    private static final String AUTHENTICATIONS = "keygate_authentications_total";
    private static final String LATENCY = "keygate_http_request_duration_seconds";
    private static final String DENIALS = "keygate_policy_denials_total";

    @Test
    void authenticationsAreCountedByCredentialTypeAndOutcome(Scratch scratch) {
        ScratchKey valid = scratch.insertKey(Actor.OWNER.keyShape());
        ScratchKey expired = scratch.insertKey(Actor.OWNER.keyShape());
        Keygate.db().update("UPDATE keys SET expires = now() - interval '1 day' WHERE token = ?", expired.token());
        ScratchKey blocked = scratch.insertKey(Actor.OWNER.keyShape());
        Keygate.db().update("UPDATE keys SET blocked = true WHERE token = ?", blocked.token());
        JwtClaims forged = Keygate.identityProvider().keys(TestIssuer.A).claims();
        forged.setSubject(Actor.INTERNAL_USER.userId());
        MetricsScrape before = Keygate.scrapeMetrics();

        Keygate.api().verify(valid.credential()).assertStatus(200);
        Keygate.api().ownKeyInfo(valid.credential()).assertStatus(200);
        Keygate.api().verify(expired.credential()).assertStatus(200);
        Keygate.api().ownKeyInfo(blocked.credential()).assertStatus(401);
        Keygate.api().verify(Credential.bearer(Keys.missingKey())).assertStatus(401);
        Keygate.api().ownKeyInfo(Credential.bearer("not-a-key-" + Keys.randomHex(8))).assertStatus(401);
        Keygate.api().ownKeyInfo(Credential.none()).assertStatus(401);
        Keygate.api().get("/key/list", VerifyAnswers.MASTER).assertStatus(200);
        Keygate.api().verify(VerifyAnswers.MASTER).assertStatus(200);
        Keygate.api().verify(JwtActor.JWT_USER.withHeaders(JwtActor.JWT_USER.token())).assertStatus(200);
        Keygate.api().verify(JwtActor.JWT_USER.withHeaders(Forgeries.unsigned(forged))).assertStatus(401);

        MetricsScrape after = Keygate.scrapeMetrics();
        Map<List<String>, Double> expected = Map.ofEntries(
                Map.entry(List.of("virtual_key", "valid"), 2.0),
                Map.entry(List.of("virtual_key", "expired"), 1.0),
                Map.entry(List.of("virtual_key", "blocked"), 1.0),
                Map.entry(List.of("virtual_key", "team_blocked"), 0.0),
                Map.entry(List.of("virtual_key", "unknown"), 1.0),
                Map.entry(List.of("unrecognized", "malformed"), 1.0),
                Map.entry(List.of("none", "missing"), 1.0),
                Map.entry(List.of("master_key", "valid"), 2.0),
                Map.entry(List.of("jwt", "valid"), 1.0),
                Map.entry(List.of("jwt", "invalid"), 1.0),
                Map.entry(List.of("jwt", "refused"), 0.0));
        expected.forEach((labels, delta) -> assertThat(after.since(before, AUTHENTICATIONS,
                "credential_type", labels.get(0), "outcome", labels.get(1)))
                .as("%s %s", AUTHENTICATIONS, labels).isEqualTo(delta));
        assertThat(after.type(AUTHENTICATIONS)).isEqualTo("counter");
    }

    @Test
    void cacheHitsAndMissesAreCountedPerCache(Scratch scratch) {
        ScratchKey key = scratch.insertKey(Actor.OWNER.keyShape());
        String unknown = Keys.missingKey();
        MetricsScrape before = Keygate.scrapeMetrics();
        assertThat(before.value("keygate_auth_cache_serving")).as("the cache serves while its listener listens")
                .isEqualTo(1.0);

        // First sight: missed by both key caches, then loaded; the second time, a hit in one of them.
        Keygate.api().verify(key.credential()).assertStatus(200);
        Keygate.api().verify(key.credential()).assertStatus(200);
        Keygate.api().verify(Credential.bearer(unknown)).assertStatus(401);
        Keygate.api().verify(Credential.bearer(unknown)).assertStatus(401);

        MetricsScrape after = Keygate.scrapeMetrics();
        assertThat(after.since(before, "keygate_auth_cache_hits_total", "cache", "known")).isEqualTo(1.0);
        assertThat(after.since(before, "keygate_auth_cache_misses_total", "cache", "known")).isEqualTo(3.0);
        assertThat(after.since(before, "keygate_auth_cache_hits_total", "cache", "unknown")).isEqualTo(1.0);
        assertThat(after.since(before, "keygate_auth_cache_misses_total", "cache", "unknown")).isEqualTo(2.0);
        assertThat(after.has("keygate_auth_cache_evictions_total", "cache", "known")).isTrue();
        assertThat(after.value("keygate_auth_cache_entries", "cache", "known")).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void policyDenialsAreCountedByRouteTemplateAndChangeNothing(Scratch scratch) {
        ScratchKey own = scratch.insertKey(Actor.INTERNAL_USER.keyShape());
        MetricsScrape before = Keygate.scrapeMetrics();
        DatabaseFootprint footprint = DatabaseFootprint.now();

        // Blocking is an admin's, even of one's own key: the policy refuses.
        Response denied = Keygate.api().post("/key/block", Map.of("key", own.token()), Actor.INTERNAL_USER.credential())
                .assertStatus(403);
        footprint.assertUnchangedBy(denied);
        // Neither is a denial: no credential (401), and what the policy allows (an owner regenerates).
        Keygate.api().post("/key/block", Map.of("key", own.token()), Credential.none()).assertStatus(401);
        Keygate.api().post("/key/regenerate", Map.of("key", own.cleartext()), Actor.INTERNAL_USER.credential())
                .assertStatus(200);

        MetricsScrape after = Keygate.scrapeMetrics();
        assertThat(after.since(before, DENIALS, "method", "POST", "route", "/key/block")).isEqualTo(1.0);
        assertThat(after.since(before, DENIALS, "method", "POST", "route", "/key/regenerate")).isEqualTo(0.0);
        assertThat(after.since(before, LATENCY + "_count", "method", "POST", "route", "/key/block",
                "status_class", "4xx")).isEqualTo(2.0);
        assertThat(after.since(before, LATENCY + "_count", "method", "POST", "route", "/key/regenerate",
                "status_class", "2xx")).isEqualTo(1.0);
        assertThat(after.text()).as("no key, token or secret in any label").doesNotContain("sk-")
                .doesNotContain(own.token());
    }

    @Test
    void latencyIsAHistogramByMethodRouteTemplateAndStatusClass(Scratch scratch) {
        ScratchKey key = scratch.insertKey(Actor.OWNER.keyShape());
        MetricsScrape before = Keygate.scrapeMetrics();

        Keygate.api().post("/key/" + key.token() + "/regenerate", Map.of(), Actor.PROXY_ADMIN.credential())
                .assertStatus(200);
        Keygate.api().get("/no/such/route/" + key.token(), Actor.PROXY_ADMIN.credential()).assertStatus(404);

        MetricsScrape after = Keygate.scrapeMetrics();
        assertThat(after.type(LATENCY)).isEqualTo("histogram");
        String[] regenerate = {"method", "POST", "route", "/key/{key}/regenerate", "status_class", "2xx"};
        assertThat(after.since(before, LATENCY + "_count", regenerate)).isEqualTo(1.0);
        assertThat(after.since(before, LATENCY + "_bucket", with(regenerate, "le", "+Inf"))).isEqualTo(1.0);
        assertThat(after.value(LATENCY + "_sum", regenerate)).isPositive();
        assertThat(after.bucketBounds(LATENCY, regenerate)).containsExactly("5.0E-4", "0.001", "0.0025", "0.005",
                "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "+Inf");
        assertThat(after.since(before, LATENCY + "_count", "method", "GET", "route", "unmatched",
                "status_class", "4xx")).isEqualTo(1.0);
    }

    @Test
    void invalidationsReceivedAreCounted(Scratch scratch) {
        ScratchKey key = scratch.insertKey(Actor.OWNER.keyShape());
        MetricsScrape before = Keygate.scrapeMetrics();

        // One row changed: one announcement (the harness's JDBC writes return once it is applied).
        Keygate.db().update("UPDATE keys SET key_alias = ? WHERE token = ?", scratch.name("renamed"), key.token());

        assertThat(Keygate.scrapeMetrics().since(before, "keygate_cache_invalidations_received_total")).isEqualTo(1.0);
    }

    @Test
    void listenerReconnectsAreCounted(KeygatePeer peer) throws InterruptedException {
        int listener = peer.listener(Set.of(), Duration.ofSeconds(10));
        MetricsScrape before = peer.scrapeMetrics();

        assertThat(Keygate.db().row("SELECT pg_terminate_backend(?) AS killed", listener).orElseThrow().get("killed"))
                .as("pg_terminate_backend(%s), B's listener", listener).isEqualTo(true);
        peer.listener(Set.of(listener), Duration.ofSeconds(30));
        MetricsScrape after = awaitServing(peer, Duration.ofSeconds(30));

        assertThat(after.since(before, "keygate_cache_listener_reconnects_total")).isEqualTo(1.0);
    }

    @Test
    void connectionPoolAndJvmAreExported() {
        MetricsScrape scrape = Keygate.scrapeMetrics();

        assertThat(scrape.value("keygate_db_pool_max_connections")).as("database.maxSize's default").isEqualTo(100.0);
        assertThat(scrape.has("keygate_db_pool_connections", "state", "active")).isTrue();
        assertThat(scrape.value("keygate_db_pool_connections", "state", "idle")).isGreaterThanOrEqualTo(1.0);
        assertThat(scrape.value("keygate_db_pool_waiting_threads")).isZero();
        assertThat(scrape.type("jvm_memory_used_bytes")).isEqualTo("gauge");
    }

    /** B's metrics once its cache serves again (it listens again), polled for up to {@code limit}. */
    private static MetricsScrape awaitServing(KeygatePeer peer, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        MetricsScrape scrape = peer.scrapeMetrics();
        while (scrape.value("keygate_auth_cache_serving") != 1.0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            scrape = peer.scrapeMetrics();
        }
        assertThat(scrape.value("keygate_auth_cache_serving")).as("B serving from its cache again").isEqualTo(1.0);
        return scrape;
    }

    private static String[] with(String[] labels, String name, String value) {
        String[] all = Arrays.copyOf(labels, labels.length + 2);
        all[labels.length] = name;
        all[labels.length + 1] = value;
        return all;
    }
}
