package dev.keygate.budgets;

import dev.keygate.auth.Caller;
import io.dropwizard.auth.Auth;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** LiteLLM's {@code /budget/*}: budget tiers. Each answer is LiteLLM's: the tier's row, or a list of rows. */
@Path("/budget")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class BudgetResource {

    private final BudgetService budgets;

    public BudgetResource(BudgetService budgets) {
        this.budgets = budgets;
    }

    @POST
    @Path("/new")
    public BudgetView create(@Auth Caller caller, @Valid @NotNull BudgetRequests.Change request) {
        return budgets.create(caller, request);
    }

    @POST
    @Path("/update")
    public BudgetView update(@Auth Caller caller, @Valid @NotNull BudgetRequests.Change request) {
        return budgets.update(caller, request);
    }

    @POST
    @Path("/delete")
    public BudgetView delete(@Auth Caller caller, @Valid @NotNull BudgetRequests.Delete request) {
        return budgets.delete(caller, request);
    }

    @POST
    @Path("/info")
    public List<BudgetView> info(@Auth Caller caller, @Valid @NotNull BudgetRequests.Info request) {
        return budgets.info(caller, request);
    }

    @GET
    @Path("/list")
    public List<BudgetView> list(@Auth Caller caller) {
        return budgets.list(caller);
    }
}
