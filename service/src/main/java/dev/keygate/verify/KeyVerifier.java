package dev.keygate.verify;

import dev.keygate.auth.Authentication;
import dev.keygate.auth.Caller;
import dev.keygate.auth.KeyAuthenticator;
import dev.keygate.auth.KeyRecord;
import dev.keygate.enforcement.CallRequest;
import dev.keygate.enforcement.Enforcer;
import dev.keygate.policy.Action;
import dev.keygate.policy.Policy;
import dev.keygate.policy.Targets;
import dev.keygate.web.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Answers {@code /key/verify}, from the caller cache like every authentication.
 *
 * <p>Verifying the presented credential: the credential is the subject, so a key that exists but may
 * not be used is still answered (200, {@code valid:false} and why), while a credential that names
 * no key is a bad credential (401). Verifying a key named in the body: the caller authenticates as
 * on any route and must be allowed to read that key; a key that does not exist is an answer
 * ({@code NOT_FOUND}), not an error.
 */
public final class KeyVerifier {

    private final Authentication authentication;
    private final KeyAuthenticator authenticator;
    private final Policy policy;
    private final Enforcer enforcer;

    public KeyVerifier(Authentication authentication, Policy policy, Enforcer enforcer) {
        this.authentication = authentication;
        this.authenticator = authentication.keys();
        this.policy = policy;
        this.enforcer = enforcer;
    }

    public VerifyResponse verifyPresented(String credential, ContainerRequestContext request, CallRequest call) {
        if (authenticator.isMasterKey(credential)) {
            return VerifyResponse.MASTER_KEY;
        }
        if (authentication.isToken(credential)) {
            // A token that does not verify is a bad credential (401), as on every route. A client
            // mapped to a key signs in as that key: the answer is the key's.
            Caller caller = authentication.require(credential, request);
            return caller.keyToken() == null ? VerifyResponse.signedIn(caller)
                    : answer(authenticator.lookupToken(caller.keyToken()).orElseThrow(
                            () -> ApiException.unauthorized("Invalid token: the key mapped to its client no longer exists")),
                            caller, call);
        }
        KeyRecord record = authenticator.lookup(credential)
                .orElseThrow(() -> ApiException.unauthorized("Invalid API key: it names no key"));
        return answer(record, record.caller(), call);
    }

    public VerifyResponse verifyOnBehalf(String credential, ContainerRequestContext request, String key,
                                         CallRequest call) {
        Caller caller = authentication.require(credential, request);
        KeyRecord record = authenticator.lookup(key.trim()).orElse(null);
        if (record == null) {
            return VerifyResponse.NOT_FOUND;
        }
        policy.checkKey(caller, Action.KEY_READ, new Targets.Key(record.token(), record.userId(), record.teamId(),
                record.organizationId(), record.teamMemberPermissions()));
        return answer(record, record.caller(), call);
    }

    /** {@code caller}: who uses the key — the key itself, or a sign-in token mapped to it (and its scope). */
    private VerifyResponse answer(KeyRecord record, Caller caller, CallRequest call) {
        return VerifyResponse.of(record, enforcer.check(record, caller, call));
    }
}
