package dev.keygate.web;

import java.util.Locale;
import java.util.Map;

/**
 * A list's {@code sort_by} and {@code sort_order}, LiteLLM's names: a column from the route's
 * whitelist (only whitelisted names ever reach SQL) and a direction, 400 naming the parameter otherwise.
 */
public record SortOrder(String column, boolean descending) {

    /**
     * {@code columns} maps each accepted sort_by value to its column; absent values take
     * {@code defaultSortBy} and the route's default direction.
     */
    public static SortOrder parse(Map<String, String> columns, String defaultSortBy, boolean descendingByDefault,
                                  String sortBy, String sortOrder) {
        String column = columns.get(sortBy == null ? defaultSortBy : sortBy);
        if (column == null) {
            throw ApiException.badRequest("sort_by must be one of " + columns.keySet().stream().sorted().toList(),
                    "sort_by");
        }
        if (sortOrder == null) {
            return new SortOrder(column, descendingByDefault);
        }
        String direction = sortOrder.toLowerCase(Locale.ROOT);
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw ApiException.badRequest("sort_order must be asc or desc", "sort_order");
        }
        return new SortOrder(column, direction.equals("desc"));
    }
}
