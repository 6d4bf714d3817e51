package dev.keygate.orgs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.keygate.teams.TeamView;
import java.util.List;

/**
 * An organization with its members and the teams in it the caller may read, as LiteLLM's
 * {@code LiteLLM_OrganizationTableWithMembers} (the budget table and LiteLLM's other fields come with
 * {@link OrganizationView}).
 */
public record OrganizationDetails(
        @JsonUnwrapped OrganizationView organization,
        @JsonProperty("members") List<OrganizationMembership> members,
        @JsonProperty("teams") List<TeamView> teams) {
}
