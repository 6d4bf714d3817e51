package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every actor's seeded key works, so a matrix failure is about the rule, not the fixture. */
@BehaviorTest
class WorldSmokeTest {

    @ParameterizedTest(name = "{0} reads its own key info -> 200")
    @EnumSource(Actor.class)
    void actorReadsOwnKeyInfo200(Actor actor) {
        Response response = Keygate.api().ownKeyInfo(actor.credential()).assertStatus(200);

        assertThat(response.body().path("key").asText()).as("key of %s", response).isEqualTo(actor.token());
    }
}
