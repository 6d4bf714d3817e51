package dev.keygate.orgs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.auth.OrgRole;

/** A member in requests ({@code user_id} or {@code user_email}) and responses. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrganizationMember(String userId, String userEmail, OrgRole role) {

    public OrgRole roleOrDefault() {
        return role == null ? OrgRole.INTERNAL_USER : role;
    }
}
