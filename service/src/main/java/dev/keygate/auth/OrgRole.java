package dev.keygate.auth;

/** A user's role in one organization. */
public enum OrgRole {
    ORG_ADMIN,
    INTERNAL_USER,
    INTERNAL_USER_VIEWER;

    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static OrgRole fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
