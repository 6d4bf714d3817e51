package dev.keygate.keys;

import dev.keygate.audit.AuditLog;
import dev.keygate.auth.Caller;
import dev.keygate.auth.Secrets;
import dev.keygate.budgets.BudgetService;
import dev.keygate.compat.LiteLlmMetadataFields;
import dev.keygate.db.JsonColumns;
import dev.keygate.db.LockOrder;
import dev.keygate.db.RowUpdate;
import dev.keygate.limits.BudgetReset;
import dev.keygate.limits.Limits;
import dev.keygate.policy.Action;
import dev.keygate.policy.Policy;
import dev.keygate.policy.Targets;
import dev.keygate.teams.TeamDao;
import dev.keygate.teams.TeamRow;
import dev.keygate.web.ApiException;
import dev.keygate.web.Durations;
import dev.keygate.web.InputLimits;
import dev.keygate.web.Inputs;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Changing existing keys: update, regenerate, block, unblock, delete. Same order everywhere: lock
 * the key (404), ask the policy (403), validate (400), act, audit, all in one transaction.
 */
public final class KeyChanges {

    private static final Set<String> JSON_COLUMNS =
            Set.of("metadata", "model_max_budget", "model_rpm_limit", "model_tpm_limit", "permissions", "aliases");

    private final Jdbi jdbi;
    private final Policy policy;
    private final JsonColumns json;
    private final AuditLog audit;
    private final Clock clock;

