package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static dev.keygate.behavior.VerifyAnswers.MASTER;
import static dev.keygate.behavior.VerifyAnswers.answer;
import static dev.keygate.behavior.VerifyAnswers.assertAnswer;
import static dev.keygate.behavior.VerifyAnswers.budget;
import static dev.keygate.behavior.VerifyAnswers.key;
import static dev.keygate.behavior.VerifyAnswers.notFound;
import static dev.keygate.behavior.VerifyAnswers.rateLimit;
import static dev.keygate.behavior.VerifyAnswers.set;
import static dev.keygate.behavior.VerifyAnswers.team;
import static dev.keygate.behavior.VerifyAnswers.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keygate.behavior.Scratch.ScratchKey;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /key/verify}'s answer for every shape of key, in every way of asking: the key in the
 * headers ({@code GET}, {@code POST} without a body, {@code POST {}}) or named in the body by the
 * master key. A key Keygate knows is always 200 with its code (so a gateway can tell its user why
 * the key does not work); a key it does not know is 401 in header mode (it is the credential) and
 * 200 {@code NOT_FOUND} in body mode (it is only the question). Bodies are compared whole.
 */
@BehaviorTest
class KeyVerifyCodesTest {

    private static final String FUTURE = "2100-01-01T00:00:00Z";
    private static final String PAST = "2020-01-01T00:00:00Z";
    private static final KeyShape TEAM_KEY = Actor.OWNER.keyShape();
    private static final KeyShape PERSONAL_KEY = Actor.INTERNAL_USER.keyShape();

    /** What is verified. {@link #build} stores it (or not) and says what the answer must be. */
    enum Shape {
        /** OWNER-shaped (team_alpha), every verify field set to something other than its default. */
        VALID("VALID"),
        EXPIRED("EXPIRED"),
        BLOCKED("BLOCKED"),
        /** A key of a blocked scratch team. */
        TEAM_BLOCKED("TEAM_BLOCKED"),
        /** Blocked, in a blocked team and expired: BLOCKED comes first. */
        BLOCKED_IN_A_BLOCKED_TEAM_AND_EXPIRED("BLOCKED"),
        /** In a blocked team and expired: TEAM_BLOCKED comes before EXPIRED. */
        IN_A_BLOCKED_TEAM_AND_EXPIRED("TEAM_BLOCKED"),
        /** team_alpha, no user: {@code user} is null. */
        SERVICE_ACCOUNT("VALID"),
        /** INTERNAL_USER's shape, no team: {@code team} is null. */
        PERSONAL("VALID"),
        /** A personal key of the proxy admin user: {@code user_role} is the platform role. */
        PROXY_ADMIN_USERS("VALID"),
        /** A well-formed sk- key never issued. */
        UNKNOWN(null),
        /** Stored, then deleted through the API. */
        DELETED(null),
        /** Not even shaped like a key. */
        NOT_AN_SK_KEY(null);

        /** The code of the answer; null for a key Keygate does not know. */
        final String code;

        Shape(String code) {
            this.code = code;
        }

