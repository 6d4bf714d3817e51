package dev.keygate.keys;

import dev.keygate.policy.Visibility;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@link KeyListQuery} as SQL that indexes serve at a million keys, whatever the caller.
 *
 * <p>The caller's visibility becomes only the predicates that apply, one branch per way in (the
 * key used, each administered organization, each administered team, the caller's own keys), each
 * served by an index already in the default order; several branches are a UNION ALL of disjoint
 * parts, never a row-by-row OR over the table. The page is chosen on (sort column, token) alone and only its rows
 * are then read (a deferred join). Values are always bound parameters; only the whitelisted order
 * and the branch shapes are part of the SQL text.
 */
final class KeyListSql {

    private final KeyOrder order;
    /** keys, or deleted_keys for status=deleted: the same columns and indexes (V6). */
    private final String table;
    /** The table's exact count per creation day: key_days, or deleted_key_days. */
    private final String days;
    private final List<String> branches = new ArrayList<>();
    private final List<String> filters = new ArrayList<>();
    private final Map<String, Object> params = new HashMap<>();

    KeyListSql(KeyListQuery query) {
        this.order = query.order();
        this.table = query.deleted() ? "deleted_keys" : "keys";
        this.days = query.deleted() ? "deleted_key_days" : "key_days";
        addBranches(query.visibility(), query.readRoute());
        if (query.onlyOwn()) {
            addOnlyOwnFilter(query.visibility());
        }
        addFilter("user_id", "userId", query.userId());
        addFilter("team_id", "teamId", query.teamId());
        addFilter("organization_id", "organizationId", query.organizationId());
        addFilter("key_alias", "keyAlias", query.keyAlias());
        addFilter("token", "keyHash", query.keyHash());
        if (query.aliasContains() != null) {
            // The text is matched literally: LIKE's wildcards in it are escaped, with '!' (Jdbi's
            // statement parser reads a backslash inside quotes as an escape).
            filters.add("key_alias ILIKE :aliasContains ESCAPE '!'");
            params.put("aliasContains", "%" + query.aliasContains().replaceAll("([!%_])", "!$1") + "%");
        }
    }

    /** Whether this lists deleted keys (their rows carry deleted_at and deleted_by too). */
    boolean deleted() {
        return table.equals("deleted_keys");
    }

    /** The rows of one page, in order. */
    String pageSql() {
        return "SELECT k.* FROM " + table + " k JOIN (" + pageTokensSql() + ") page ON page.token = k.token ORDER BY "
                + order.sql("k.");
    }

    Map<String, Object> pageParams(long offset, int limit) {
        Map<String, Object> bound = new HashMap<>(params);
        bound.put("offset", offset);
        bound.put("limit", limit);
        if (branches.size() > 1) {
            bound.put("window", offset + limit);
        }
        return bound;
    }

    /** How many keys the caller may see through the filters: exact. */
    String countSql() {
        if (isWholeTable()) {
            return "SELECT coalesce(sum(keys), 0)::bigint FROM " + days;
        }
        if (branches.size() == 1) {
            return "SELECT count(*) FROM " + table + where(branches.get(0));
        }
        return "SELECT count(*) FROM (" + branches.stream()
                .map(branch -> "SELECT FROM " + table + where(branch))
                .collect(Collectors.joining(" UNION ALL ")) + ") visible";
    }

    Map<String, Object> countParams() {
        return Map.copyOf(params);
    }

    /** The tokens of one page, in order: all a list without full objects needs, read from indexes alone. */
    String pageTokensSql() {
        if (isWholeTable() && order.byCreation()) {
            return fromDayOfPageSql();
        }
        String ordered = " ORDER BY " + order.sql("");
        if (branches.size() == 1) {
            return "SELECT token FROM " + table + where(branches.get(0)) + ordered + " LIMIT :limit OFFSET :offset";
        }
        // Each branch stops after the rows any page up to this one can use.
        String union = branches.stream()
                .map(branch -> "(SELECT token, " + order.column() + " FROM " + table + where(branch) + ordered
                        + " LIMIT :window)")
                .collect(Collectors.joining(" UNION ALL "));
        return "SELECT token FROM (" + union + ") visible" + ordered + " LIMIT :limit OFFSET :offset";
    }

