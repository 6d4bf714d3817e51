package dev.keygate.teams;

import dev.keygate.web.ApiException;
import java.util.Locale;
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
        String column = COLUMNS.get(sortBy == null ? "created_at" : sortBy);
        if (column == null) {
            throw ApiException.badRequest("sort_by must be one of " + COLUMNS.keySet().stream().sorted().toList(),
                    "sort_by");
        }
        String direction = sortOrder == null ? "asc" : sortOrder.toLowerCase(Locale.ROOT);
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw ApiException.badRequest("sort_order must be asc or desc", "sort_order");
        }
        return new TeamOrder(column, direction.equals("desc"));
    }

    /** The ORDER BY list: only whitelisted column names reach the SQL. */
    String sql() {
        String direction = descending ? " DESC" : " ASC";
        return column + direction + ", team_id" + direction;
    }
}
