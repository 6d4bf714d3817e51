package dev.keygate.keys;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields LiteLLM's key answers carry for features Keygate does not have (agents, projects, object
 * permissions, rotation, per-model spend, ...). A LiteLLM client reads them by name, so
 * they are present, each with the value LiteLLM gives a key that does not use the feature: null, or
 * LiteLLM's column default where its answer is never null ({@code {}}, {@code []}, {@code false}).
 * Never a value Keygate would have to invent. docs/api.md lists them.
 */
final class LiteLlmKeyFields {

    static final Map<String, Object> ABSENT = absent();

    private LiteLlmKeyFields() {}

    private static Map<String, Object> absent() {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : List.of("duration", "agent_id", "project_id", "router_settings", "guardrails", "prompts",
                "enforced_params", "allowed_passthrough_routes", "allowed_vector_store_indexes", "rpm_limit_type",
                "tpm_limit_type", "object_permission", "object_permission_id",
                "last_active", "rotation_count", "auto_rotate", "rotation_interval", "last_rotation_at",
                "key_rotation_at", "budget_limits", "litellm_organization_table", "litellm_project_table",
                "jwt_key_mappings")) {
            fields.put(name, null);
        }
        fields.put("config", Map.of());
        fields.put("model_spend", Map.of());
        fields.put("allowed_cache_controls", List.of());
        fields.put("policies", List.of());
        fields.put("access_group_ids", List.of());
        fields.put("soft_budget_cooldown", false);
        return Collections.unmodifiableMap(fields);
    }
}
