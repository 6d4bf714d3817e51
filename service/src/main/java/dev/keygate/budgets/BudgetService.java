package dev.keygate.budgets;

import dev.keygate.audit.AuditLog;
import dev.keygate.auth.Caller;
import dev.keygate.db.JsonColumns;
import dev.keygate.db.RowUpdate;
import dev.keygate.limits.BudgetReset;
import dev.keygate.limits.Limits;
import dev.keygate.policy.Action;
import dev.keygate.policy.Policy;
import dev.keygate.web.ApiException;
import dev.keygate.web.Durations;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code /budget/*} routes: budget tiers, named limits that keys and organizations take with
 * {@code budget_id}. A tier is global, so proxy admins manage tiers; viewers and org admins read them
 * (an org admin gives tiers to the keys of their organization). Every change is audited under
 * {@code budget} and, by the table's trigger, makes every instance forget the keys that use the tier.
 */
public final class BudgetService {

    static final String AUDIT_TYPE = "budget";
    /** How many users of a tier a refused delete names. */
    private static final int USERS_NAMED = 10;

    private final Jdbi jdbi;
    private final Policy policy;
    private final JsonColumns json;
    private final AuditLog audit;
    private final Clock clock;

    public BudgetService(Jdbi jdbi, Policy policy, JsonColumns json, AuditLog audit, Clock clock) {
        this.jdbi = jdbi;
        this.policy = policy;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    public BudgetView create(Caller caller, BudgetRequests.Change request) {
        policy.checkBudgets(caller, Action.BUDGET_MANAGE);
        String budgetId = request.budgetId != null ? request.budgetId : UUID.randomUUID().toString();
        String duration = sent(request.budgetDuration);
        // LiteLLM: without budget_reset_at, the first reset after now when a duration is set.
        Instant firstReset = BudgetReset.first(duration, clock.instant());
        Instant resetAt = request.budgetResetAt != null ? storable(request.budgetResetAt).orElse(null) : firstReset;
        Map<String, Object> modelMaxBudget = sent(request.modelMaxBudget);
        return jdbi.inTransaction(handle -> {
            BudgetRow created = handle.attach(BudgetDao.class).insert(new BudgetRow(budgetId, sent(request.maxBudget),
                    sent(request.softBudget), sent(request.maxParallelRequests), sent(request.tpmLimit),
                    sent(request.rpmLimit), modelMaxBudget == null ? null : json.write(modelMaxBudget), duration,
                    resetAt, caller.actorId(), caller.actorId(), null, null)).orElseThrow(() -> ApiException.badRequest(
                    "Budget with id '" + budgetId + "' already exists", "budget_id"));
            BudgetView view = BudgetView.of(created, json);
            audit.record(handle, caller, "budget.new", AUDIT_TYPE, budgetId, null, null, view);
            return view;
        });
    }

    public BudgetView update(Caller caller, BudgetRequests.Change request) {
        if (request.budgetId == null || request.budgetId.isBlank()) {
            throw ApiException.badRequest("budget_id is required", "budget_id");
        }
        return jdbi.inTransaction(handle -> {
            BudgetRow before = handle.attach(BudgetDao.class).findForUpdate(request.budgetId)
                    .orElseThrow(() -> notFound(request.budgetId, "budget_id"));
            policy.checkBudgets(caller, Action.BUDGET_MANAGE);
            RowUpdate update = new RowUpdate("budgets", "budget_id", Set.of("model_max_budget"));
            update.setIfSent("max_budget", request.maxBudget);
            update.setIfSent("soft_budget", request.softBudget);
            update.setIfSent("max_parallel_requests", request.maxParallelRequests);
            update.setIfSent("tpm_limit", request.tpmLimit);
            update.setIfSent("rpm_limit", request.rpmLimit);
            BudgetReset.setIfSent(update, request.budgetDuration, clock.instant());
            // Sent with a duration, an explicit reset time wins over the computed one, as on create.
            update.setIfSent("budget_reset_at", storable(request.budgetResetAt));
            if (request.modelMaxBudget != null) {
                update.set("model_max_budget", request.modelMaxBudget.map(json::write).orElse(null));
            }
            BudgetRow after = update.execute(handle, before.budgetId(), caller.actorId(), BudgetRow.class);
            BudgetView view = BudgetView.of(after, json);
            audit.record(handle, caller, "budget.update", AUDIT_TYPE, after.budgetId(), null,
                    BudgetView.of(before, json), view);
            return view;
        });
    }

    /**
     * A tier still in use is not deleted: 400 naming (some of) its keys and organizations, nothing
     * changed. LiteLLM fails on its foreign key; here the same key decides a race with a key or
     * organization given the tier meanwhile (they hold the tier's row: {@link BudgetDao#findForShare}).
     */
    public BudgetView delete(Caller caller, BudgetRequests.Delete request) {
        return jdbi.inTransaction(handle -> {
            BudgetDao budgets = handle.attach(BudgetDao.class);
            BudgetRow before = budgets.findForUpdate(request.id()).orElseThrow(() -> notFound(request.id(), "id"));
            policy.checkBudgets(caller, Action.BUDGET_MANAGE);
            List<String> users = budgets.users(before.budgetId(), USERS_NAMED);
            if (!users.isEmpty()) {
                throw ApiException.badRequest("Budget '" + before.budgetId() + "' is still used by "
                        + String.join(", ", users) + (users.size() == USERS_NAMED ? ", ..." : "")
                        + ": give them another budget_id (or none) first", "id");
            }
            budgets.delete(before.budgetId());
            BudgetView view = BudgetView.of(before, json);
            audit.record(handle, caller, "budget.delete", AUDIT_TYPE, before.budgetId(), null, view, null);
            return view;
        });
    }

    /** The named tiers; one that does not exist is 404 for everyone, naming it. */
    public List<BudgetView> info(Caller caller, BudgetRequests.Info request) {
        if (request.budgets().isEmpty()) {
            throw ApiException.badRequest("Name the budgets to read in budgets", "budgets");
        }
        Set<String> named = new LinkedHashSet<>(request.budgets());
        List<BudgetRow> found = jdbi.withExtension(BudgetDao.class, budgets -> budgets.findAll(named));
        found.forEach(row -> named.remove(row.budgetId()));
        if (!named.isEmpty()) {
            throw notFound(named.iterator().next(), "budgets");
        }
        policy.checkBudgets(caller, Action.BUDGET_READ);
        return found.stream().map(row -> BudgetView.of(row, json)).toList();
    }

    public List<BudgetView> list(Caller caller) {
        policy.checkBudgets(caller, Action.BUDGET_READ);
        return jdbi.withExtension(BudgetDao.class, BudgetDao::list).stream().map(row -> BudgetView.of(row, json))
                .toList();
    }

    /**
     * The tier a key or organization is given, held until the giving transaction commits (so it cannot
     * be deleted under it); 404 naming it when it does not exist.
     */
    public static BudgetRow held(Handle handle, String budgetId) {
        return handle.attach(BudgetDao.class).findForShare(budgetId)
                .orElseThrow(() -> notFound(budgetId, "budget_id"));
    }

    /** The row of the tier {@code budgetId} as answers show it; null without a tier. */
    public static BudgetView view(Handle handle, String budgetId, JsonColumns json) {
        return budgetId == null ? null
                : handle.attach(BudgetDao.class).find(budgetId).map(row -> BudgetView.of(row, json)).orElse(null);
    }

    /**
     * What an object with {@code own} limits and the tier {@code budgetId} (null: none) is held to: its
     * own limits, the tier's where its own are null. The limits that flow downwards are checked on this.
     */
    public static Limits withTier(Handle handle, String budgetId, Limits own) {
        if (budgetId == null) {
            return own;
        }
        return handle.attach(BudgetDao.class).find(budgetId)
                .map(tier -> new Limits(own.models(), firstSet(own.maxBudget(), tier.maxBudget()),
                        firstSet(own.tpmLimit(), tier.tpmLimit()), firstSet(own.rpmLimit(), tier.rpmLimit())))
                .orElse(own);
    }

    private static <T> T firstSet(T own, T tier) {
        return own != null ? own : tier;
    }

    private static ApiException notFound(String budgetId, String param) {
        return ApiException.notFound("Budget not found: " + budgetId, param);
    }

    /** A sent {@code budget_reset_at} Postgres can store (years 1 to 9999), else 400; null when absent. */
    private static Optional<Instant> storable(Optional<Instant> resetAt) {
        if (resetAt == null || resetAt.isEmpty()) {
            return resetAt;
        }
        ZonedDateTime at = resetAt.get().atZone(ZoneOffset.UTC);
        if (at.getYear() < 1) {
            throw ApiException.badRequest("budget_reset_at '" + resetAt.get() + "' is before the year 1",
                    "budget_reset_at");
        }
        return Optional.of(Durations.requireStorable(at, resetAt.get().toString(), "budget_reset_at"));
    }

    /** A create request's field: absent and null alike are unset. */
    private static <T> T sent(Optional<T> value) {
        return value == null ? null : value.orElse(null);
    }
}
