package dev.keygate.users;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.keygate.keys.GeneratedKeyResponse;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * POST /user/new in LiteLLM's {@code NewUserResponse} shape: the user, its memberships and its first
 * key when auto_create_key was on ({@code key} in cleartext, shown this once; {@code token} and
 * {@code token_id} its hash, {@code key_name} and {@code expires} its own). Without a key, {@code key}
 * is {@code ""} as in LiteLLM, and the key's fields are null.
 */
public record NewUserResponse(
        @JsonUnwrapped UserView user,
        @JsonProperty("teams") List<String> teams,
        @JsonProperty("organizations") List<String> organizations,
        @JsonProperty("key") String key,
        @JsonProperty("token") String token,
        @JsonProperty("token_id") String tokenId,
        @JsonProperty("key_name") String keyName,
        @JsonProperty("expires") Instant expires) {

    /**
     * LiteLLM's answer also echoes the key's settings and fields for features Keygate lacks; the
     * auto-created key has none of them set, so all are null.
     */
    private static final Map<String, Object> LITELLM_ONLY = liteLlmOnly();

    static NewUserResponse of(UserView user, List<String> teams, List<String> organizations,
                              GeneratedKeyResponse key) {
        if (key == null) {
            return new NewUserResponse(user, teams, organizations, "", null, null, null, null);
        }
        return new NewUserResponse(user, teams, organizations, key.key(), key.view().token(), key.view().token(),
                key.view().keyName(), key.view().expires());
    }

    @JsonAnyGetter
    Map<String, Object> liteLlmOnlyFields() {
        return LITELLM_ONLY;
    }

    private static Map<String, Object> liteLlmOnly() {
        Map<String, Object> fields = new LinkedHashMap<>();
        // The user's own LiteLLM fields (tpm_limit, policies, object_permission, ...) come with UserView.
        for (String name : List.of("key_alias", "duration", "agent_id", "project_id", "config", "permissions",
                "model_rpm_limit", "model_tpm_limit", "guardrails", "prompts",
                "blocked", "aliases", "budget_id", "litellm_budget_table", "tags",
                "enforced_params", "allowed_routes", "allowed_passthrough_routes", "allowed_vector_store_indexes",
                "rpm_limit_type", "tpm_limit_type", "router_settings", "access_group_ids")) {
            fields.put(name, null);
        }
        return Collections.unmodifiableMap(fields);
    }
}
