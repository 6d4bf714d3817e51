package dev.keygate.orgs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.auth.OrgRole;
import dev.keygate.web.InputLimits;
import jakarta.validation.constraints.Email;

/**
 * A member in requests: {@code user_id} or {@code user_email}, and a role (answers show
 * {@link OrganizationMembership}). {@code user_email} must be an address, as at /user/new: member_add
 * creates the user when nobody has it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrganizationMember(@InputLimits.Id String userId, @Email @InputLimits.Email String userEmail, OrgRole role) {

    public OrgRole roleOrDefault() {
        return role == null ? OrgRole.INTERNAL_USER : role;
    }
}
