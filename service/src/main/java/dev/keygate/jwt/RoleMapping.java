package dev.keygate.jwt;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keygate.auth.UserRole;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** {@code role_mappings} entry: a role the identity provider puts in the token → a Keygate platform role. */
public class RoleMapping {

    @NotBlank
    private String role;

    @NotNull
    private UserRole internalRole;

    @JsonProperty("role")
    public String getRole() {
        return role;
    }

    @JsonProperty("role")
    public void setRole(String role) {
        this.role = role;
    }

    @JsonProperty("internal_role")
    public UserRole getInternalRole() {
        return internalRole;
    }

    @JsonProperty("internal_role")
    public void setInternalRole(UserRole internalRole) {
        this.internalRole = internalRole;
    }
}
