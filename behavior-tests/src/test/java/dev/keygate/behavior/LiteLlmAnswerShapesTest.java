package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM's answer shapes (issue 7 item 2): each route answers every field LiteLLM's response model
 * has, by name and JSON type ({@link LiteLlmShapes}), with Keygate's own fields beside them; and the
 * fields a script compares carry what LiteLLM puts there.
 */
@BehaviorTest
class LiteLlmAnswerShapesTest {

    @Test
    void generateCarriesTokenId200(Scratch scratch) {
        Response response = Keygate.api().post("/key/generate", Map.of("key_alias", scratch.name("gen")),
                PROXY_ADMIN.credential()).assertStatus(200);

        LiteLlmShapes.assertHasFields("POST /key/generate", response.body());
        assertTokenIdIsTheHash(response);
    }

    @Test
    void regenerateCarriesTokenId200(Scratch scratch) {
        Scratch.ScratchKey key = scratch.insertKey(new KeyShape(null, null, null));

        Response response = Keygate.api().post("/key/regenerate", Map.of("key", key.token()), PROXY_ADMIN.credential())
                .assertStatus(200);

        LiteLlmShapes.assertHasFields("POST /key/regenerate", response.body());
        assertTokenIdIsTheHash(response);
    }

    @Test
    void regenerateByPathCarriesTokenId200(Scratch scratch) {
        Scratch.ScratchKey key = scratch.insertKey(new KeyShape(null, null, null));

        Response response = Keygate.api().post("/key/" + key.token() + "/regenerate", Map.of(), PROXY_ADMIN.credential())
                .assertStatus(200);

        LiteLlmShapes.assertHasFields("POST /key/{key}/regenerate", response.body());
        assertTokenIdIsTheHash(response);
    }

    private static void assertTokenIdIsTheHash(Response response) {
        String hash = Keys.token(response.body().path("key").asText());
        assertThat(response.body().path("token_id").asText()).as("token_id of %s", response).isEqualTo(hash);
        assertThat(response.body().path("token").asText()).as("token of %s", response).isEqualTo(hash);
    }
}