        Built build(Scratch scratch) {
            return switch (this) {
                case VALID -> {
                    ScratchKey key = scratch.insertKey(TEAM_KEY);
                    Keygate.db().update("""
                            UPDATE keys SET models = ?, expires = ?, max_budget = ?, spend = ?, soft_budget = ?,
                                            tpm_limit = ?, rpm_limit = ?, max_parallel_requests = ?, metadata = ?::jsonb
                             WHERE token = ?""",
                            new String[] {"gpt-4o", "gpt-4o-mini"}, OffsetDateTime.parse(FUTURE), new BigDecimal("10"),
                            new BigDecimal("1.5"), new BigDecimal("8"), 100L, 10L, 2, "{\"purpose\":\"verify\"}", key.token());
                    ObjectNode expected = key(key.token(), key.alias(), TEAM_KEY);
                    set(expected, "models", List.of("gpt-4o", "gpt-4o-mini"));
                    set(expected, "expires", FUTURE);
                    set(expected, "max_budget", 10);
                    set(expected, "spend", new BigDecimal("1.5"));
                    set(expected, "soft_budget", 8);
                    set(expected, "tpm_limit", 100);
                    set(expected, "rpm_limit", 10);
                    set(expected, "max_parallel_requests", 2);
                    set(expected, "metadata", Map.of("purpose", "verify"));
                    ObjectNode answer = answer("VALID", expected, owner(), alpha());
                    budget(answer, "key", key.token(), 10, new BigDecimal("1.5"), new BigDecimal("8.5"));
                    answer.put("soft_budget_exceeded", false);
                    rateLimit(answer, "key", key.token(), "rpm_limit", 10, 10);
                    rateLimit(answer, "key", key.token(), "tpm_limit", 100, 100);
                    rateLimit(answer, "key", key.token(), "max_parallel_requests", 2, 2);
                    yield new Built(key.cleartext(), answer);
                }
                case EXPIRED -> {
                    ScratchKey key = scratch.insertKey(TEAM_KEY);
                    expire(key);
                    yield new Built(key.cleartext(),
                            answer("EXPIRED", set(key(key.token(), key.alias(), TEAM_KEY), "expires", PAST), owner(), alpha()));
                }
                case BLOCKED -> {
                    ScratchKey key = scratch.insertKey(TEAM_KEY);
                    block(key);
                    yield new Built(key.cleartext(), answer("BLOCKED", key(key.token(), key.alias(), TEAM_KEY), owner(), alpha()));
                }
                case TEAM_BLOCKED -> {
                    KeyShape shape = blockedTeamKeyShape(scratch);
                    ScratchKey key = scratch.insertKey(shape);
                    yield new Built(key.cleartext(), answer("TEAM_BLOCKED", key(key.token(), key.alias(), shape),
                            bystander(), team(shape.teamId(), true)));
                }
                case BLOCKED_IN_A_BLOCKED_TEAM_AND_EXPIRED -> {
                    KeyShape shape = blockedTeamKeyShape(scratch);
                    ScratchKey key = scratch.insertKey(shape);
                    block(key);
                    expire(key);
                    yield new Built(key.cleartext(), answer("BLOCKED", set(key(key.token(), key.alias(), shape), "expires", PAST),
                            bystander(), team(shape.teamId(), true)));
                }
                case IN_A_BLOCKED_TEAM_AND_EXPIRED -> {
                    KeyShape shape = blockedTeamKeyShape(scratch);
                    ScratchKey key = scratch.insertKey(shape);
                    expire(key);
                    yield new Built(key.cleartext(), answer("TEAM_BLOCKED", set(key(key.token(), key.alias(), shape), "expires", PAST),
                            bystander(), team(shape.teamId(), true)));
                }
                case SERVICE_ACCOUNT -> {
                    ScratchKey key = scratch.insertKey(Actor.SERVICE_ACCOUNT.keyShape());
                    yield new Built(key.cleartext(),
                            answer("VALID", key(key.token(), key.alias(), Actor.SERVICE_ACCOUNT.keyShape()), null, alpha()));
                }
                case PERSONAL -> {
                    ScratchKey key = scratch.insertKey(PERSONAL_KEY);
                    yield new Built(key.cleartext(), answer("VALID", key(key.token(), key.alias(), PERSONAL_KEY),
                            user(Actor.INTERNAL_USER.userId(), "internal_user"), null));
                }
                case PROXY_ADMIN_USERS -> {
                    KeyShape shape = new KeyShape(PROXY_ADMIN.userId(), null, null);
                    ScratchKey key = scratch.insertKey(shape);
                    yield new Built(key.cleartext(), answer("VALID", key(key.token(), key.alias(), shape),
                            user(PROXY_ADMIN.userId(), "proxy_admin"), null));
                }
                case UNKNOWN -> new Built(Keys.missingKey(), null);
                case DELETED -> {
                    ScratchKey key = scratch.insertKey(TEAM_KEY);
                    Keygate.api().post("/key/delete", Map.of("keys", List.of(key.token())), PROXY_ADMIN.credential())
                            .assertStatus(200);
                    yield new Built(key.cleartext(), null);
                }
                case NOT_AN_SK_KEY -> new Built("not-a-key-" + Keys.randomHex(8), null);
            };
        }
    }

