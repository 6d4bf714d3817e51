package dev.keygate.keys;

import dev.keygate.web.SortOrder;
import java.util.Map;

/**
 * The order of a key list: a whitelisted column, then the token, both in the asked direction, so
 * that one index on (column, token) serves both directions. NULLs sort as Postgres sorts them (and
 * LiteLLM, on Postgres): last ascending, first descending.
 */
record KeyOrder(String column, boolean descending) {

    /** sort_by values and the column each orders by; anything else is rejected. */
    private static final Map<String, String> COLUMNS = Map.of(
            "created_at", "created_at", "updated_at", "updated_at", "key_alias", "key_alias",
            "spend", "spend", "expires", "expires", "max_budget", "max_budget");

    static final KeyOrder OLDEST_FIRST = new KeyOrder("created_at", false);
    static final KeyOrder BY_ALIAS = new KeyOrder("key_alias", false);

    static KeyOrder parse(String sortBy, String sortOrder) {
        SortOrder order = SortOrder.parse(COLUMNS, "created_at", true, sortBy, sortOrder);
        return new KeyOrder(order.column(), order.descending());
    }

    boolean byCreation() {
        return column.equals("created_at");
    }

    /** The ORDER BY list, its columns qualified with {@code alias} (may be empty). */
    String sql(String alias) {
        String direction = descending ? " DESC" : " ASC";
        return alias + column + direction + ", " + alias + "token" + direction;
    }
}
