package dev.keygate.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keygate.auth.Caller;
import dev.keygate.policy.Policy;
import dev.keygate.policy.Visibility;
import dev.keygate.web.Paging;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** GET /audit: the trail, newest first; proxy admins see all of it, org admins their organizations'. */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {

    private final Jdbi jdbi;
    private final Policy policy;
    private final ObjectMapper mapper;

    public AuditResource(Jdbi jdbi, Policy policy, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.policy = policy;
        this.mapper = mapper;
    }

    @GET
    public AuditPage list(@Auth Caller caller,
                          @QueryParam("page") Integer page,
                          @QueryParam("size") Integer size,
                          @QueryParam("action") String action,
                          @QueryParam("object_type") String objectType,
                          @QueryParam("object_id") String objectId,
                          @QueryParam("actor_id") String actorId,
                          @QueryParam("organization_id") String organizationId) {
        Visibility visibility = policy.auditVisibility(caller);
        Paging paging = Paging.of(page, size, 50, "size");
        AuditQuery query = new AuditQuery(visibility.all(), List.copyOf(visibility.adminOrganizations()), action,
                objectType, objectId, actorId, organizationId);
        return jdbi.withExtension(AuditDao.class, audit -> {
            long total = audit.count(query);
            List<AuditEntry> entries = audit.find(query, paging.size(), paging.offset()).stream()
                    .map(row -> AuditEntry.of(row, mapper))
                    .toList();
            return new AuditPage(entries, total, paging.page(), paging.totalPages(total));
        });
    }
}
