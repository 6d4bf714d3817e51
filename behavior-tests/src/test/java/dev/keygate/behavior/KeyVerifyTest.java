package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.behavior.Scratch.ScratchKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /key/verify}: the presented key's own answer, and a key verified on someone's behalf. */
@BehaviorTest
class KeyVerifyTest {

    @Test
    void ownerVerifiesOwnKeyInHeader200Valid() {
        Response response = Keygate.api().get("/key/verify", Actor.OWNER.credential()).assertStatus(200);

        assertThat(response.body().path("valid").asBoolean()).isTrue();
        assertThat(response.body().path("code").asText()).isEqualTo("VALID");
        assertThat(response.body().path("key").path("token").asText()).isEqualTo(Actor.OWNER.token());
        assertThat(response.body().path("user").path("user_id").asText()).isEqualTo(Actor.OWNER.userId());
        assertThat(response.body().path("user").path("user_role").asText()).isEqualTo("internal_user");
        assertThat(response.body().path("team").path("team_id").asText()).isEqualTo(World.TEAM_ALPHA);
        assertThat(response.raw()).doesNotContain(Actor.OWNER.key());
    }

    @Test
    void blockedKeyInHeader200NotValid(Scratch scratch) {
        ScratchKey key = scratch.insertKey(Actor.OWNER.keyShape());
        Keygate.db().update("UPDATE keys SET blocked = true WHERE token = ?", key.token());

        Response response = Keygate.api().post("/key/verify", null, Credential.bearer(key.cleartext())).assertStatus(200);

        assertThat(response.body().path("valid").asBoolean()).isFalse();
        assertThat(response.body().path("code").asText()).isEqualTo("BLOCKED");
    }

    @Test
    void unknownKeyInBody200NotFound() {
        Response response = Keygate.api().post("/key/verify", Map.of("key", "sk-never-issued-verify-0001"),
                Actor.PROXY_ADMIN.credential()).assertStatus(200);

        assertThat(response.raw()).isEqualTo("{\"valid\":false,\"code\":\"NOT_FOUND\",\"key\":null,\"user\":null,\"team\":null}");
    }

    @Test
    void unknownKeyInHeader401() {
        Keygate.api().get("/key/verify", Credential.bearer("sk-never-issued-verify-0002")).assertError(401);
    }
}
