package dev.keygate.limits;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /tasks/budget-reset} on the admin port: runs a budget reset round now, instead of at
 * the job's next tick (after a clock change, or in tests). Prints how many budgets were reset; 0
 * also when another instance is running a round at this moment.
 */
public final class BudgetResetTask extends Task {

    private final BudgetResetJob job;

    public BudgetResetTask(BudgetResetJob job) {
        super("budget-reset");
        this.job = job;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        output.println(job.runOnce());
    }
}
