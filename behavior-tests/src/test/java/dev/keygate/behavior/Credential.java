package dev.keygate.behavior;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers that (try to) authenticate a request. {@code label} names the variant in test names.
 */
public record Credential(String label, Map<String, String> headers) {

    public Credential {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** The usual form: {@code Authorization: Bearer <key>}. */
    public static Credential bearer(String key) {
        return header("Authorization", "Bearer " + key);
    }

    /** Any single raw header, sent exactly as given (for the 401 matrix). */
    public static Credential header(String name, String value) {
        return new Credential(name + ": " + value, Map.of(name, value));
    }

    public static Credential none() {
        return new Credential("no credential", Map.of());
    }

    @Override
    public String toString() {
        return label;
    }
}
