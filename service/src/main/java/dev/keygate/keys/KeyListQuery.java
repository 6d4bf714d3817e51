package dev.keygate.keys;

import dev.keygate.policy.Visibility;

/**
 * GET /key/list as data: the caller's {@link Visibility} (decided by the policy), the optional
 * filters (null when absent) and the order.
 *
 * @param readRoute the route a team's member permissions must grant for its members to read their own keys there
 * @param onlyOwn include_team_keys=false: only the caller's own keys (and the key used)
 * @param aliasContains only keys with an alias holding this text, any case (GET /key/aliases); null: any key
 * @param deleted the deleted keys (status=deleted) instead of the live ones, under the same rules
 */
record KeyListQuery(
        boolean deleted,
        Visibility visibility,
        String readRoute,
        boolean onlyOwn,
        String userId,
        String teamId,
        String organizationId,
        String keyAlias,
        String keyHash,
        String aliasContains,
        KeyOrder order) {}
