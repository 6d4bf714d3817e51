package dev.keygate.behavior;

import dev.keygate.behavior.Scratch.ScratchKey;

/** An {@code llm_api} key calls no management route: the check every read-only route repeats. */
final class LlmApiKeys {

    private LlmApiKeys() {}

    /** A fresh llm_api key of an internal user GETs {@code path}: 403, and the database is unchanged. */
    static void assertGetRefused(Scratch scratch, String path) {
        ScratchKey key = scratch.insertKey(Actor.INTERNAL_USER.keyShape());
        Keygate.db().update("UPDATE keys SET key_type = 'llm_api' WHERE token = ?", key.token());
        DatabaseFootprint before = DatabaseFootprint.now();

        Response response = Keygate.api().get(path, key.credential());

        response.assertError(403);
        before.assertUnchangedBy(response);
    }
}
