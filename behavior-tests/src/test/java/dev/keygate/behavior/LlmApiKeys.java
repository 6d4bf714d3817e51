package dev.keygate.behavior;

import dev.keygate.behavior.Scratch.ScratchKey;
import java.util.function.Function;

/** An {@code llm_api} key calls no management route: the check every read-only route repeats. */
final class LlmApiKeys {

    private LlmApiKeys() {}

    /** A fresh llm_api key of an internal user GETs {@code path}: 403, and the database is unchanged. */
    static void assertGetRefused(Scratch scratch, String path) {
        assertRefused(scratch, key -> Keygate.api().get(path, key.credential()));
    }

    /** The same for a POST of {@code body}. */
    static void assertPostRefused(Scratch scratch, String path, Object body) {
        assertRefused(scratch, key -> Keygate.api().post(path, body, key.credential()));
    }

    private static void assertRefused(Scratch scratch, Function<ScratchKey, Response> request) {
        ScratchKey key = scratch.insertKey(Actor.INTERNAL_USER.keyShape());
        Keygate.db().update("UPDATE keys SET key_type = 'llm_api' WHERE token = ?", key.token());
        DatabaseFootprint before = DatabaseFootprint.now();

        Response response = request.apply(key);

        response.assertError(403);
        before.assertUnchangedBy(response);
    }
}
