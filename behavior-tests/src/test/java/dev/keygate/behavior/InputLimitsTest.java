package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The input limits of docs/api.md ("Input limits"): the hostile inputs of issue 8 that were 500s
 * are refused before anything reaches the database (422 naming the body field, 400 naming the
 * query parameter), and a value exactly at a limit is still accepted. Long strings are random hex:
 * Postgres compresses a run of one letter, which would fit an index where a real id does not.
 */
@BehaviorTest
class InputLimitsTest {

    /** numeric(20, 6): 14 digits before the point. */
    private static final BigDecimal LARGEST_BUDGET = new BigDecimal("99999999999999.999999");

    // Issue 8's examples, each a 500 before.

    @Test
    void maxBudgetOf1e14OnKeyGenerate422(Scratch scratch) {
        assertRejected(422, "max_budget", () -> generate(Map.of("key_alias", scratch.name("k"),
                "max_budget", new BigDecimal("1e14"))));
    }

    @Test
    void maxBudgetOf1e14OnTeamNew422(Scratch scratch) {
        assertRejected(422, "max_budget", () -> post("/team/new", Map.of("team_id", scratch.name("team"),
                "max_budget", new BigDecimal("1e14"))));
    }

    @Test
    void keyAliasOf3000Characters422(Scratch scratch) {
        assertRejected(422, "key_alias", () -> generate(Map.of("key_alias", scratch.name(randomText(3000)))));
    }

    @Test
    void teamIdOf9000CharactersInABody422(Scratch scratch) {
        assertRejected(422, "team_id", () -> post("/team/new", Map.of("team_id", scratch.name(randomText(9000)))));
    }

    @Test
    void teamIdOf9000CharactersInAQuery400() {
        assertRejected(400, "team_id", () -> get("/team/info?team_id=" + randomText(9000)));
    }

    @Test
    void nulInANestedMetadataKey422NamingMetadata(Scratch scratch) {
        assertRejected(422, "metadata", () -> generate(Map.of("key_alias", scratch.name("k"),
                "metadata", Map.of("deep", Map.of("k\u0000", "v")))));
        assertRejected(422, "metadata", () -> generate(Map.of("key_alias", scratch.name("k"),
                "metadata", Map.of("list", List.of(Map.of("k\u0000", "v"))))));
    }

    @Test
    void infiniteNumberInMetadata422(Scratch scratch) {
        // 1e400 is past a double: it used to be stored as the string "Infinity".
        assertRejected(422, "metadata", () -> generate(Map.of("key_alias", scratch.name("k"),
                "metadata", Map.of("x", new BigDecimal("1e400")))));
    }

    // Boundaries: at the limit accepted, one over refused.

    @Test
    void largestBudgetAccepted200(Scratch scratch) {
        String alias = scratch.name("k");
        generate(Map.of("key_alias", alias, "max_budget", LARGEST_BUDGET, "soft_budget", LARGEST_BUDGET,
                "spend", LARGEST_BUDGET)).assertStatus(200);

        assertThat(Keygate.db().row("SELECT max_budget FROM keys WHERE key_alias = ?", alias).orElseThrow()
                .get("max_budget")).isEqualTo(LARGEST_BUDGET);
    }

    @Test
    void budgetOneMillionthOverTheLargest422(Scratch scratch) {
        assertRejected(422, "soft_budget", () -> generate(Map.of("key_alias", scratch.name("k"),
                "soft_budget", LARGEST_BUDGET.add(new BigDecimal("0.000001")))));
    }

    @Test
    void budgetThatRoundsUpToTheColumnsOverflow422(Scratch scratch) {
        // Postgres rounds to 6 decimals first: this one would become 1e14.
        assertRejected(422, "spend", () -> generate(Map.of("key_alias", scratch.name("k"),
                "spend", new BigDecimal("99999999999999.9999995"))));
    }

    @Test
    void keyAliasOf256CharactersAccepted200(Scratch scratch) {
        String alias = scratch.name(randomText(256 - scratch.prefix().length()));

        generate(Map.of("key_alias", alias)).assertStatus(200);

        assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE key_alias = ?", alias)).isOne();
    }

    @Test
    void keyAliasOf257Characters422(Scratch scratch) {
        assertRejected(422, "key_alias",
                () -> generate(Map.of("key_alias", scratch.name(randomText(257 - scratch.prefix().length())))));
    }

