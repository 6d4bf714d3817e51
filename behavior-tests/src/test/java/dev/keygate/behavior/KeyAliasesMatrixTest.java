package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.CROSS_ORG_USER;
import static dev.keygate.behavior.Actor.INTERNAL_USER;
import static dev.keygate.behavior.Actor.ORG_ADMIN;
import static dev.keygate.behavior.Actor.OWNER;
import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static dev.keygate.behavior.Actor.SERVICE_ACCOUNT;
import static dev.keygate.behavior.Actor.TEAM_ADMIN;
import static dev.keygate.behavior.Actor.UNRELATED_SAME_ORG;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keygate.behavior.Matrix.Cell;
import dev.keygate.behavior.Scratch.ScratchKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /key/aliases}: everyone may ask, and sees the aliases of exactly the keys they may
 * read (the world keys each actor lists in KeyListVisibilityTest), in alias order, paged.
 */
@BehaviorTest
class KeyAliasesMatrixTest {

    /** One column: the world's key aliases as a whole. */
    enum Target { VISIBLE }

    static final Matrix<Target> EXPECTED = Matrix.of("GET /key/aliases", "%s lists the aliases of %s keys", Target.values())
            .row(PROXY_ADMIN,        200)
            .row(ORG_ADMIN,          200)
            .row(TEAM_ADMIN,         200)
            .row(INTERNAL_USER,      200)
            .row(OWNER,              200)
            .row(UNRELATED_SAME_ORG, 200)
            .row(CROSS_ORG_USER,     200)
            .row(SERVICE_ACCOUNT,    200);

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void listsTheAliasesOfReadableWorldKeys(Cell<Target> cell) {
        Response response = Keygate.api().get("/key/aliases?size=100&search=" + World.PREFIX, cell.credential());

        response.assertStatus(cell.expected());
        List<String> aliases = texts(response.body().path("aliases"));
        assertThat(response.body().path("total_count").asLong()).as("total_count of %s", response)
                .isEqualTo(aliases.size()).isLessThanOrEqualTo(100);
        // Other keys may hold the search text too: only the world's keys are pinned.
        List<String> world = aliases.stream().filter(alias -> alias.startsWith(World.PREFIX)).toList();
        assertThat(world).as("world aliases listed for %s", cell.credential())
                .containsExactlyInAnyOrderElementsOf(KeyListVisibilityTest.visibleTo(cell));
        assertThat(world).as("order of %s", response).isSorted();
        assertThat(response.body().path("current_page").asInt()).isEqualTo(1);
        assertThat(response.body().path("size").asInt()).isEqualTo(100);
    }

    /** LIKE's wildcards in the search are plain text: "_" matches an underscore only. */
    @Test
    void searchIsLiteralAndIgnoresCase(Scratch scratch) {
        ScratchKey key = scratch.insertKey(PROXY_ADMIN.keyShape());
        String alias = scratch.name("Alias_Search");
        Keygate.db().update("UPDATE keys SET key_alias = ? WHERE token = ?", alias, key.token());
        String lookalike = alias.replace("_Search", "xSearch");
        ScratchKey other = scratch.insertKey(PROXY_ADMIN.keyShape());
        Keygate.db().update("UPDATE keys SET key_alias = ? WHERE token = ?", lookalike, other.token());

        Response response = Keygate.api().get("/key/aliases?search=" + alias.toUpperCase(java.util.Locale.ROOT),
                PROXY_ADMIN.credential());

        response.assertStatus(200);
        assertThat(texts(response.body().path("aliases"))).containsExactly(alias);
    }

    /** TEAM_ADMIN sees alpha's four world aliases: pages of two, nothing twice, in order. */
    @Test
    void pagesOfTwoCoverTheAliasesOnce() {
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 2; page++) {
            Response response = Keygate.api().get("/key/aliases?size=2&search=" + World.PREFIX + "&page=" + page,
                    TEAM_ADMIN.credential());
            response.assertStatus(200);
            assertThat(response.body().path("total_pages").asInt()).isEqualTo(2);
            seen.addAll(texts(response.body().path("aliases")));
        }
        assertThat(seen).containsExactlyElementsOf(KeyListVisibilityTest.VISIBLE.get(TEAM_ADMIN).stream().sorted().toList());
    }

    @Test
    void sizeAbove100IsRefused400() {
        Keygate.api().get("/key/aliases?size=101", PROXY_ADMIN.credential()).assertError(400);
    }

    /** An llm_api key calls no management route. */
    @Test
    void llmApiKeyCannotListAliases403(Scratch scratch) {
        ScratchKey key = scratch.insertKey(INTERNAL_USER.keyShape());
        Keygate.db().update("UPDATE keys SET key_type = 'llm_api' WHERE token = ?", key.token());

        Keygate.api().get("/key/aliases", key.credential()).assertError(403);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
