package dev.keygate.keys;

import dev.keygate.auth.Caller;
import dev.keygate.budgets.BudgetService;
import dev.keygate.db.JsonColumns;
import dev.keygate.policy.Action;
import dev.keygate.policy.Policy;
import dev.keygate.policy.Targets;
import dev.keygate.policy.Visibility;
import dev.keygate.web.ApiException;
import dev.keygate.web.Paging;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Reading keys: one by its name, or a page of those the caller may read. */
public final class KeyQueries {

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
            return new KeyInfoResponse(row.token(), KeyView.of(row, BudgetService.view(handle, row.budgetId(), json), json));
        });
    }

    /**
     * Several keys at once, all or nothing as /key/info decides each: every named key is found first
     * (404 on a missing one, before any is authorized), then each must be readable (403). So the
     * answer tells no more than /key/info on each key would, and never which key of the list failed.
     */
    public KeyInfoManyResponse infoMany(Caller caller, KeysRequest request) {
        return jdbi.inTransaction(handle -> {
            List<KeyRow> rows = KeyLookup.findAll(handle, request, "read");
            for (KeyRow row : rows) {
                policy.checkKey(caller, Action.KEY_READ, KeyLookup.targetOf(handle, row));
            }
            return new KeyInfoManyResponse(rows.stream().map(KeyRow::token).toList(),
                    rows.stream().map(row -> KeyView.of(row, BudgetService.view(handle, row.budgetId(), json), json))
                            .toList());
        });
    }

    /**
     * LiteLLM's /key/health, about the calling key. Authentication already refused a key that is
     * unknown, expired or blocked (401), so a key that gets here is healthy; Keygate runs no
     * logging callbacks, so there are none to report. The master key and a token sign-in have no key
     * record and are healthy.
     */
    public KeyHealthResponse health(Caller caller) {
        if (caller.keyToken() == null) {
            // Nothing to read but what authentication already checked. Asking the policy about an
            // empty key refused every token but an admin's (a user's token owns no such key).
            return KeyHealthResponse.HEALTHY;
        }
        Targets.Key target = jdbi.withHandle(handle -> KeyLookup.targetOf(handle, handle.attach(KeyDao.class)
                .find(caller.keyToken()).orElseThrow(() -> ApiException.notFound("Key not found", "key"))));
        policy.checkKey(caller, Action.KEY_HEALTH, target);
        return KeyHealthResponse.HEALTHY;
    }

    /** Filters are null when absent. {@code status}: null for the live keys, {@code "deleted"} for the deleted ones. */
    public record ListRequest(Integer page, Integer size, String userId, String teamId, String organizationId,
                              String keyAlias, String keyHash, Boolean includeTeamKeys, boolean returnFullObject,
                              String sortBy, String sortOrder, String status) {

        /** LiteLLM's only status: the keys /key/delete removed (deleted_keys), listed under the same rules. */
        boolean deleted() {
            if (status != null && !status.equals("deleted")) {
                throw ApiException.badRequest("Unknown status " + status + "; only deleted is supported", "status");
            }
            return status != null;
        }
    }

    /** A page of the keys the caller may read, with the exact total_count. */
    public KeyListResponse list(Caller caller, ListRequest request) {
        Paging paging = Paging.of(request.page(), request.size(), 10, "size");
        KeyListSql sql = new KeyListSql(query(caller, request, KeyOrder.parse(request.sortBy(), request.sortOrder())));
        return jdbi.withHandle(handle -> {
            long total = handle.createQuery(sql.countSql()).bindMap(sql.countParams()).mapTo(Long.class).one();
            return new KeyListResponse(page(handle, sql, paging, request.returnFullObject()), total, paging.page(),
                    paging.totalPages(total));
        });
    }

    /**
     * The oldest {@link Paging#MAX_SIZE} keys of a user or a team (either may be null) that the caller
     * may read: the keys shown inside /team/info and /user/info. No count, so a team of 100,000 keys
     * costs one short index scan.
     */
    public List<Object> oldestVisible(Caller caller, String userId, String teamId) {
        KeyListSql sql = new KeyListSql(query(caller,
                new ListRequest(null, null, userId, teamId, null, null, null, null, true, null, null, null),
                KeyOrder.OLDEST_FIRST));
        return jdbi.withHandle(handle -> page(handle, sql, new Paging(1, Paging.MAX_SIZE), true));
    }

    /**
     * GET /key/aliases: a page of the aliases of the keys the caller may read (as /key/list would
     * list them), those holding {@code search} when given, in alias order, with the exact total.
     */
    public KeyAliasesResponse aliases(Caller caller, Integer page, Integer size, String search) {
        Paging paging = Paging.of(page, size, 50, "size");
        ListRequest all = new ListRequest(null, null, null, null, null, null, null, null, true, null, null, null);
        // No search still matches on "": a key without an alias has none to list.
        KeyListSql sql = new KeyListSql(query(caller, all, search == null ? "" : search, KeyOrder.BY_ALIAS));
        return jdbi.withHandle(handle -> {
            long total = handle.createQuery(sql.countSql()).bindMap(sql.countParams()).mapTo(Long.class).one();
            List<String> aliases = handle.createQuery(sql.pageSql())
                    .bindMap(sql.pageParams(paging.offset(), paging.size()))
                    .mapTo(KeyRow.class)
                    .map(KeyRow::keyAlias)
                    .list();
            return new KeyAliasesResponse(aliases, total, paging.page(), paging.totalPages(total), paging.size());
        });
    }

    private KeyListQuery query(Caller caller, ListRequest request, KeyOrder order) {
        return query(caller, request, null, order);
    }

    private KeyListQuery query(Caller caller, ListRequest request, String aliasContains, KeyOrder order) {
        boolean deleted = request.deleted();
        Visibility visibility = policy.keyVisibility(caller);
        return new KeyListQuery(deleted, visibility, Action.KEY_READ.route(), Boolean.FALSE.equals(request.includeTeamKeys()),
                request.userId(), request.teamId(), request.organizationId(), request.keyAlias(),
                request.keyHash() == null ? null : KeyLookup.tokenOf(request.keyHash(), "key_hash"), aliasContains,
                order);
    }

    private List<Object> page(Handle handle, KeyListSql sql, Paging paging, boolean fullObjects) {
        if (!fullObjects) {
            return List.copyOf(handle.createQuery(sql.pageTokensSql())
                    .bindMap(sql.pageParams(paging.offset(), paging.size()))
                    .mapTo(String.class)
                    .list());
        }
        if (sql.deleted()) {
            return handle.createQuery(sql.pageSql())
                    .bindMap(sql.pageParams(paging.offset(), paging.size()))
                    .map((rs, ctx) -> (Object) new DeletedKeyView(
                            KeyView.of(ctx.findRowMapperFor(KeyRow.class).orElseThrow().map(rs, ctx), json),
                            rs.getObject("deleted_at", java.time.OffsetDateTime.class).toInstant(),
                            rs.getString("deleted_by")))
                    .list();
        }
        return handle.createQuery(sql.pageSql())
                .bindMap(sql.pageParams(paging.offset(), paging.size()))
                .mapTo(KeyRow.class)
                .stream()
                .<Object>map(row -> KeyView.of(row, json))
                .toList();
    }
}
