package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * NUL and the other C0 control characters are refused before they reach Postgres, which cannot
 * store NUL and answered with a 500. Tab and line feed stay allowed in text.
 */
@BehaviorTest
class ControlCharacterInputTest {

    @Test
    void nulInAQueryParameter400NamingIt() {
        Response response = Keygate.api().get("/team/permissions_list?team_id=%00", Actor.PROXY_ADMIN.credential())
                .assertError(400);

        assertThat(response.body().path("error").path("param").asText()).isEqualTo("team_id");
    }

    @Test
    void nulInAKeyAlias422NamingItAndNothingStored(Scratch scratch) {
        String alias = scratch.name("a\u0000b");

        Response response = generate(Map.of("key_alias", alias)).assertError(422);

        assertThat(response.body().path("error").path("param").asText()).isEqualTo("key_alias");
        assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE starts_with(key_alias, ?)", scratch.prefix()))
                .isZero();
    }

    @Test
    void controlCharactersInMetadata422NamingTheField() {
        generate(Map.of("metadata", Map.of("note", "x\u0000y"))).assertError(422);
        generate(Map.of("metadata", Map.of("note", "bell\u0007"))).assertError(422);
        generate(Map.of("metadata", Map.of("k\u0000", "v"))).assertError(422);
        Response nested = generate(Map.of("metadata", Map.of("deep", Map.of("note", "x\u0000y")))).assertError(422);
        // Inside free-form metadata the path names the nearest key Jackson tracks.
        assertThat(nested.body().path("error").path("param").asText()).startsWith("metadata.deep");
    }

    @Test
    void nulInANestedMetadataKeyIs4xxNever500() {
        Response response = generate(Map.of("metadata", Map.of("deep", Map.of("k\u0000", "v"))));

        assertThat(response.status()).as("status of %s", response).isBetween(400, 499);
        response.assertErrorEnvelope();
    }

    @Test
    void tabsAndLineFeedsInMetadataAreKept(Scratch scratch) {
        Response response = generate(Map.of("key_alias", scratch.name("multiline"),
                "metadata", Map.of("note", "line one\n\tline two"))).assertStatus(200);

        assertThat(response.body().path("metadata").path("note").asText()).isEqualTo("line one\n\tline two");
    }

    private static Response generate(Map<String, Object> body) {
        return Keygate.api().post("/key/generate", body, Actor.PROXY_ADMIN.credential());
    }
}
