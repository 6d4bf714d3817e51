package dev.keygate.spend;

import dev.keygate.auth.Caller;
import dev.keygate.auth.KeyAuthenticator;
import dev.keygate.auth.KeyRecord;
import dev.keygate.enforcement.Enforcer;
import dev.keygate.policy.Policy;
import dev.keygate.web.ApiException;
import io.dropwizard.auth.Auth;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.regex.Pattern;

/**
 * {@code POST /spend/record}: a gateway reports a finished LLM call. The spend is added to the key,
 * its user, team, team membership and organization, and per model and day ({@link SpendWriter});
 * the call's tokens count against the tpm limits and its parallel-request slot is freed.
 */
@Path("/spend")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class SpendResource {

    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{64}");

    private final Policy policy;
    private final KeyAuthenticator keys;
    private final SpendWriter writer;
    private final Enforcer enforcer;

    public SpendResource(Policy policy, KeyAuthenticator keys, SpendWriter writer, Enforcer enforcer) {
        this.policy = policy;
        this.keys = keys;
        this.writer = writer;
        this.enforcer = enforcer;
    }

    @POST
    @Path("/record")
    public SpendRecorded record(@Auth Caller caller, @Valid @NotNull RecordSpendRequest request) {
        policy.checkSpendRecording(caller);
        String key = request.key().trim();
        KeyRecord record = (TOKEN.matcher(key).matches() ? keys.lookupToken(key) : keys.lookup(key))
                .orElseThrow(() -> ApiException.notFound("No key with that value or token", "key"));
        SpendWriter.Outcome outcome = writer.record(new SpendEntry(request.requestId(), record.token(),
                request.model(), request.spend(), RecordSpendRequest.orZero(request.promptTokens()),
                RecordSpendRequest.orZero(request.completionTokens())));
        if (outcome.counted()) {
            enforcer.finished(record, request.model(), request.tokens());
        }
        return new SpendRecorded(request.requestId(), outcome.counted(), record.token(), outcome.keySpend());
    }
}