    /** The key to present, and the 200 answer for it (null: Keygate does not know it). */
    record Built(String cleartext, ObjectNode answer) {}

    /** How the key is presented. */
    enum Mode {
        HEADER_GET, HEADER_POST_WITHOUT_BODY, HEADER_POST_EMPTY_OBJECT, BODY_AS_MASTER_KEY;

        Response verify(String cleartext) {
            Credential presented = Credential.bearer(cleartext);
            return switch (this) {
                case HEADER_GET -> Keygate.api().verify(presented);
                case HEADER_POST_WITHOUT_BODY -> Keygate.api().post("/key/verify", null, presented);
                case HEADER_POST_EMPTY_OBJECT -> Keygate.api().post("/key/verify", Map.of(), presented);
                case BODY_AS_MASTER_KEY -> Keygate.api().verifyByBody(cleartext, MASTER);
            };
        }

        boolean byBody() {
            return this == BODY_AS_MASTER_KEY;
        }
    }

    /** One row: a shape asked one way. Unknown keys: 401 by header, 200 NOT_FOUND by body. */
    record Case(Shape shape, Mode mode) {
        boolean known() {
            return shape.code != null;
        }

        String expected() {
            if (known()) {
                return "200 " + shape.code;
            }
            return mode.byBody() ? "200 NOT_FOUND" : "401";
        }

        @Override
        public String toString() {
            return shape + " key, " + mode.name().toLowerCase().replace('_', ' ') + " -> " + expected();
        }
    }

