package dev.keygate.models;

import dev.keygate.auth.Caller;
import dev.keygate.auth.KeyAuthenticator;
import dev.keygate.auth.KeyRecord;
import dev.keygate.enforcement.Enforcer;
import dev.keygate.web.ApiException;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /v1/models} and {@code GET /models}: the models the caller may call, in OpenAI's list
 * shape. Any valid key may ask, {@code llm_api} keys included (listing models is part of the LLM
 * API): what it may call is the enforcement's answer ({@link Enforcer#usableModels}), over the
 * {@link ModelCatalog}.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class ModelsResource {

    private final ModelCatalog catalog;
    private final KeyAuthenticator keys;
    private final Enforcer enforcer;
    /** When this instance started: OpenAI's {@code created}, which Keygate does not record per model. */
    private final long created;

    public ModelsResource(List<String> configured, Jdbi jdbi, KeyAuthenticator keys, Enforcer enforcer, Clock clock) {
        this.catalog = new ModelCatalog(configured, jdbi);
        this.keys = keys;
        this.enforcer = enforcer;
        this.created = clock.instant().getEpochSecond();
    }

    @GET
    @Path("v1/models")
    public ModelList v1Models(@Auth Caller caller) {
        return list(caller);
    }

    @GET
    @Path("models")
    public ModelList models(@Auth Caller caller) {
        return list(caller);
    }

    private ModelList list(Caller caller) {
        // The caller's key from the caller cache, as authentication just found it.
        KeyRecord record = caller.keyToken() == null ? null : keys.lookupToken(caller.keyToken())
                .orElseThrow(() -> ApiException.unauthorized("Invalid, expired or blocked API key"));
        return ModelList.of(enforcer.usableModels(record, caller, catalog.names()), created);
    }
}
