package dev.keygate.behavior;

import java.util.Map;

/** The three callers every hostile request is sent as: the master key, an internal user's world key, no key. */
enum HostileCaller {
    MASTER_KEY(VerifyAnswers.MASTER_KEY),
    INTERNAL_USER(Actor.INTERNAL_USER.key()),
    NO_KEY(null);

    private final String key;

    HostileCaller(String key) {
        this.key = key;
    }

    /** The caller's key, or null. */
    String key() {
        return key;
    }

    Map<String, String> headers() {
        return key == null ? Map.of() : Map.of("Authorization", "Bearer " + key);
    }

    /** The credential as header lines for a raw request (each ending in CRLF), or nothing. */
    String rawHeaders() {
        return key == null ? "" : "Authorization: Bearer " + key + "\r\n";
    }
}
