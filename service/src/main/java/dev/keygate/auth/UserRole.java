package dev.keygate.auth;

/** Platform-wide role stored on the user. Organization and team roles live on memberships. */
public enum UserRole {
    PROXY_ADMIN,
    PROXY_ADMIN_VIEWER,
    INTERNAL_USER,
    INTERNAL_USER_VIEWER;

    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static UserRole fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
