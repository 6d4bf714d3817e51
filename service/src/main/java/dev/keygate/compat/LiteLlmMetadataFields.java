package dev.keygate.compat;

import dev.keygate.web.ApiException;
import dev.keygate.web.JsonObjectCheck;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The LiteLLM fields LiteLLM keeps in the object's {@code metadata} under their own name
 * ({@code LiteLLM_ManagementEndpoint_MetadataFields} and {@code ..._Premium} in litellm/proxy/_types.py),
 * so that a LiteLLM client reading {@code metadata.tags} or {@code metadata.guardrails} finds them in
 * Keygate too. LiteLLM does it on the routes below: on create it sets each field sent with a value
 * into the new object's metadata; on update each one sent with a value replaces that entry of the
 * metadata, which is the one sent in the same body or else the stored one. A null leaves the entry
 * as it is. {@link LiteLlmFieldsFilter} takes the values from the body, so one place does it for every
 * route; fields Keygate acts on (a key's {@code tags}, {@code model_rpm_limit}) keep their own column too.
 */
public final class LiteLlmMetadataFields {

    /** Both of LiteLLM's lists, as of 2026. */
    static final Set<String> FIELDS = Set.of(
            "model_rpm_limit", "model_tpm_limit", "rpm_limit_type", "tpm_limit_type", "enforced_params",
            "temp_budget_increase", "temp_budget_expiry", "allowed_vector_store_indexes",
            "enforced_batch_output_expires_after", "enforced_file_expires_after",
            "guardrails", "policies", "tags", "team_member_key_duration", "prompts", "logging",
            "secret_manager_settings", "allowed_passthrough_routes");

    /** How a route stores them: into the body's own metadata, or over the stored metadata. */
    enum Storing { NONE, CREATE, UPDATE }

    /**
     * The routes where LiteLLM does it (generate_key_fn, new_team, new_organization; prepare_metadata_fields,
     * update_team). A field a route does not declare never gets here: it is a typo (422).
     */
    private static final Set<String> CREATING = Set.of("POST /key/generate", "POST /key/service-account/generate",
            "POST /team/new", "POST /organization/new");
    private static final Set<String> UPDATING = Set.of("POST /key/update", "POST /key/regenerate",
            "POST /key/{key}/regenerate", "POST /team/update");
    /** Each item of /key/bulk_update's {@code keys} is a /key/update of its own. */
    static final String BULK_ROUTE = "POST /key/bulk_update";
    static final String BULK_ITEMS = "keys";

    private LiteLlmMetadataFields() {}

    static Storing storingOn(String route) {
        return CREATING.contains(route) ? Storing.CREATE : UPDATING.contains(route) ? Storing.UPDATE : Storing.NONE;
    }

    /** Whether LiteLLM keeps this field of this route's body (of its items, for the bulk route) in metadata. */
    public static boolean isStoredOn(String route, String field) {
        return FIELDS.contains(field) && (storingOn(route) != Storing.NONE || route.equals(BULK_ROUTE));
    }

    /**
     * An update's body: {@link LiteLlmFieldsFilter} hands it the metadata fields it carried, which the
     * change applies over the metadata with {@link #applied}.
     */
    public interface Carrier {
        Kept keptInMetadata();
    }

    /** The metadata fields an update's body carried: none until the filter hands them over. */
    public static final class Kept {
        private Map<String, Object> entries = Map.of();

        void set(Map<String, Object> entries) {
            this.entries = Collections.unmodifiableMap(entries);
        }

        public Map<String, Object> entries() {
            return entries;
        }
    }

    /** A body whose list items are each an update ({@code keys} of /key/bulk_update). */
    public interface ItemCarriers {
        List<? extends Carrier> carriers();
    }

    /**
     * {@code metadata} (the one the body sent, else the stored one) with {@code entries} set over it,
     * or null when the change names neither (the metadata stays). Held to the metadata limits: a
     * combination past them is 422 naming {@code metadata}, before anything is written.
     */
    public static Map<String, Object> applied(Map<String, Object> sent, Map<String, Object> stored,
                                              Map<String, Object> entries) {
        if (entries.isEmpty()) {
            return sent;
        }
        Map<String, Object> metadata = new LinkedHashMap<>(sent != null ? sent : stored);
        metadata.putAll(entries);
        String problem = JsonObjectCheck.problemWith(metadata);
        if (problem != null) {
            // As Bean Validation answers a metadata sent past the limits (ValidationExceptionMapper).
            throw new ApiException(422, "invalid_request_error", "metadata " + problem, "metadata");
        }
        return Collections.unmodifiableMap(metadata);
    }
}
