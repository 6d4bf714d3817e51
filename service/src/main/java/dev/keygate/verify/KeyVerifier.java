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
import java.util.function.Supplier;

/**
 * Answers {@code /key/verify}, and judges gateways' checks ({@code /authz}) the same way, from the
 * caller cache like every authentication: who is presented, then the enforcement's decision.
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
        return VerifyResponse.of(judge(present(credential, () -> authentication.require(credential, request)), call));
    }

    /**
     * Who a gateway's check presents ({@code /authz}), or 401: as for {@link #verifyPresented},
     * except that a sign-in token's scopes are held to the forwarded request's route (by the
     * enforcement, with the call), not to the route of the check. Known before the check's call is
     * read, so that a bad credential is 401 whatever else is wrong.
     */
    public Presented presentedToGateway(String credential, ContainerRequestContext request) {
        return present(credential, () -> authentication.identify(credential, request));
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
        return VerifyResponse.of(judge(new Presented(record.caller(), record), call));
    }

    /** The enforcement's decision on the call, for whoever was presented; the master key may make any call. */
    public Judgement judge(Presented presented, CallRequest call) {
        if (presented.caller().isMasterKey()) {
            return Judgement.masterKey();
        }
        return new Judgement(presented.caller(), presented.record(), presented.record() == null
                ? enforcer.checkSignedIn(presented.caller(), call)
                : enforcer.check(presented.record(), presented.caller(), call));
    }

    /** Who a credential is, or 401; {@code signIn} authenticates a sign-in token (401 when it does not verify). */
    private Presented present(String credential, Supplier<Caller> signIn) {
        if (authenticator.presentsMasterKey(credential)) {
            return new Presented(Caller.masterKey(), null);
        }
        if (authentication.isToken(credential)) {
            // A token that does not verify is a bad credential (401), as on every route. A client
            // mapped to a key signs in as that key: the answer is the key's.
            Caller caller = signIn.get();
            return new Presented(caller, caller.keyToken() == null ? null
                    : authenticator.lookupToken(caller.keyToken()).orElseThrow(() ->
                            ApiException.unauthorized("Invalid token: the key mapped to its client no longer exists")));
        }
        KeyRecord record = authenticator.present(credential)
                .orElseThrow(() -> ApiException.unauthorized("Invalid API key: it names no key"));
        return new Presented(record.caller(), record);
    }

    /**
     * Who a credential presents: the master key, a sign-in token without a key ({@code record} null),
     * or a key with who uses it — the key itself, or a sign-in token mapped to it (and its scope).
     */
    public record Presented(Caller caller, KeyRecord record) {}
}
