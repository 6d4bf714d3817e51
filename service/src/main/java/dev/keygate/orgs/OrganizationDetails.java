package dev.keygate.orgs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/** An organization with its members and the ids of its teams. */
public record OrganizationDetails(
        @JsonUnwrapped OrganizationView organization,
        @JsonProperty("members") List<OrganizationMember> members,
        @JsonProperty("teams") List<String> teams) {}
