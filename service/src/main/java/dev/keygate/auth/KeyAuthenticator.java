package dev.keygate.auth;

import dev.keygate.auth.AuthenticationMetrics.Outcome;
import dev.keygate.web.ApiException;
import io.dropwizard.auth.Authenticator;
import java.util.Optional;

/**
 * Turns a presented credential into a {@link Caller}: the master key (compared in constant time,
 * never looked up anywhere), or a virtual key found through the {@link KeyDirectory}. Unknown,
 * expired or blocked keys, and keys of a blocked team, authenticate as nobody (401). A database
 * failure propagates and is answered 503: we fail closed, never open.
 */
public final class KeyAuthenticator implements Authenticator<String, Caller> {

    private final String masterKey;
    private final KeyDirectory directory;
    private final AuthenticationMetrics metrics;

    public KeyAuthenticator(String masterKey, KeyDirectory directory, AuthenticationMetrics metrics) {
        this.masterKey = masterKey;
        this.directory = directory;
        this.metrics = metrics;
    }

    @Override
    public Optional<Caller> authenticate(String credential) {
        if (presentsMasterKey(credential)) {
            return Optional.of(Caller.masterKey());
        }
        Optional<KeyRecord> record = lookup(credential);
        return counted(credential, record) == KeyStatus.VALID ? record.map(KeyRecord::caller) : Optional.empty();
    }

    /** Whether a presented credential is the master key; counted as an authentication when it is. */
    public boolean presentsMasterKey(String credential) {
        boolean master = isMasterKey(credential);
        if (master) {
            metrics.count(Outcome.MASTER_KEY_VALID);
        }
        return master;
    }

    /**
     * As {@link #lookup}, for the credential a request presents (not a key it names): counted as an
     * authentication, by the key's status or why it names none.
     */
    public Optional<KeyRecord> present(String credential) {
        Optional<KeyRecord> record = lookup(credential);
        counted(credential, record);
        return record;
    }

    /** The status of the key a presented credential names ({@code NOT_FOUND}: none), counted as its outcome. */
    private KeyStatus counted(String credential, Optional<KeyRecord> record) {
        if (record.isEmpty()) {
            metrics.count(isKeyShaped(credential) ? Outcome.KEY_UNKNOWN : Outcome.NOT_A_CREDENTIAL);
            return KeyStatus.NOT_FOUND;
        }
        KeyStatus status = record.get().status(directory.clock().instant());
        metrics.count(Outcome.of(status));
        return status;
    }

    /** The caller a credential authenticates, or 401. */
    public Caller require(String credential) {
        return authenticate(credential)
                .orElseThrow(() -> ApiException.unauthorized("Invalid, expired or blocked API key"));
    }

    private boolean isMasterKey(String credential) {
        return credential != null && Secrets.constantTimeEquals(masterKey, credential);
    }

    /** The virtual key with this token (SHA-256 id), usable or not. */
    public Optional<KeyRecord> lookupToken(String token) {
        return directory.find(token);
    }

    /** The virtual key a credential names, usable or not; empty for anything that names no key. */
    public Optional<KeyRecord> lookup(String credential) {
        if (!isKeyShaped(credential)) {
            return Optional.empty();
        }
        return directory.findBySecret(credential);
    }

    private static boolean isKeyShaped(String credential) {
        return credential != null && credential.startsWith(Secrets.KEY_PREFIX);
    }
}
