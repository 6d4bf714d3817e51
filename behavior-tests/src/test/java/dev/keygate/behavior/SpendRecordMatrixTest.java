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
import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /spend/record}: reporting what a call cost moves every budget above the key and frees
 * its parallel-request slot, so it is the gateway's job: proxy admins only, whoever owns the key (a
 * key reporting for itself could free its own slots). The permission comes first; a key that does
 * not exist is 404 for the proxy admin. A refused report records nothing.
 */
@BehaviorTest
class SpendRecordMatrixTest {

    enum Target { KEY, MISSING_KEY }

    static final Matrix<Target> RECORD = Matrix.of("POST /spend/record", "%s records spend on %s", Target.values())
            //                        KEY  MISSING_KEY
            .row(PROXY_ADMIN,        200, 404)
            .row(ORG_ADMIN,          403, 403)
            .row(TEAM_ADMIN,         403, 403)
            .row(INTERNAL_USER,      403, 403)
            .row(OWNER,              403, 403)
            .row(UNRELATED_SAME_ORG, 403, 403)
            .row(CROSS_ORG_USER,     403, 403)
            .row(SERVICE_ACCOUNT,    403, 403);

    static Stream<Cell<Target>> cells() {
        return RECORD.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void record(Cell<Target> cell, Scratch scratch) {
        SpendFixture fixture = SpendFixture.insert(scratch);
        String key = cell.target() == Target.KEY ? fixture.key().cleartext() : "sk-missing-" + Keys.randomHex(8);
        BigDecimal[] before = fixture.spends();
        DatabaseFootprint footprint = DatabaseFootprint.now();

        Response response = Keygate.api().post("/spend/record", Map.of("key", key, "request_id",
                scratch.name("request"), "model", "gpt-4o", "spend", 0.25), cell.credential());

        response.assertStatus(cell.expected());
        if (cell.expected() == 200) {
            assertThat(response.body().path("counted").asBoolean()).as("counted in %s", response).isTrue();
            assertThat(fixture.spends()).as("spend on key, user, team, membership, organization")
                    .allSatisfy(spend -> assertThat(spend).isEqualByComparingTo("0.25"));
            assertThat(response.raw()).doesNotContain(fixture.key().cleartext());
        } else {
            response.assertErrorEnvelope();
            footprint.assertUnchangedBy(response);
            assertThat(fixture.spends()).as("spend after a refused report").isEqualTo(before);
            assertThat(fixture.requestRows()).as("recorded requests after a refused report").isZero();
        }
    }

    @Test
    void masterKeyRecords200(Scratch scratch) {
        SpendFixture fixture = SpendFixture.insert(scratch);
        Keygate.api().post("/spend/record", Map.of("key", fixture.key().token(), "request_id", scratch.name("r"),
                "model", "gpt-4o", "spend", 1), VerifyAnswers.MASTER).assertStatus(200);
        assertThat(fixture.spends()[0]).isEqualByComparingTo("1");
    }

    @Test
    void llmApiKeyCannotRecord403(Scratch scratch) {
        LlmApiKeys.assertPostRefused(scratch, "/spend/record", Map.of("key", "sk-anything", "request_id", "r",
                "model", "m", "spend", 0));
    }

    @Test
    void noKeyIs401() {
        Keygate.api().post("/spend/record", Map.of("key", "sk-anything", "request_id", "r", "model", "m", "spend", 0),
                Credential.none()).assertError(401);
    }
}