    public KeyChanges(Jdbi jdbi, Policy policy, JsonColumns json, AuditLog audit, Clock clock) {
        this.jdbi = jdbi;
        this.policy = policy;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    public KeyView update(Caller caller, KeyChangeRequest request, String aliasToFind) {
        if (request.gracePeriod != null || request.newKey != null || request.newKeyAlias != null) {
            throw ApiException.badRequest("grace_period, new_key and new_key_alias belong to /key/regenerate",
                    "grace_period");
        }
        return jdbi.inTransaction(handle -> {
            RowUpdate update = changesOf(request, request.keyAlias, clock.instant());
            KeyRow before = lockChecked(handle, caller, Action.KEY_UPDATE, request, aliasToFind, update);
            KeyRow after = apply(handle, caller, before, withMetadata(update, request, before));
            return audited(handle, caller, "key.update", before, after);
        });
    }

    /**
     * Each item exactly as /key/update, in its own transaction, as LiteLLM processes them: one item
     * refused (by the policy, validation or a missing key) leaves the others applied and is listed
     * with its reason and status, changing nothing of its own.
     */
    public BulkUpdateKeysResponse bulkUpdate(Caller caller, BulkUpdateKeysRequest request) {
        List<KeyChangeRequest> items = Inputs.listOrEmpty(request.keys());
        if (items.isEmpty()) {
            throw ApiException.badRequest("Name the keys to update in keys", "keys");
        }
        if (items.size() > BulkUpdateKeysRequest.MAX_KEYS) {
            throw ApiException.badRequest("At most " + BulkUpdateKeysRequest.MAX_KEYS + " keys per request", "keys");
        }
        List<BulkUpdateKeysResponse.Updated> updated = new ArrayList<>();
        List<BulkUpdateKeysResponse.Failed> failed = new ArrayList<>();
        for (KeyChangeRequest item : items) {
            String named = item.key == null || !item.key.startsWith(Secrets.KEY_PREFIX) ? item.key
                    : Secrets.sha256Hex(item.key);
            try {
                updated.add(new BulkUpdateKeysResponse.Updated(named, update(caller, item, null)));
            } catch (ApiException refused) {
                failed.add(new BulkUpdateKeysResponse.Failed(named, null, refused.getMessage(),
                        String.valueOf(refused.status())));
            }
        }
        return new BulkUpdateKeysResponse(items.size(), updated, failed);
    }

    public GeneratedKeyResponse regenerate(Caller caller, KeyChangeRequest request) {
        return jdbi.inTransaction(handle -> {
            Optional<String> alias = request.newKeyAlias != null ? Optional.of(request.newKeyAlias) : request.keyAlias;
            Instant now = clock.instant();
            RowUpdate update = changesOf(request, alias, now);
            KeyRow before = lockChecked(handle, caller, Action.KEY_REGENERATE, request, null, update);

            Instant graceEnd = request.gracePeriod == null ? now
                    : Durations.after(request.gracePeriod, now, "grace_period");
            String cleartext = request.newKey != null ? KeyService.requireCustomKey(request.newKey)
                    : KeyService.newKey();
            String newToken = Secrets.sha256Hex(cleartext);
            KeyDao keys = handle.attach(KeyDao.class);
            if (keys.tokenExists(newToken)) {
                throw ApiException.badRequest("This key already exists; choose another", "new_key");
            }
            KeyRow changed = apply(handle, caller, before, withMetadata(update, request, before));
            KeyRow after = keys.replaceToken(changed.token(), newToken, Secrets.mask(cleartext), caller.actorId());
            keys.deleteExpiredGraceTokens(now);
            if (graceEnd.isAfter(now)) {
                keys.addGraceToken(before.token(), newToken, graceEnd);
            }
            KeyView view = audited(handle, caller, "key.regenerate", before, after);
            return new GeneratedKeyResponse(cleartext, view);
        });
    }

    /**
     * Locks the key a change names together with where the change moves it (LockOrder), then decides:
     * 404 for the key, then for a team, user or organization it moves to; 403 from the policy (a move
     * takes {@link Policy#checkKeyMove}: allowed where the key is and, as /key/generate, where it goes);
     * 400 for a destination that contradicts itself (the organization not the team's, the key's user
     * not a member of its new team or organization). The moved columns are added to {@code update};
     * the limits are checked against the new place once the row is written ({@link #apply}).
     */
    private KeyRow lockChecked(Handle handle, Caller caller, Action action, KeyChangeRequest request,
                               String aliasToFind, RowUpdate update) {
        KeyRow found = KeyLookup.findNamed(handle, request.key, aliasToFind, "key");
        KeyLookup.Place destination = destinationOf(handle, request, found);
        KeyRow before = KeyLookup.lock(handle, List.of(found), "key", destination).get(0);
        Targets.Key target = KeyLookup.targetOf(handle, before);
        // organization_id naming another organization beside the key's team is checked as a move (400).
        boolean stays = destination.equals(KeyLookup.Place.of(before))
                && !Inputs.changes(request.organizationId, before.organizationId());
        if (stays) {
            policy.checkKeyFields(caller, action, target, fieldsOf(update));
            return before;
        }
        KeyPlacement place = KeyPlacement.load(handle, destination.userId(), destination.teamId(),
                destination.organizationId());
        // The destination team's organization was read before the team was held.
        LockOrder.requireUnmoved(destination.organizationId(), place.organizationId());
        setIfMoved(update, "team_id", before.teamId(), place.teamId());
        setIfMoved(update, "user_id", before.userId(), destination.userId());
        setIfMoved(update, "organization_id", before.organizationId(), place.organizationId());
        policy.checkKeyMove(caller, action, target, place.target(before.token()), fieldsOf(update));
        place.requireConsistent(handle, request.organizationId == null ? null : request.organizationId.orElse(null),
                true);
        return before;
    }

    /**
     * Where a change puts the key: the team, user and organization it names (null to leave), else where
     * it is. The organization follows the team: a team's (read here, before anything is held), else the
     * one named, else the key's own.
     */
    private static KeyLookup.Place destinationOf(Handle handle, KeyChangeRequest request, KeyRow key) {
        String teamId = request.teamId == null ? key.teamId() : request.teamId.orElse(null);
        String userId = request.userId == null ? key.userId() : request.userId.orElse(null);
        String organizationId;
        if (teamId != null) {
            organizationId = teamId.equals(key.teamId()) ? key.organizationId()
                    : handle.attach(TeamDao.class).find(teamId).map(TeamRow::organizationId).orElse(null);
        } else {
            organizationId = request.organizationId == null ? key.organizationId() : request.organizationId.orElse(null);
        }
        return new KeyLookup.Place(organizationId, teamId, userId);
    }

    private static void setIfMoved(RowUpdate update, String column, String from, String to) {
        if (!Objects.equals(from, to)) {
            update.set(column, to);
        }
    }

    public KeyView setBlocked(Caller caller, String key, boolean blocked) {
        if (key == null || key.isBlank()) {
            throw ApiException.badRequest("Name the key in key", "key");
        }
        return jdbi.inTransaction(handle -> {
            KeyRow before = KeyLookup.lockNamed(handle, key, null, "key");
            policy.checkKey(caller, blocked ? Action.KEY_BLOCK : Action.KEY_UNBLOCK, KeyLookup.targetOf(handle, before));
            KeyRow after = new RowUpdate("keys", "token", JSON_COLUMNS).set("blocked", blocked)
                    .execute(handle, before.token(), caller.actorId(), KeyRow.class);
            return audited(handle, caller, blocked ? "key.block" : "key.unblock", before, after);
        });
    }

    /**
     * Sets a key's spend back to {@code resetTo}, at most what it has spent (and its budget), as
     * LiteLLM's reset_spend: only an admin of the key may (the policy), since an owner lowering their
     * own spend would lift their own budget.
     */
    public ResetSpendResponse resetSpend(Caller caller, String key, BigDecimal resetTo) {
        return jdbi.inTransaction(handle -> {
            KeyRow before = KeyLookup.lockNamed(handle, key, null, "key");
            policy.checkKey(caller, Action.KEY_RESET_SPEND, KeyLookup.targetOf(handle, before));
            BigDecimal spend = before.spend() == null ? BigDecimal.ZERO : before.spend();
            if (resetTo.signum() < 0) {
                throw ApiException.badRequest("reset_to must be >= 0", "reset_to");
            }
            if (resetTo.compareTo(spend) > 0) {
                throw ApiException.badRequest("reset_to (" + resetTo.toPlainString() + ") must be <= the current spend ("
                        + spend.toPlainString() + ")", "reset_to");
            }
            if (before.maxBudget() != null && resetTo.compareTo(before.maxBudget()) > 0) {
                throw ApiException.badRequest("reset_to (" + resetTo.toPlainString() + ") must be <= the budget ("
                        + before.maxBudget().toPlainString() + ")", "reset_to");
            }
            if (!InputLimits.isBudget(resetTo)) {
                throw ApiException.badRequest("reset_to is not a spend Keygate can store", "reset_to");
            }
            KeyRow after = new RowUpdate("keys", "token", JSON_COLUMNS).set("spend", resetTo)
                    .execute(handle, before.token(), caller.actorId(), KeyRow.class);
            audited(handle, caller, "key.reset_spend", before, after);
            return new ResetSpendResponse(after.token(), after.spend(), spend, after.maxBudget(), after.budgetResetAt());
        });
    }

    public DeleteKeysResponse delete(Caller caller, KeysRequest request) {
        return jdbi.inTransaction(handle -> {
            List<KeyRow> targets = KeyLookup.lock(handle, KeyLookup.findAll(handle, request, "delete"), "keys");
            for (KeyRow row : targets) {
                policy.checkKey(caller, Action.KEY_DELETE, KeyLookup.targetOf(handle, row));
            }
            List<String> tokens = targets.stream().map(KeyRow::token).toList();
            KeyDao keys = handle.attach(KeyDao.class);
            keys.archive(tokens, caller.actorId());
            keys.delete(tokens);
            for (KeyRow row : targets) {
                audit.record(handle, caller, "key.delete", "key", row.token(), row.organizationId(),
                        KeyView.of(row, json), null);
            }
            return new DeleteKeysResponse(
                    namedAsSent(Inputs.listOrEmpty(request.keys()), Inputs.listOrEmpty(request.keyAliases())));
        });
    }

    /**
     * LiteLLM echoes the list the request sent, so a script can compare it with what it asked for: the
     * keys as named, then the aliases. A key named by its cleartext is echoed as its hash, never the secret.
     */
    private static List<String> namedAsSent(List<String> byKey, List<String> byAlias) {
        List<String> named = new ArrayList<>(byKey.size() + byAlias.size());
        for (String key : byKey) {
            named.add(KeyLookup.tokenOf(key, "keys"));
        }
        named.addAll(byAlias);
        return named;
    }

    /** Writes the changed key, then validates it against its team's (or organization's) limits, where it is now. */
    private KeyRow apply(Handle handle, Caller caller, KeyRow before, RowUpdate update) {
        if (update.columns().contains("key_alias")) {
            Object alias = update.value("key_alias");
            if (alias != null && !alias.equals(before.keyAlias())
                    && handle.attach(KeyDao.class).aliasExists((String) alias)) {
                throw ApiException.badRequest("key_alias already in use: " + alias, "key_alias");
            }
        }
        if (update.value("budget_id") instanceof String budgetId) {
            BudgetService.held(handle, budgetId);
        }
        KeyRow after = update.execute(handle, before.token(), caller.actorId(), KeyRow.class);
        KeyPlacement.of(handle, after).requireWithin(BudgetService.withTier(handle, after.budgetId(),
                new Limits(after.models(), after.maxBudget(), after.tpmLimit(), after.rpmLimit())));
        return after;
    }

    private KeyView audited(Handle handle, Caller caller, String action, KeyRow before, KeyRow after) {
        KeyView view = KeyView.of(after, json);
        audit.record(handle, caller, action, "key", after.token(), after.organizationId(), KeyView.of(before, json),
                view);
        return view;
    }

    private RowUpdate changesOf(KeyChangeRequest request, Optional<String> keyAlias, Instant now) {
        RowUpdate update = new RowUpdate("keys", "token", JSON_COLUMNS);
        update.setIfSent("key_alias", keyAlias);
        if (request.duration != null) {
            String duration = request.duration.orElse(null);
            update.set("expires", duration == null || duration.equals("-1")
                    ? null
                    : Durations.after(duration, now, "duration"));
        }
        setIfPresent(update, "models", request.models);
        update.setIfSent("max_budget", request.maxBudget);
        BudgetReset.setIfSent(update, request.budgetDuration, now);
        update.setIfSent("soft_budget", request.softBudget);
        setIfPresent(update, "spend", request.spend);
        update.setIfSent("tpm_limit", request.tpmLimit);
        update.setIfSent("rpm_limit", request.rpmLimit);
        update.setIfSent("max_parallel_requests", request.maxParallelRequests);
        setJson(update, "model_max_budget", request.modelMaxBudget);
        setJson(update, "model_rpm_limit", request.modelRpmLimit);
        setJson(update, "model_tpm_limit", request.modelTpmLimit);
        setIfPresent(update, "allowed_routes", request.allowedRoutes);
        setIfPresent(update, "key_type", request.keyType == null ? null : request.keyType.wire());
        setIfPresent(update, "blocked", request.blocked);
        setIfPresent(update, "tags", request.tags);
        setJson(update, "permissions", request.permissions);
        setJson(update, "aliases", request.aliases);
        update.setIfSent("budget_id", request.budgetId);
        return update;
    }

    /**
     * Sets the metadata the change leaves the key with: the one sent, or LiteLLM's metadata fields the
     * body carried over the one sent or stored. Once the key is read, after the policy: metadata is an
     * owner's field, which a caller allowed to change the key may always set.
     */
    private RowUpdate withMetadata(RowUpdate update, KeyChangeRequest request, KeyRow before) {
        Map<String, Object> metadata = LiteLlmMetadataFields.applied(request.metadata, json.read(before.metadata()),
                request.keptInMetadata().entries());
        if (metadata != null) {
            update.set("metadata", json.write(metadata));
        }
        return update;
    }

    /**
     * The request's field names for the policy's field rules: duration, not the expires column, and
     * budget_duration alone for the budget_reset_at it brings.
     */
    private static Set<String> fieldsOf(RowUpdate update) {
        return update.columns().stream()
                .filter(column -> !column.equals("budget_reset_at"))
                .map(column -> column.equals("expires") ? "duration" : column)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static void setIfPresent(RowUpdate update, String column, Object value) {
        if (value != null) {
            update.set(column, value);
        }
    }


    private void setJson(RowUpdate update, String column, Map<String, Object> value) {
        if (value != null) {
            update.set(column, json.write(value));
        }
    }
}
