package dev.keygate.keys;

import dev.keygate.auth.Caller;
import io.dropwizard.auth.Auth;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/key")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class KeyResource {

    private final KeyService keys;
    private final KeyQueries queries;
    private final KeyChanges changes;

    public KeyResource(KeyService keys, KeyQueries queries, KeyChanges changes) {
        this.keys = keys;
        this.queries = queries;
        this.changes = changes;
    }

    @POST
    @Path("/generate")
    public GeneratedKeyResponse generate(@Auth Caller caller, @Valid GenerateKeyRequest request) {
        return keys.generate(caller, request == null ? GenerateKeyRequest.empty() : request);
    }

    @POST
    @Path("/service-account/generate")
    public GeneratedKeyResponse generateServiceAccount(@Auth Caller caller, @Valid @NotNull GenerateKeyRequest request) {
        return keys.generateServiceAccount(caller, request);
    }

    @GET
    @Path("/info")
    public KeyInfoResponse info(@Auth Caller caller, @QueryParam("key") String key) {
        return queries.info(caller, key == null || key.isBlank() ? null : key.trim());
    }

    @POST
    @Path("/health")
    public KeyHealthResponse health(@Auth Caller caller, KeyHealthRequest noFields) {
        return queries.health(caller);
    }

    @GET
    @Path("/list")
    public KeyListResponse list(@Auth Caller caller,
                                @QueryParam("page") Integer page,
                                @QueryParam("size") Integer size,
                                @QueryParam("user_id") String userId,
                                @QueryParam("team_id") String teamId,
                                @QueryParam("organization_id") String organizationId,
                                @QueryParam("key_alias") String keyAlias,
                                @QueryParam("key_hash") String keyHash,
                                @QueryParam("include_team_keys") Boolean includeTeamKeys,
                                @QueryParam("return_full_object") boolean returnFullObject,
                                @QueryParam("sort_by") String sortBy,
                                @QueryParam("sort_order") String sortOrder,
                                @QueryParam("status") String status) {
        return queries.list(caller, new KeyQueries.ListRequest(page, size, userId, teamId, organizationId, keyAlias,
                keyHash, includeTeamKeys, returnFullObject, sortBy, sortOrder, status));
    }

    @GET
    @Path("/aliases")
    public KeyAliasesResponse aliases(@Auth Caller caller,
                                      @QueryParam("page") Integer page,
                                      @QueryParam("size") Integer size,
                                      @QueryParam("search") String search) {
        return queries.aliases(caller, page, size, search == null || search.isBlank() ? null : search.trim());
    }

    @POST
    @Path("/update")
    public UpdatedKeyResponse update(@Auth Caller caller, @Valid @NotNull KeyChangeRequest request) {
        // LiteLLM finds the key by key_alias when no key is given; the alias is then not a change.
        String aliasToFind = null;
        if (request.key == null && request.keyAlias != null) {
            aliasToFind = request.keyAlias.orElse(null);
            request.keyAlias = null;
        }
        return UpdatedKeyResponse.of(changes.update(caller, request, aliasToFind));
    }

    @POST
    @Path("/bulk_update")
    public BulkUpdateKeysResponse bulkUpdate(@Auth Caller caller, @Valid @NotNull BulkUpdateKeysRequest request) {
        return changes.bulkUpdate(caller, request);
    }

    @POST
    @Path("/regenerate")
    public GeneratedKeyResponse regenerate(@Auth Caller caller, @Valid @NotNull KeyChangeRequest request) {
        return changes.regenerate(caller, request);
    }

    @POST
    @Path("/{key}/regenerate")
    public GeneratedKeyResponse regenerate(@Auth Caller caller, @PathParam("key") String key,
                                           @Valid KeyChangeRequest request) {
        KeyChangeRequest change = request == null ? new KeyChangeRequest() : request;
        change.key = key;
        return changes.regenerate(caller, change);
    }

    @POST
    @Path("/{key}/reset_spend")
    public ResetSpendResponse resetSpend(@Auth Caller caller, @PathParam("key") String key,
                                         @Valid @NotNull ResetSpendRequest request) {
        return changes.resetSpend(caller, key, request.resetTo());
    }

    @POST
    @Path("/delete")
    public DeleteKeysResponse delete(@Auth Caller caller, @Valid @NotNull KeysRequest request) {
        return changes.delete(caller, request);
    }

    @POST
    @Path("/block")
    public KeyView block(@Auth Caller caller, @Valid @NotNull KeyNameRequest request) {
        return changes.setBlocked(caller, request.key(), true);
    }

    @POST
    @Path("/unblock")
    public KeyView unblock(@Auth Caller caller, @Valid @NotNull KeyNameRequest request) {
        return changes.setBlocked(caller, request.key(), false);
    }
}
