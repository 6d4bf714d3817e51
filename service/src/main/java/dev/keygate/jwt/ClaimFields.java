package dev.keygate.jwt;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which claim carries what, as LiteLLM names the options ({@code user_id_jwt_field}, ...). Values are
 * dot paths into the token's claims ({@code realm_access.roles}). Set at the top of the {@code jwt:}
 * section, and again on an issuer to override there; a field left unset on an issuer falls back to
 * the top level. Unset at the top level means the claim is not read.
 */
public class ClaimFields {

    private String userIdJwtField;
    private String userEmailJwtField;
    private String teamIdJwtField;
    private String teamIdsJwtField;
    private String orgIdJwtField;
    private String rolesJwtField;
    private String userRolesJwtField;

    /** These fields, with each unset one taken from {@code fallback}. */
    ClaimFields over(ClaimFields fallback) {
        ClaimFields merged = new ClaimFields();
        merged.userIdJwtField = pick(userIdJwtField, fallback.userIdJwtField);
        merged.userEmailJwtField = pick(userEmailJwtField, fallback.userEmailJwtField);
        merged.teamIdJwtField = pick(teamIdJwtField, fallback.teamIdJwtField);
        merged.teamIdsJwtField = pick(teamIdsJwtField, fallback.teamIdsJwtField);
        merged.orgIdJwtField = pick(orgIdJwtField, fallback.orgIdJwtField);
        merged.rolesJwtField = pick(rolesJwtField, fallback.rolesJwtField);
        merged.userRolesJwtField = pick(userRolesJwtField, fallback.userRolesJwtField);
        return merged;
    }

    private static String pick(String own, String fallback) {
        return own == null || own.isBlank() ? fallback : own;
    }

    @JsonProperty("user_id_jwt_field")
    public String userId() {
        return userIdJwtField;
    }

    @JsonProperty("user_id_jwt_field")
    public void setUserId(String field) {
        this.userIdJwtField = field;
    }

    @JsonProperty("user_email_jwt_field")
    public String userEmail() {
        return userEmailJwtField;
    }

    @JsonProperty("user_email_jwt_field")
    public void setUserEmail(String field) {
        this.userEmailJwtField = field;
    }

    @JsonProperty("team_id_jwt_field")
    public String teamId() {
        return teamIdJwtField;
    }

    @JsonProperty("team_id_jwt_field")
    public void setTeamId(String field) {
        this.teamIdJwtField = field;
    }

    @JsonProperty("team_ids_jwt_field")
    public String teamIds() {
        return teamIdsJwtField;
    }

    @JsonProperty("team_ids_jwt_field")
    public void setTeamIds(String field) {
        this.teamIdsJwtField = field;
    }

    @JsonProperty("org_id_jwt_field")
    public String orgId() {
        return orgIdJwtField;
    }

    @JsonProperty("org_id_jwt_field")
    public void setOrgId(String field) {
        this.orgIdJwtField = field;
    }

    @JsonProperty("roles_jwt_field")
    public String roles() {
        return rolesJwtField;
    }

    @JsonProperty("roles_jwt_field")
    public void setRoles(String field) {
        this.rolesJwtField = field;
    }

    @JsonProperty("user_roles_jwt_field")
    public String userRoles() {
        return userRolesJwtField;
    }

    @JsonProperty("user_roles_jwt_field")
    public void setUserRoles(String field) {
        this.userRolesJwtField = field;
    }
}
