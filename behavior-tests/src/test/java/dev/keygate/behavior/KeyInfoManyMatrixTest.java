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

import dev.keygate.behavior.Matrix.Cell;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /v2/key/info {"keys": [...]}}: several keys at once, each decided as
 * {@code GET /key/info} decides it, all or nothing (404 for a missing key before 403 for an
 * unreadable one). On the world's keys (read-only). Each cell names the caller's own key and the
 * target, so a 403 or 404 also shows that the readable key is not answered alone.
 */
@BehaviorTest
class KeyInfoManyMatrixTest {

    /** Same targets, same statuses as KeyInfoAllTargetsMatrixTest: the batch may reveal no more. */
    static final Matrix<KeyInfoAllTargetsMatrixTest.Target> EXPECTED = Matrix.of("POST /v2/key/info",
                    "%s reads own and %s key info at once", KeyInfoAllTargetsMatrixTest.Target.values())
            //                        OWN  SAME_TEAM SAME_ORG OTHER_ORG MISSING
            .row(PROXY_ADMIN,        200, 200,      200,     200,      404)
            .row(ORG_ADMIN,          200, 200,      200,     403,      404)
            .row(TEAM_ADMIN,         200, 200,      403,     403,      404)
            .row(INTERNAL_USER,      200, 403,      403,     403,      404)
            .row(OWNER,              200, 200,      403,     403,      404)
            .row(UNRELATED_SAME_ORG, 200, 403,      403,     403,      404)
            .row(CROSS_ORG_USER,     200, 403,      403,     200,      404)
            .row(SERVICE_ACCOUNT,    200, 403,      403,     403,      404)
            // Token callers get their key twin's row, but a team token holds no key to read as its own.
            .tokensDiffer(SERVICE_ACCOUNT, KeyInfoAllTargetsMatrixTest.Target.OWN, 403);

    static Stream<Cell<KeyInfoAllTargetsMatrixTest.Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void readKeysAtOnce(Cell<KeyInfoAllTargetsMatrixTest.Target> cell) {
        String key = cell.target().key(cell.actor());
        String token = Keys.token(key);
        String own = cell.actor().token();
        List<String> expected = own.equals(token) ? List.of(own) : List.of(own, token);

        Response response = Keygate.api().post("/v2/key/info", Map.of("keys", List.of(own, key)),
                cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("key")).as("key of %s", response)
                    .extracting(node -> node.asText()).containsExactlyElementsOf(expected);
            assertThat(response.body().path("info")).as("info of %s", response)
                    .extracting(node -> node.path("token").asText()).containsExactlyElementsOf(expected);
            // Only generate and regenerate ever answer with a cleartext.
            assertThat(response.raw()).as("response body").doesNotContain(key);
        } else {
            response.assertErrorEnvelope();
            assertThat(response.raw()).as("response body").doesNotContain(own);
        }
    }

    @Test
    void keysAreFoundByAliasToo200() {
        Response response = Keygate.api().post("/v2/key/info", Map.of("key_aliases", List.of(OWNER.keyAlias())),
                TEAM_ADMIN.credential());

        response.assertStatus(200);
        assertThat(response.body().path("info").get(0).path("token").asText()).isEqualTo(OWNER.token());
    }

    @Test
    void namingNoKeyIsRefused400() {
        Keygate.api().post("/v2/key/info", Map.of("keys", List.of()), PROXY_ADMIN.credential()).assertError(400);
    }
}
