package dev.keygate.auth.cache;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One batch of change announcements from the channel, parsed (see the V3 and V7 migrations for
 * the payloads). Ids are grouped by kind so that one pass over the cache serves the whole batch.
 */
final class Invalidation {

    final Set<String> keys = new HashSet<>();
    final Set<String> users = new HashSet<>();
    final Set<String> teams = new HashSet<>();
    final Set<String> organizations = new HashSet<>();
    /** Budget tiers: their limits are resolved into the records of the keys that use them. */
    final Set<String> budgets = new HashSet<>();
    /** New spend totals, {@code <subject>=<total>}, in the order they were announced. */
    final List<String> spends = new ArrayList<>();
    /** A JWT -> key mapping changed: every token sign-in is forgotten. */
    boolean jwtMappings;
    boolean everything;

    /** Adds one payload; unknown payloads make the batch forget everything (fail safe). */
    void add(String payload) {
        int colon = payload.indexOf(':');
        String kind = colon < 0 ? payload : payload.substring(0, colon);
        String id = colon < 0 ? "" : payload.substring(colon + 1);
        switch (kind) {
            case "key" -> keys.add(id);
            case "user" -> users.add(id);
            case "team" -> teams.add(id);
            case "org" -> organizations.add(id);
            case "budget" -> budgets.add(id);
            case "jwt" -> jwtMappings = true;
            case "spend" -> spends.add(id);
            default -> everything = true;
        }
    }

    boolean isEmpty() {
        return !everything && !jwtMappings && spends.isEmpty() && keys.isEmpty() && users.isEmpty() && teams.isEmpty()
                && organizations.isEmpty() && budgets.isEmpty();
    }

    /** Only new spend totals: nothing a cached record holds changed. */
    boolean isSpendOnly() {
        return !everything && !jwtMappings && keys.isEmpty() && users.isEmpty() && teams.isEmpty()
                && organizations.isEmpty() && budgets.isEmpty();
    }

    boolean needsScan() {
        return !users.isEmpty() || !teams.isEmpty() || !organizations.isEmpty() || !budgets.isEmpty();
    }
}
