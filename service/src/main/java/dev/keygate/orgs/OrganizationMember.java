package dev.keygate.orgs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.auth.OrgRole;
import dev.keygate.web.InputLimits;

/** A member in requests: {@code user_id} or {@code user_email}, and a role (answers show {@link OrganizationMembership}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrganizationMember(@InputLimits.Id String userId, @InputLimits.Email String userEmail, OrgRole role) {

    public OrgRole roleOrDefault() {
        return role == null ? OrgRole.INTERNAL_USER : role;
    }
}
