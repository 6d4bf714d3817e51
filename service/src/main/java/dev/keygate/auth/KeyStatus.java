package dev.keygate.auth;

/**
 * What a presented key is worth right now. Only {@link #VALID} authenticates; the others are what
 * {@code /key/verify} tells a gateway, so it can tell its user why a key is refused.
 */
public enum KeyStatus {
    VALID,
    NOT_FOUND,
    EXPIRED,
    BLOCKED,
    TEAM_BLOCKED
}
