package dev.keygate.orgs;

import dev.keygate.auth.Caller;
import io.dropwizard.auth.Auth;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** LiteLLM's organization routes, with its methods (PATCH for updates, DELETE with a body for deletes). */
@Path("/organization")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class OrganizationResource {

    private final OrganizationService organizations;

    public OrganizationResource(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @POST
    @Path("/new")
    public OrganizationView create(@Auth Caller caller, @Valid @NotNull NewOrganizationRequest request) {
        return organizations.create(caller, request);
    }

    @PATCH
    @Path("/update")
    public OrganizationDetails update(@Auth Caller caller, @Valid @NotNull OrganizationRequests.Update request) {
        return organizations.update(caller, request);
    }

    @DELETE
    @Path("/delete")
    public OrganizationsDeleted delete(@Auth Caller caller, @Valid @NotNull OrganizationRequests.Delete request) {
        return new OrganizationsDeleted(organizations.delete(caller, request));
    }

    @GET
    @Path("/info")
    public OrganizationDetails info(@Auth Caller caller, @QueryParam("organization_id") String organizationId) {
        return organizations.info(caller, organizationId);
    }

    @GET
    @Path("/list")
    public List<OrganizationDetails> list(@Auth Caller caller) {
        return organizations.list(caller);
    }

    @POST
    @Path("/member_add")
    public OrganizationMembersAdded addMembers(@Auth Caller caller, @Valid @NotNull OrganizationRequests.MemberAdd request) {
        return organizations.addMembers(caller, request);
    }

    @PATCH
    @Path("/member_update")
    public OrganizationMemberChanged updateMember(@Auth Caller caller,
                                            @Valid @NotNull OrganizationRequests.MemberUpdate request) {
        return organizations.updateMember(caller, request);
    }

    @DELETE
    @Path("/member_delete")
    public OrganizationMemberChanged removeMember(@Auth Caller caller,
                                            @Valid @NotNull OrganizationRequests.MemberDelete request) {
        return organizations.removeMember(caller, request);
    }
}
