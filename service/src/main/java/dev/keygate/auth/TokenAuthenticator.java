package dev.keygate.auth;

/**
 * Sign-in with an identity provider's token, beside the key path (the {@code jwt} package implements
 * it). Both produce the same {@link Caller}.
 */
public interface TokenAuthenticator {

    /** No token sign-in configured: every credential is a key. */
    TokenAuthenticator NONE = new TokenAuthenticator() {
        @Override
        public boolean accepts(String credential) {
            return false;
        }

        @Override
        public Caller authenticate(String token, String requestedTeam) {
            throw new IllegalStateException("Token sign-in is not configured");
        }
    };

    /** Whether this credential is a token for this authenticator (by its shape), rather than a key. */
    boolean accepts(String credential);

    /**
     * The caller the token authenticates, acting for {@code requestedTeam} (the {@code x-litellm-team-id}
     * header, or null) — or 401 for a token that does not verify, 403 for one whose holder is not let in.
     */
    Caller authenticate(String token, String requestedTeam);
}
