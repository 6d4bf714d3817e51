package dev.keygate.auth;

/** What a key may call: LLM routes only, management routes only, info routes only, or both (default). */
public enum KeyType {
    DEFAULT,
    LLM_API,
    MANAGEMENT,
    READ_ONLY;

    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static KeyType fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