    @Test
    void teamIdOf256CharactersAccepted200AndOf257Refused422(Scratch scratch) {
        String teamId = scratch.name(randomText(256 - scratch.prefix().length()));
        post("/team/new", Map.of("team_id", teamId)).assertStatus(200);

        assertRejected(422, "team_id", () -> post("/team/new", Map.of("team_id", teamId + "x")));
    }

    @Test
    void emailOf320CharactersAccepted200AndOf321Refused422(Scratch scratch) {
        // 64 characters before the @ and 255 after it: the most an address may have (RFC 5321).
        String domain = String.join(".", randomText(63), randomText(63), randomText(63), randomText(59)) + ".dev";
        String email = randomText(64) + "@" + domain;
        assertThat(email).hasSize(320);
        post("/user/new", Map.of("user_id", scratch.name("u"), "user_email", email, "auto_create_key", false))
                .assertStatus(200);

        assertRejected(422, "user_email", () -> post("/user/new", Map.of("user_id", scratch.name("u2"),
                "user_email", "x" + email, "auto_create_key", false)));
    }

    @Test
    void metadataOf64KilobytesAccepted200AndOneByteMoreRefused422(Scratch scratch) {
        // {"note":"…"} is 11 bytes around the text.
        generate(Map.of("key_alias", scratch.name("k1"), "metadata", Map.of("note", "x".repeat(65536 - 11))))
                .assertStatus(200);

        assertRejected(422, "metadata", () -> generate(Map.of("key_alias", scratch.name("k2"),
                "metadata", Map.of("note", "x".repeat(65536 - 10)))));
    }

    @Test
    void metadataNested32DeepAccepted200And33Refused422(Scratch scratch) {
        generate(Map.of("key_alias", scratch.name("k1"), "metadata", nested(32))).assertStatus(200);

        assertRejected(422, "metadata", () -> generate(Map.of("key_alias", scratch.name("k2"), "metadata", nested(33))));
    }

    @Test
    void rateLimitPastItsColumn422() {
        // BigDecimal: Jackson writes the digits as they are, one past a bigint and an integer column.
        assertRejected(422, "tpm_limit", () -> generate(Map.of("tpm_limit", new BigDecimal("9223372036854775808"))));
        assertRejected(422, "max_parallel_requests",
                () -> generate(Map.of("max_parallel_requests", new BigDecimal("2147483648"))));
        assertRejected(422, "rpm_limit", () -> generate(Map.of("rpm_limit", -1)));
    }

    @Test
    void queryParameterOf256CharactersAnswered200AndOf257Refused400() {
        get("/key/list?key_alias=" + randomText(256)).assertStatus(200);

        assertRejected(400, "key_alias", () -> get("/key/list?key_alias=" + randomText(257)));
    }

    @Test
    void emailQueryParameterOf320CharactersAnswered200AndOf321Refused400() {
        String email = URLEncoder.encode(randomText(64) + "@" + randomText(255), StandardCharsets.UTF_8);
        get("/user/list?user_email=" + email).assertStatus(200);

        assertRejected(400, "user_email", () -> get("/user/list?user_email=x" + email));
    }

    /** Runs {@code request}, expects {@code status} naming {@code param}, and that nothing was written. */
    private static void assertRejected(int status, String param, java.util.function.Supplier<Response> request) {
        DatabaseFootprint before = DatabaseFootprint.now();

        Response response = request.get().assertError(status);

        assertThat(response.body().path("error").path("param").asText()).as("error.param of %s", response)
                .isEqualTo(param);
        before.assertUnchangedBy(response);
    }

    /** {@code {"v":{"v":…{"v":1}}}} with {@code depth} objects. */
    static Map<String, Object> nested(int depth) {
        Map<String, Object> object = new LinkedHashMap<>(Map.of("v", 1));
        for (int level = 1; level < depth; level++) {
            object = new LinkedHashMap<>(Map.of("v", object));
        }
        return object;
    }

    static String randomText(int length) {
        return Keys.randomHex((length + 1) / 2).substring(0, length);
    }

    private static Response generate(Map<String, Object> body) {
        return post("/key/generate", body);
    }

    private static Response post(String path, Object body) {
        return Keygate.api().post(path, body, PROXY_ADMIN.credential());
    }

    private static Response get(String path) {
        return Keygate.api().get(path, PROXY_ADMIN.credential());
    }
}