    /**
     * Every key in creation order: start at the day holding the page's first key (key_days's
     * running sum), so the index skips at most one day's keys, not every key before the page.
     * Past the last key the day is NULL and the page empty.
     */
    private String fromDayOfPageSql() {
        String direction = order.descending() ? "DESC" : "ASC";
        String bound = order.descending()
                ? "created_at < (SELECT to_timestamp((day + 1) * 86400) FROM page_day)"
                : "created_at >= (SELECT to_timestamp(day * 86400) FROM page_day)";
        return "WITH page_day AS (SELECT day, before FROM ("
                + "SELECT day, keys, (sum(keys) OVER (ORDER BY day " + direction + ") - keys)::bigint AS before FROM "
                + days + ") d"
                + " WHERE before + keys > :offset ORDER BY day " + direction + " LIMIT 1)"
                + " SELECT token FROM " + table + " WHERE " + bound + " ORDER BY " + order.sql("")
                + " LIMIT :limit OFFSET (SELECT :offset - before FROM page_day)";
    }

    private boolean isWholeTable() {
        return branches.equals(List.of("TRUE")) && filters.isEmpty();
    }

    /**
     * Disjoint branches: each leaves out what an earlier one already holds, so together they are a
     * UNION ALL, merged in index order and counted by adding, instead of a UNION that must hash every
     * visible token. The big branches come first and need no exclusion of their own.
     */
    private void addBranches(Visibility visibility, String readRoute) {
        if (visibility.all()) {
            branches.add("TRUE");
            return;
        }
        List<String> earlier = new ArrayList<>();
        addBranchPerValue("organization_id", "adminOrganization", visibility.adminOrganizations(), earlier);
        addBranchPerValue("team_id", "adminTeam", visibility.adminTeams(), earlier);
        if (visibility.userId() != null) {
            String ownKeys = ownKeysPredicate(visibility, readRoute);
            addBranch(ownKeys, earlier);
            earlier.add(ownKeys);
        }
        if (visibility.ownKeyToken() != null) {
            params.put("ownKeyToken", visibility.ownKeyToken());
            addBranch("token = :ownKeyToken", earlier);
        }
        if (branches.isEmpty()) {
            branches.add("FALSE");
        }
    }

    /** Personal keys, and keys in the caller's teams whose member permissions grant reading. */
    private String ownKeysPredicate(Visibility visibility, String readRoute) {
        params.put("callerUserId", visibility.userId());
        if (visibility.memberTeams().isEmpty()) {
            return "user_id = :callerUserId AND team_id IS NULL";
        }
        params.put("memberTeams", visibility.memberTeams().stream().sorted().toArray(String[]::new));
        params.put("readRoute", readRoute);
        return "user_id = :callerUserId AND (team_id IS NULL OR team_id IN (SELECT team_id FROM teams"
                + " WHERE team_id = ANY(:memberTeams) AND :readRoute = ANY(team_member_permissions)))";
    }

    /**
     * One branch per value, each an equality that the (column, created_at, token) index serves in
     * order; the values are distinct, so these branches are disjoint among themselves.
     */
    private void addBranchPerValue(String column, String paramPrefix, Set<String> values, List<String> earlier) {
        if (values.isEmpty()) {
            return;
        }
        List<String> sorted = values.stream().sorted().toList();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            String param = ":" + paramPrefix + i;
            params.put(paramPrefix + i, sorted.get(i));
            addBranch(column + " = " + param, earlier);
            names.add(param);
        }
        earlier.add(column + " IN (" + String.join(", ", names) + ")");
    }

    private void addBranch(String predicate, List<String> earlier) {
        StringBuilder branch = new StringBuilder(predicate);
        for (String covered : earlier) {
            // coalesce: a NULL column (no team, no organization) is not covered, so it stays.
            branch.append(" AND NOT coalesce((").append(covered).append("), false)");
        }
        branches.add(branch.toString());
    }

    /** include_team_keys=false: the caller's own keys and the key used; nothing for a caller with neither. */
    private void addOnlyOwnFilter(Visibility visibility) {
        List<String> own = new ArrayList<>();
        if (visibility.userId() != null) {
            own.add("user_id = :onlyOwnUserId");
            params.put("onlyOwnUserId", visibility.userId());
        }
        if (visibility.ownKeyToken() != null) {
            own.add("token = :onlyOwnToken");
            params.put("onlyOwnToken", visibility.ownKeyToken());
        }
        filters.add(own.isEmpty() ? "FALSE" : "(" + String.join(" OR ", own) + ")");
    }

    private void addFilter(String column, String param, String value) {
        if (value != null) {
            filters.add(column + " = :" + param);
            params.put(param, value);
        }
    }

    private String where(String branch) {
        List<String> predicates = new ArrayList<>();
        if (!branch.equals("TRUE")) {
            predicates.add(branch);
        }
        predicates.addAll(filters);
        return predicates.isEmpty() ? "" : " WHERE " + String.join(" AND ", predicates);
    }
}
