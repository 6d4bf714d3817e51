package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.behavior.Scratch.ScratchKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code grace_period} on regenerate: the old key keeps working that long, then stops. The one
 * place the harness sleeps: a 1 s grace period and a 1.5 s wait.
 */
@BehaviorTest
class KeyGracePeriodTest {

    @Test
    void oldKeyWorksDuringGracePeriodThen401(Scratch scratch) throws InterruptedException {
        ScratchKey old = scratch.insertKey(Actor.INTERNAL_USER.keyShape());

        Response response = Keygate.api().post("/key/regenerate", Map.of("key", old.cleartext(), "grace_period", "1s"),
                PROXY_ADMIN.credential());
        long answeredAt = System.nanoTime();

        response.assertStatus(200);
        Credential renewed = Credential.bearer(response.body().path("key").asText());
        KeyChecks.selfInfo(old).assertStatus(200);
        Keygate.api().ownKeyInfo(renewed).assertStatus(200);

        // The grace period started on the server before it answered, so 1.1 s after the answer it is
        // over however long the request took (timing from the send flaked on a cold server).
        long waitMillis = 1_100 - (System.nanoTime() - answeredAt) / 1_000_000;
        Thread.sleep(Math.max(0, waitMillis));

        KeyChecks.selfInfo(old).assertError(401);
        Keygate.api().ownKeyInfo(renewed).assertStatus(200);
        assertThat(KeyChecks.keyRows(old.token())).as("rows under the old token").isZero();
    }

    @Test
    void withoutGracePeriodOldKeyIs401AtOnce(Scratch scratch) {
        ScratchKey old = scratch.insertKey(Actor.INTERNAL_USER.keyShape());

        Response response = Keygate.api().post("/key/regenerate", Map.of("key", old.cleartext()), PROXY_ADMIN.credential());

        response.assertStatus(200);
        KeyChecks.selfInfo(old).assertError(401);
        Keygate.api().ownKeyInfo(Credential.bearer(response.body().path("key").asText())).assertStatus(200);
    }
}
