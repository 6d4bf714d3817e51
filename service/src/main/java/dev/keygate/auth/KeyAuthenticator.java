package dev.keygate.auth;

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

    public KeyAuthenticator(String masterKey, KeyDirectory directory) {
        this.masterKey = masterKey;
        this.directory = directory;
    }

    @Override
    public Optional<Caller> authenticate(String credential) {
        if (isMasterKey(credential)) {
            return Optional.of(Caller.masterKey());
        }
        return lookup(credential)
                .filter(record -> record.status(directory.clock().instant()) == KeyStatus.VALID)
                .map(KeyRecord::caller);
    }

    /** The caller a credential authenticates, or 401. */
    public Caller require(String credential) {
        return authenticate(credential)
                .orElseThrow(() -> ApiException.unauthorized("Invalid, expired or blocked API key"));
    }

    public boolean isMasterKey(String credential) {
        return credential != null && Secrets.constantTimeEquals(masterKey, credential);
    }

    /** The virtual key with this token (SHA-256 id), usable or not. */
    public Optional<KeyRecord> lookupToken(String token) {
        return directory.find(token);
    }

    /** The virtual key a credential names, usable or not; empty for anything that names no key. */
    public Optional<KeyRecord> lookup(String credential) {
        if (credential == null || !credential.startsWith(Secrets.KEY_PREFIX)) {
            return Optional.empty();
        }
        return directory.findBySecret(credential);
    }
}
