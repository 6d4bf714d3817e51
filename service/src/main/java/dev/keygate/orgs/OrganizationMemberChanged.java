package dev.keygate.orgs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * PATCH /organization/member_update and DELETE /organization/member_delete: the organization with its
 * members, as Keygate answered them, and, as LiteLLM answers with the membership row, the member's
 * {@code user_id}, {@code user_role} and {@code user_email} at the top level. LiteLLM's included
 * relations, {@code user} and {@code organization}, are null as in LiteLLM's answer.
 */
public record OrganizationMemberChanged(
        @JsonUnwrapped OrganizationDetails details,
        @JsonProperty("user_id") String userId,
        @JsonProperty("user_role") String userRole,
        @JsonProperty("user_email") String userEmail) {

    @JsonProperty("user")
    public Object user() {
        return null;
    }

    @JsonProperty("organization")
    public Object organization() {
        return null;
    }
}
