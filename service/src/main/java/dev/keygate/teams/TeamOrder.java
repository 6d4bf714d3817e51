package dev.keygate.teams;

import dev.keygate.web.SortOrder;
import java.util.Map;

/**
 * The order of {@code /v2/team/list}: a whitelisted column (LiteLLM's sort_by values), then the team
 * id, both in the asked direction, so pages never overlap. NULL aliases sort as Postgres sorts them.
 */
record TeamOrder(String column, boolean descending) {

    /** sort_by values and the column each orders by; anything else is rejected. */
    private static final Map<String, String> COLUMNS = Map.of(
            "team_id", "team_id", "team_alias", "team_alias", "created_at", "created_at");

    static TeamOrder parse(String sortBy, String sortOrder) {
        SortOrder order = SortOrder.parse(COLUMNS, "created_at", false, sortBy, sortOrder);
        return new TeamOrder(order.column(), order.descending());
    }

    /** The ORDER BY list: only whitelisted column names reach the SQL. */
    String sql() {
        String direction = descending ? " DESC" : " ASC";
        return column + direction + ", team_id" + direction;
    }
}
