package dev.keygate.orgs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Set;

/**
 * POST /organization/member_add: the organization with its members and teams, as Keygate answered,
 * and LiteLLM's {@code updated_organization_memberships}, the memberships the call added. Not
 * LiteLLM's {@code updated_users}: the added users' own records (budgets, spend, role) are more than
 * adding them to an organization lets the caller read.
 */
public record OrganizationMembersAdded(
        @JsonUnwrapped OrganizationDetails details,
        @JsonProperty("updated_organization_memberships") List<OrganizationMembership> added) {

    static OrganizationMembersAdded of(OrganizationDetails details, Set<String> addedUserIds) {
        return new OrganizationMembersAdded(details, details.members().stream()
                .filter(member -> addedUserIds.contains(member.userId())).toList());
    }
}
