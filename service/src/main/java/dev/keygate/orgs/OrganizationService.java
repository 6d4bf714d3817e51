package dev.keygate.orgs;

import dev.keygate.auth.Caller;
import dev.keygate.db.JsonColumns;
import dev.keygate.policy.Action;
import dev.keygate.policy.Policy;
import dev.keygate.web.ApiException;
import dev.keygate.web.Durations;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

public final class OrganizationService {

    private final Jdbi jdbi;
    private final Policy policy;
    private final JsonColumns json;

    public OrganizationService(Jdbi jdbi, Policy policy, JsonColumns json) {
        this.jdbi = jdbi;
        this.policy = policy;
        this.json = json;
    }

    public OrganizationView create(Caller caller, NewOrganizationRequest request) {
        policy.checkOrganization(caller, Action.ORGANIZATION_CREATE);
        String id = request.organizationId() != null ? request.organizationId() : UUID.randomUUID().toString();
        return jdbi.inTransaction(handle -> {
            OrganizationDao organizations = handle.attach(OrganizationDao.class);
            if (organizations.exists(id)) {
                throw ApiException.badRequest("organization_id already exists: " + id, "organization_id");
            }
            OrganizationRow row = new OrganizationRow(id, request.organizationAlias(),
                    request.models() == null ? List.of() : request.models(), request.maxBudget(),
                    Durations.requireValid(request.budgetDuration(), "budget_duration"), request.tpmLimit(),
                    request.rpmLimit(), BigDecimal.ZERO, json.write(request.metadata()), caller.actorId(),
                    caller.actorId(), null, null);
            return OrganizationView.of(organizations.insert(row), json);
        });
    }
}
