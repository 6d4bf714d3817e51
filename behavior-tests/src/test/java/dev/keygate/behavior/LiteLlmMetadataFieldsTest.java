package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM keeps some of its fields in the object's {@code metadata} under their own name (tags,
 * guardrails, model_rpm_limit, ...; issue 7), and its clients read them there: Keygate keeps them there
 * too, on the key and team routes, set on create and replaced entry by entry on update. Those Keygate
 * acts on keep their column as well; those it does not act on are still named in
 * {@code x-keygate-ignored-fields}. A combination past the metadata limits is refused, changing nothing.
 */
@BehaviorTest
class LiteLlmMetadataFieldsTest {

    private static final String HEADER = "x-keygate-ignored-fields";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void generatedKeyShowsLiteLlmFieldsInMetadata200(Scratch scratch) {
        String alias = scratch.name("tagged");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key_alias", alias);
        body.put("metadata", Map.of("owner", "platform"));
        body.put("tags", List.of("prod"));
        body.put("guardrails", List.of("pii-mask"));
        body.put("model_rpm_limit", Map.of("gpt-4o", 10));

        Response response = Keygate.api().post("/key/generate", body, Actor.PROXY_ADMIN.credential());

        response.assertStatus(200);
        assertThat(response.header(HEADER)).as("no effect: named").isEqualTo("guardrails");
        assertMetadata(response.body().path("metadata"), Map.of("owner", "platform", "tags", List.of("prod"),
                "guardrails", List.of("pii-mask"), "model_rpm_limit", Map.of("gpt-4o", 10)));
        assertThat(response.body().path("tags").get(0).asText()).as("the column too").isEqualTo("prod");
        String token = response.body().path("token").asText();
        Response info = Keygate.api().keyInfo(token, Actor.PROXY_ADMIN.credential());
        info.assertStatus(200);
        assertMetadata(info.body().path("info").path("metadata"), Map.of("owner", "platform", "tags", List.of("prod"),
                "guardrails", List.of("pii-mask"), "model_rpm_limit", Map.of("gpt-4o", 10)));
        assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE token = ? AND tags = '{prod}'"
                + " AND model_rpm_limit = '{\"gpt-4o\": 10}'::jsonb", token)).as("columns").isEqualTo(1);
    }

    /** As LiteLLM's /key/update: a field sent replaces its entry; the others, and the caller's own keys, stay. */
    @Test
    void keyUpdateReplacesOneEntry200(Scratch scratch) {
        String token = generated(scratch, Map.of("owner", "platform"), List.of("prod"), List.of("pii-mask"));

        Response response = Keygate.api().post("/key/update", Map.of("key", token, "guardrails", List.of("toxicity")),
                Actor.PROXY_ADMIN.credential());

        response.assertStatus(200);
        assertThat(response.header(HEADER)).isEqualTo("guardrails");
        assertMetadata(response.body().path("metadata"), Map.of("owner", "platform", "tags", List.of("prod"),
                "guardrails", List.of("toxicity")));
        assertMetadata(Keygate.api().keyInfo(token, Actor.PROXY_ADMIN.credential()).body().path("info")
                .path("metadata"), Map.of("owner", "platform", "tags", List.of("prod"), "guardrails", List.of("toxicity")));
    }

    /** LiteLLM skips a field sent as null: the entry stays. */
    @Test
    void keyUpdateWithNullLeavesTheEntry200(Scratch scratch) {
        String token = generated(scratch, Map.of("owner", "platform"), List.of("prod"), List.of("pii-mask"));
        Map<String, Object> body = new HashMap<>();
        body.put("key", token);
        body.put("guardrails", null);
        body.put("tags", List.of("staging"));

        Response response = Keygate.api().post("/key/update", body, Actor.PROXY_ADMIN.credential());

        response.assertStatus(200);
        assertMetadata(response.body().path("metadata"), Map.of("owner", "platform", "tags", List.of("staging"),
                "guardrails", List.of("pii-mask")));
        assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE token = ? AND tags = '{staging}'", token))
                .as("the column follows").isEqualTo(1);
    }

    /** Metadata sent in the same body is the base the fields are set on, as in LiteLLM. */
    @Test
    void keyUpdateWithMetadataSetsFieldsOnIt200(Scratch scratch) {
        String token = generated(scratch, Map.of("owner", "platform"), List.of("prod"), List.of("pii-mask"));

        Response response = Keygate.api().post("/key/update", Map.of("key", token, "metadata", Map.of("cost", "c1"),
                "guardrails", List.of("toxicity")), Actor.PROXY_ADMIN.credential());

        response.assertStatus(200);
        assertMetadata(response.body().path("metadata"), Map.of("cost", "c1", "guardrails", List.of("toxicity")));
    }

    @Test
    void regenerateAndBulkUpdateKeepThemToo200(Scratch scratch) {
        String token = generated(scratch, Map.of("owner", "platform"), List.of("prod"), List.of("pii-mask"));

        Response regenerated = Keygate.api().post("/key/" + token + "/regenerate", Map.of("prompts", List.of("p1")),
                Actor.PROXY_ADMIN.credential());

        regenerated.assertStatus(200);
        assertThat(regenerated.header(HEADER)).isEqualTo("prompts");
        String newToken = regenerated.body().path("token").asText();
        Response bulk = Keygate.api().post("/key/bulk_update",
                Map.of("keys", List.of(Map.of("key", newToken, "tags", List.of("bulk")))), Actor.PROXY_ADMIN.credential());
        bulk.assertStatus(200);
        assertMetadata(Keygate.api().keyInfo(newToken, Actor.PROXY_ADMIN.credential()).body().path("info")
                .path("metadata"), Map.of("owner", "platform", "tags", List.of("bulk"), "guardrails", List.of("pii-mask"),
                "prompts", List.of("p1")));
    }

    @Test
    void teamKeepsTagsAndGuardrailsInMetadata200(Scratch scratch) {
        String team = scratch.name("team");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("team_id", team);
        body.put("tags", List.of("research"));
        body.put("guardrails", List.of("pii-mask"));
        body.put("metadata", Map.of("owner", "platform"));

        Response created = Keygate.api().post("/team/new", body, Actor.PROXY_ADMIN.credential());

        created.assertStatus(200);
        assertThat(created.header(HEADER)).as("no effect on teams: named").isEqualTo("tags, guardrails");
        Response updated = Keygate.api().post("/team/update", Map.of("team_id", team, "tags", List.of("prod")),
                Actor.PROXY_ADMIN.credential());
        updated.assertStatus(200);
        assertThat(updated.header(HEADER)).isEqualTo("tags");
        Response info = Keygate.api().get("/team/info?team_id=" + team, Actor.PROXY_ADMIN.credential());
        info.assertStatus(200);
        assertMetadata(info.body().path("team_info").path("metadata"), Map.of("owner", "platform",
                "tags", List.of("prod"), "guardrails", List.of("pii-mask")));
    }

    @Test
    void generateTooLargeWithTheFieldsIsRefused422(Scratch scratch) {
        String alias = scratch.name("large");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key_alias", alias);
        body.put("metadata", Map.of("pad", "x".repeat(60_000)));
        body.put("guardrails", List.of("y".repeat(10_000)));

        Response response = Keygate.api().post("/key/generate", body, Actor.PROXY_ADMIN.credential());

        response.assertError(422);
        assertThat(response.body().path("error").path("param").asText()).isEqualTo("metadata");
        assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE key_alias = ?", alias)).as("no key").isZero();
    }

    @Test
    void updateTooLargeWithTheFieldsIsRefused422(Scratch scratch) {
        String token = generated(scratch, Map.of("pad", "x".repeat(60_000)), List.of("prod"), List.of("pii-mask"));
        String team = scratch.name("team");
        scratch.insertTeam(team, null);

        Response key = Keygate.api().post("/key/update", Map.of("key", token, "prompts", List.of("y".repeat(10_000))),
                Actor.PROXY_ADMIN.credential());
        Response teamUpdate = Keygate.api().post("/team/update", Map.of("team_id", team, "metadata",
                Map.of("pad", "x".repeat(60_000)), "guardrails", List.of("y".repeat(10_000))), Actor.PROXY_ADMIN.credential());

        key.assertError(422);
        assertThat(key.body().path("error").path("param").asText()).isEqualTo("metadata");
        assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE token = ? AND metadata -> 'prompts' IS NULL"
                + " AND metadata -> 'guardrails' = '[\"pii-mask\"]'::jsonb", token)).as("key unchanged").isEqualTo(1);
        teamUpdate.assertError(422);
        assertThat(teamUpdate.body().path("error").path("param").asText()).isEqualTo("metadata");
        assertThat(Keygate.db().count("SELECT count(*) FROM teams WHERE team_id = ? AND metadata -> 'pad' IS NULL", team))
                .as("team unchanged").isEqualTo(1);
    }

    /** Postgres cannot store NUL: a kept field holding one is refused as the body's own metadata would be. */
    @Test
    void controlCharacterInAKeptFieldIsRefused422(Scratch scratch) {
        String token = generated(scratch, Map.of("owner", "platform"), List.of("prod"), List.of("pii-mask"));
        String team = scratch.name("team");

        Response update = Keygate.api().post("/key/update", Map.of("key", token, "guardrails", List.of("a\u0000b")),
                Actor.PROXY_ADMIN.credential());
        Response created = Keygate.api().post("/team/new", Map.of("team_id", team, "tags", List.of("a\u0000b")),
                Actor.PROXY_ADMIN.credential());

        update.assertError(422);
        assertThat(update.body().path("error").path("param").asText()).isEqualTo("guardrails");
        assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE token = ?"
                + " AND metadata -> 'guardrails' = '[\"pii-mask\"]'::jsonb", token)).as("key unchanged").isEqualTo(1);
        created.assertError(422);
        assertThat(created.body().path("error").path("param").asText()).as("kept in metadata").isEqualTo("metadata.tags");
        assertThat(Keygate.db().count("SELECT count(*) FROM teams WHERE team_id = ?", team)).as("no team").isZero();
    }

    /** A key generated by the proxy admin with this metadata, tags and guardrails; its token. */
    private static String generated(Scratch scratch, Map<String, Object> metadata, List<String> tags,
                                    List<String> guardrails) {
        Response response = Keygate.api().post("/key/generate", Map.of("key_alias", scratch.name("key"),
                "metadata", metadata, "tags", tags, "guardrails", guardrails), Actor.PROXY_ADMIN.credential());
        response.assertStatus(200);
        return response.body().path("token").asText();
    }

    private static void assertMetadata(JsonNode metadata, Map<String, Object> expected) {
        assertThat(JSON.convertValue(metadata, Map.class)).as("metadata").isEqualTo(expected);
    }
}
