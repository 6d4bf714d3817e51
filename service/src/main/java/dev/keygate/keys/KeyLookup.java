package dev.keygate.keys;

import dev.keygate.auth.Caller;
import dev.keygate.auth.Secrets;
import dev.keygate.db.LockOrder;
import dev.keygate.policy.Targets;
import dev.keygate.teams.TeamDao;
import dev.keygate.teams.TeamRow;
import dev.keygate.web.ApiException;
import dev.keygate.web.Inputs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Finding keys named in requests (cleartext, hash or alias) and describing them to the policy. */
public final class KeyLookup {

    private KeyLookup() {}

    /** APIs take a key as cleartext or as its hash. Anything else cannot name a key: 404. */
    public static String tokenOf(String key, String param) {
        if (key.startsWith(Secrets.KEY_PREFIX)) {
            return Secrets.sha256Hex(key);
        }
        if (Secrets.isSha256Hex(key)) {
            return key;
        }
        throw ApiException.notFound("Key not found", param);
    }

    /** The key named by {@code key} (or, when null, by {@code alias}), locked for a change; 404 when missing. */
    static KeyRow lockNamed(Handle handle, String key, String alias, String param) {
        return lock(handle, List.of(findNamed(handle, key, alias, param)), param).get(0);
    }

    /** The key named by {@code key} (or, when null, by {@code alias}), not locked yet; 404 when missing. */
    public static KeyRow findNamed(Handle handle, String key, String alias, String param) {
        KeyDao keys = handle.attach(KeyDao.class);
        if (key != null) {
            return keys.find(tokenOf(key, param))
                    .orElseThrow(() -> ApiException.notFound("Key not found", param));
        }
        if (alias != null) {
            return keys.findByAlias(alias)
                    .orElseThrow(() -> ApiException.notFound("No key with alias " + alias, "key_alias"));
        }
        throw ApiException.badRequest("Name the key in key (or key_alias)", param);
    }

    /**
     * The keys a {@link KeysRequest} names, by key and by alias, each once, in the order named, not
     * locked; 404 on the first missing one, 400 when it names none. {@code verb} says what for.
     */
    static List<KeyRow> findAll(Handle handle, KeysRequest request, String verb) {
        List<String> byKey = Inputs.listOrEmpty(request.keys());
        List<String> byAlias = Inputs.listOrEmpty(request.keyAliases());
        if (byKey.isEmpty() && byAlias.isEmpty()) {
            throw ApiException.badRequest("Name the keys to " + verb + " in keys or key_aliases", "keys");
        }
        Map<String, KeyRow> found = new LinkedHashMap<>();
        for (String key : byKey) {
            KeyRow row = findNamed(handle, key, null, "keys");
            found.put(row.token(), row);
        }
        for (String alias : byAlias) {
            KeyRow row = findNamed(handle, null, alias, "key_aliases");
            found.put(row.token(), row);
        }
        return List.copyOf(found.values());
    }

    /**
     * Locks keys found by {@link #findNamed} for a change, as LockOrder says: their organizations,
     * teams and users held first, then the keys themselves in token order. Returns them as they are
     * now, in the order given; a key deleted meanwhile (by a cascade that held its team first, say) is 404.
     */
    static List<KeyRow> lock(Handle handle, List<KeyRow> found, String param) {
        return lock(handle, found, param, Place.NOWHERE);
    }

    /**
     * {@link #lock} for keys about to move to {@code destination}: where they go is held with where they
     * are, in one top-down pass.
     */
    static List<KeyRow> lock(Handle handle, List<KeyRow> found, String param, Place destination) {
        List<String> organizations = new ArrayList<>(found.stream().map(KeyRow::organizationId).toList());
        List<String> teams = new ArrayList<>(found.stream().map(KeyRow::teamId).toList());
        List<String> users = new ArrayList<>(found.stream().map(KeyRow::userId).toList());
        organizations.add(destination.organizationId());
        teams.add(destination.teamId());
        users.add(destination.userId());
        LockOrder.holdParents(handle, organizations, teams, users);
        KeyDao keys = handle.attach(KeyDao.class);
        List<KeyRow> locked = LockOrder.lockEach(found.stream().map(KeyRow::token).toList(), token -> keys.findForUpdate(token)
                .orElseThrow(() -> ApiException.notFound("Key not found", param)));
        for (int i = 0; i < found.size(); i++) {
            LockOrder.requireUnmoved(Place.of(found.get(i)), Place.of(locked.get(i)));
        }
        return locked;
    }

    /** Where a key sits: the parents a write on it holds. Any of them may be null. */
    record Place(String organizationId, String teamId, String userId) {
        static final Place NOWHERE = new Place(null, null, null);

        static Place of(KeyRow key) {
            return new Place(key.organizationId(), key.teamId(), key.userId());
        }
    }

    /** The key the caller authenticated with, for routes that default to it. */
    static String ownToken(Caller caller, String param) {
        if (caller.keyToken() == null) {
            throw ApiException.badRequest(caller.isMasterKey() ? "The master key has no key record: name a key"
                    : "A token sign-in has no key record: name a key", param);
        }
        return caller.keyToken();
    }

    static Targets.Key targetOf(Handle handle, KeyRow row) {
        List<String> permissions = row.teamId() == null
                ? List.of()
                : handle.attach(TeamDao.class).find(row.teamId()).map(TeamRow::teamMemberPermissions).orElse(List.of());
        return new Targets.Key(row.token(), row.userId(), row.teamId(), row.organizationId(), permissions);
    }
}
