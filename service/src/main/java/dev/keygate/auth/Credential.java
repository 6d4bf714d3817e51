package dev.keygate.auth;

/** How a caller authenticated. */
public enum Credential {
    /** The master key: a proxy admin that is no user and holds no key. */
    MASTER_KEY,
    /** A virtual key ({@code sk-...}), found by its hash. */
    VIRTUAL_KEY,
    /** A token an identity provider signed (JWT), verified against its published keys. */
    JWT
}
