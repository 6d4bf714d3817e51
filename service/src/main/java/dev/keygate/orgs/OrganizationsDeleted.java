package dev.keygate.orgs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** DELETE /organization/delete: the ids of the organizations deleted (LiteLLM answers the organizations). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrganizationsDeleted(List<String> deletedOrganizations) {}
