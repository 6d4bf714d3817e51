package dev.keygate.policy;

import java.util.Set;

/**
 * Which rows of a list a caller may see, as the policy decides it, in a form a DAO turns into a
 * WHERE clause (so that pagination counts only visible rows). {@code all} short-cuts the rest.
 *
 * @param all every row
 * @param ownKeyToken the key the caller used (keys: a key always sees itself)
 * @param userId the caller's user (their own rows)
 * @param adminOrganizations organizations whose rows the caller administers
 * @param adminTeams teams whose rows the caller administers
 * @param memberTeams teams the caller belongs to (teams: readable; keys: own keys there, where the
 *     team's permissions grant reading)
 * @param memberOrganizations organizations the caller belongs to
 */
public record Visibility(
        boolean all,
        String ownKeyToken,
        String userId,
        Set<String> adminOrganizations,
        Set<String> adminTeams,
        Set<String> memberTeams,
        Set<String> memberOrganizations) {

    public static final Visibility EVERYTHING = new Visibility(true, null, null, Set.of(), Set.of(), Set.of(), Set.of());

    public static Visibility onlyKey(String token) {
        return new Visibility(false, token, null, Set.of(), Set.of(), Set.of(), Set.of());
    }
}