    static Stream<Case> cases() {
        return Stream.of(Shape.values()).flatMap(shape -> Stream.of(Mode.values()).map(mode -> new Case(shape, mode)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verifyKeyShape(Case c, Scratch scratch) {
        Built built = c.shape().build(scratch);

        Response response = c.mode().verify(built.cleartext());

        if (c.known()) {
            assertAnswer(response, built.answer(), built.cleartext());
        } else if (c.mode().byBody()) {
            assertAnswer(response, notFound(), built.cleartext());
        } else {
            response.assertError(401);
        }
    }

    @Test
    void masterKeyVerifiesItselfByHeader200() {
        assertAnswer(Keygate.api().verify(MASTER), VerifyAnswers.masterKey(), VerifyAnswers.MASTER_KEY);
        assertAnswer(Keygate.api().post("/key/verify", null, MASTER), VerifyAnswers.masterKey(), VerifyAnswers.MASTER_KEY);
    }

    @Test
    void noCredentialIs401() {
        Keygate.api().verify(Credential.none()).assertError(401);
        Keygate.api().post("/key/verify", null, Credential.none()).assertError(401);
        Keygate.api().verifyByBody(Actor.OWNER.key(), Credential.none()).assertError(401);
    }

    @Test
    void oldKeyInsideGracePeriodVerifiesAsTheCurrentKey200(Scratch scratch) {
        ScratchKey old = scratch.insertKey(PERSONAL_KEY);

        String renewed = regenerate(old, "1h");

        ObjectNode expected = answer("VALID", key(Keys.token(renewed), old.alias(), PERSONAL_KEY),
                user(Actor.INTERNAL_USER.userId(), "internal_user"), null);
        assertAnswer(Keygate.api().verify(old.credential()), expected, old.cleartext(), renewed);
        assertAnswer(Keygate.api().post("/key/verify", null, old.credential()), expected, old.cleartext(), renewed);
        assertAnswer(Keygate.api().verifyByBody(old.cleartext(), MASTER), expected, old.cleartext(), renewed);
        assertAnswer(Keygate.api().verify(Credential.bearer(renewed)), expected, old.cleartext(), renewed);
    }

    /**
     * A 2 s grace period, asked about once inside it (which also lets the server cache the old key)
     * and once after it. The wait is timed from the server's answer to the regenerate, as in
     * KeyGracePeriodTest: the grace period started before that answer, so it is over 2.1 s later
     * however slow the request was.
     */
    @Test
    void oldKeyAfterGracePeriodIs401ByHeaderAndNotFoundByBody(Scratch scratch) throws InterruptedException {
        ScratchKey old = scratch.insertKey(PERSONAL_KEY);

        long sentAt = System.nanoTime();
        String renewed = regenerate(old, "2s");
        long answeredAt = System.nanoTime();
        Response inside = Keygate.api().verify(old.credential());
        ObjectNode current = answer("VALID", key(Keys.token(renewed), old.alias(), PERSONAL_KEY),
                user(Actor.INTERNAL_USER.userId(), "internal_user"), null);
        // Asserted only when certainly inside the period: less than 2 s after the regenerate was sent.
        if (System.nanoTime() - sentAt < 2_000_000_000L) {
            assertAnswer(inside, current, old.cleartext(), renewed);
        }
        Thread.sleep(Math.max(0, 2_100 - (System.nanoTime() - answeredAt) / 1_000_000));

        Keygate.api().verify(old.credential()).assertError(401);
        Keygate.api().post("/key/verify", null, old.credential()).assertError(401);
        assertAnswer(Keygate.api().verifyByBody(old.cleartext(), MASTER), notFound(), old.cleartext(), renewed);
        assertAnswer(Keygate.api().verify(Credential.bearer(renewed)), current, old.cleartext(), renewed);
    }

    /** Verified (so known to the instance) just before: the regenerate must still take effect at once. */
    @Test
    void oldKeyWithoutGracePeriodIs401ByHeaderAndNotFoundByBodyAtOnce(Scratch scratch) {
        ScratchKey old = scratch.insertKey(PERSONAL_KEY);
        assertThat(Keygate.api().verify(old.credential()).assertStatus(200).body().path("code").asText())
                .as("code before the regenerate").isEqualTo("VALID");

        String renewed = regenerate(old, null);

        Keygate.api().verify(old.credential()).assertError(401);
        assertAnswer(Keygate.api().verifyByBody(old.cleartext(), MASTER), notFound(), old.cleartext(), renewed);
        assertAnswer(Keygate.api().verify(Credential.bearer(renewed)),
                answer("VALID", key(Keys.token(renewed), old.alias(), PERSONAL_KEY),
                        user(Actor.INTERNAL_USER.userId(), "internal_user"), null),
                old.cleartext(), renewed);
    }

    /** {@code POST /key/regenerate} as the proxy admin; returns the new cleartext. */
    private static String regenerate(ScratchKey old, String gracePeriod) {
        Map<String, Object> body = gracePeriod == null
                ? Map.of("key", old.cleartext())
                : Map.of("key", old.cleartext(), "grace_period", gracePeriod);
        Response response = Keygate.api().post("/key/regenerate", body, PROXY_ADMIN.credential()).assertStatus(200);
        String renewed = response.body().path("key").asText();
        assertThat(renewed).as("new key of %s", response).startsWith("sk-").isNotEqualTo(old.cleartext());
        return renewed;
    }

    private static void expire(ScratchKey key) {
        Keygate.db().update("UPDATE keys SET expires = ? WHERE token = ?", OffsetDateTime.parse(PAST), key.token());
    }

    private static void block(ScratchKey key) {
        Keygate.db().update("UPDATE keys SET blocked = true WHERE token = ?", key.token());
    }

    /** A fresh blocked team of org_a; the key shape of BYSTANDER's key in it. */
    private static KeyShape blockedTeamKeyShape(Scratch scratch) {
        String teamId = scratch.name("blocked_team");
        scratch.insertTeam(teamId, World.ORG_A);
        Keygate.db().update("UPDATE teams SET blocked = true WHERE team_id = ?", teamId);
        return new KeyShape(World.BYSTANDER, teamId, World.ORG_A);
    }

    private static ObjectNode owner() {
        return user(Actor.OWNER.userId(), "internal_user");
    }

    private static ObjectNode bystander() {
        return user(World.BYSTANDER, "internal_user");
    }

    private static ObjectNode alpha() {
        return team(World.TEAM_ALPHA, false);
    }
}
