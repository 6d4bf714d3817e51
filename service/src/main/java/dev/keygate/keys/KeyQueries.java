package dev.keygate.keys;

import dev.keygate.auth.Caller;
import dev.keygate.db.JsonColumns;
import dev.keygate.policy.Action;
import dev.keygate.policy.Policy;
import dev.keygate.policy.Visibility;
import dev.keygate.web.ApiException;
import dev.keygate.web.Paging;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Reading keys: one by its name, or a page of those the caller may read. */
public final class KeyQueries {

    /** sort_by values and the column each orders by; anything else is rejected. */
    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "created_at", "k.created_at", "updated_at", "k.updated_at", "key_alias", "k.key_alias",
            "spend", "k.spend", "expires", "k.expires", "max_budget", "k.max_budget");

    private final Jdbi jdbi;
    private final Policy policy;
    private final JsonColumns json;

    public KeyQueries(Jdbi jdbi, Policy policy, JsonColumns json) {
        this.jdbi = jdbi;
        this.policy = policy;
        this.json = json;
    }

    public KeyInfoResponse info(Caller caller, String key) {
        String token = key == null ? KeyLookup.ownToken(caller, "key") : KeyLookup.tokenOf(key, "key");
        return jdbi.inTransaction(handle -> {
            KeyRow row = handle.attach(KeyDao.class).find(token)
                    .orElseThrow(() -> ApiException.notFound("Key not found", "key"));
            policy.checkKey(caller, Action.KEY_READ, KeyLookup.targetOf(handle, row));
            return new KeyInfoResponse(row.token(), KeyView.of(row, json));
        });
    }

    /** Filters are null when absent. */
    public record ListRequest(Integer page, Integer size, String userId, String teamId, String organizationId,
                              String keyAlias, String keyHash, Boolean includeTeamKeys, boolean returnFullObject,
                              String sortBy, String sortOrder) {}

    public KeyListResponse list(Caller caller, ListRequest request) {
        Paging paging = Paging.of(request.page(), request.size(), 10, "size");
        String order = orderBy(request.sortBy(), request.sortOrder());
        Visibility visibility = policy.keyVisibility(caller);
        KeyListQuery query = new KeyListQuery(visibility.all(), visibility.ownKeyToken(), visibility.userId(),
                List.copyOf(visibility.adminOrganizations()), List.copyOf(visibility.adminTeams()),
                List.copyOf(visibility.memberTeams()), Action.KEY_READ.route(),
                Boolean.FALSE.equals(request.includeTeamKeys()), request.userId(), request.teamId(),
                request.organizationId(), request.keyAlias(),
                request.keyHash() == null ? null : KeyLookup.tokenOf(request.keyHash(), "key_hash"));
        return jdbi.withExtension(KeyDao.class, keys -> {
            long total = keys.count(query);
            List<KeyRow> rows = keys.list(query, order, paging.size(), paging.offset());
            List<Object> items = rows.stream()
                    .map(row -> request.returnFullObject() ? (Object) KeyView.of(row, json) : row.token())
                    .toList();
            return new KeyListResponse(items, total, paging.page(), paging.totalPages(total));
        });
    }

    private static String orderBy(String sortBy, String sortOrder) {
        String column = SORT_COLUMNS.get(sortBy == null ? "created_at" : sortBy);
        if (column == null) {
            throw ApiException.badRequest("sort_by must be one of " + SORT_COLUMNS.keySet().stream().sorted().toList(),
                    "sort_by");
        }
        String direction = sortOrder == null ? "desc" : sortOrder.toLowerCase(java.util.Locale.ROOT);
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw ApiException.badRequest("sort_order must be asc or desc", "sort_order");
        }
        return column + " " + direction + " NULLS LAST";
    }
}
