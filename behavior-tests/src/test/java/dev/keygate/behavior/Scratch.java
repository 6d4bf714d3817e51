package dev.keygate.behavior;

import java.util.Collections;
import java.util.List;

/**
 * One test's private data. Everything the test creates, directly or through the API, carries
 * {@link #prefix()} in an id or alias; {@link #close()} deletes exactly that, so tests never
 * truncate tables and never see each other's rows.
 */
public final class Scratch implements AutoCloseable {

    /** Tables in the order rows must go (keys and memberships point at the rest). */
    static final List<String> TABLES =
            List.of("keys", "team_memberships", "organization_memberships", "teams", "users", "organizations",
                    "audit_log");

    private final Db db;
    private final String prefix;
    private int keys;

    Scratch(Db db) {
        this.db = db;
        this.prefix = "s" + Keys.randomHex(4) + "_";
    }

    /** Like {@code s1f2e3d4c_}: unique per test, never {@link World#PREFIX}. */
    public String prefix() {
        return prefix;
    }

    /** A prefixed id or alias for something a test creates (e.g. a {@code key_alias} in a request body). */
    public String name(String base) {
        return prefix + base;
    }

    /** A fresh key inserted straight into the database, owned as {@code shape} says. */
    public ScratchKey insertKey(KeyShape shape) {
        String cleartext = "sk-scratch-" + Keys.randomHex(16);
        String alias = name("key" + ++keys);
        db.transaction(session -> World.insertKey(session, cleartext, alias, shape));
        return new ScratchKey(cleartext, Keys.token(cleartext), alias);
    }

    public void insertOrganization(String organizationId) {
        db.update("INSERT INTO organizations (organization_id, organization_alias) VALUES (?, ?)",
                owned(organizationId), organizationId);
    }

    public void insertTeam(String teamId, String organizationId) {
        db.update("INSERT INTO teams (team_id, team_alias, organization_id) VALUES (?, ?, ?)",
                owned(teamId), teamId, organizationId);
    }

    /** A team whose plain members get {@code memberPermissions} on their own keys. */
    public void insertTeam(String teamId, String organizationId, String... memberPermissions) {
        db.update("INSERT INTO teams (team_id, team_alias, organization_id, team_member_permissions) VALUES (?, ?, ?, ?)",
                owned(teamId), teamId, organizationId, memberPermissions);
    }

    /** A budget tier with these limits (null: none), created by the proxy admin as /budget/new would. */
    public void insertBudget(String budgetId, Number maxBudget, Long rpmLimit) {
        db.update("INSERT INTO budgets (budget_id, max_budget, rpm_limit, created_by, updated_by)"
                + " VALUES (?, ?, ?, 'w_proxy_admin', 'w_proxy_admin')", owned(budgetId), maxBudget, rpmLimit);
    }

    public void insertUser(String userId) {
        db.update("INSERT INTO users (user_id, user_alias) VALUES (?, ?)", owned(userId), userId);
    }

    public void insertTeamMember(String teamId, String userId) {
        insertTeamMember(teamId, userId, "user");
    }

    /** {@code role}: admin or user. Either side may be a world id; the other must be this scratch's. */
    public void insertTeamMember(String teamId, String userId, String role) {
        db.update("INSERT INTO team_memberships (team_id, user_id, role) VALUES (?, ?, ?)",
                ownedEither(teamId, userId), userId, role);
    }

    public void insertOrganizationMember(String organizationId, String userId) {
        insertOrganizationMember(organizationId, userId, "internal_user");
    }

    /** {@code role}: org_admin, internal_user or internal_user_viewer. */
    public void insertOrganizationMember(String organizationId, String userId, String role) {
        db.update("INSERT INTO organization_memberships (organization_id, user_id, user_role) VALUES (?, ?, ?)",
                ownedEither(organizationId, userId), userId, role);
    }

    /**
     * Deletes every row whose id or alias starts with the prefix; safe to call more than once. One
     * round trip: the statements go as one (the driver sends them together, in one transaction),
     * since a scenario's teardown costs more in round trips than in deleting.
     */
    @Override
    public void close() {
        db.update("""
                DELETE FROM keys
                 WHERE starts_with(key_alias, ?) OR starts_with(user_id, ?)
                    OR starts_with(team_id, ?) OR starts_with(organization_id, ?);
                DELETE FROM deleted_keys
                 WHERE starts_with(key_alias, ?) OR starts_with(user_id, ?)
                    OR starts_with(team_id, ?) OR starts_with(organization_id, ?);
                DELETE FROM team_memberships WHERE starts_with(team_id, ?) OR starts_with(user_id, ?);
                DELETE FROM organization_memberships WHERE starts_with(organization_id, ?) OR starts_with(user_id, ?);
                -- Aliases too: the API may generate ids for what a test names by alias only.
                DELETE FROM teams WHERE starts_with(team_id, ?) OR starts_with(team_alias, ?);
                -- And emails: member_add and /user/new create users named by email only, under a generated id.
                DELETE FROM users WHERE starts_with(user_id, ?) OR starts_with(user_alias, ?) OR starts_with(user_email, ?);
                DELETE FROM organizations WHERE starts_with(organization_id, ?) OR starts_with(organization_alias, ?);
                -- Budget tiers last: the keys and organizations above may have used them.
                DELETE FROM budgets WHERE starts_with(budget_id, ?);
                -- The server's audit rows about this test's objects, wherever the prefix shows in them.
                DELETE FROM audit_log
                 WHERE strpos(concat_ws(' ', object_id, organization_id, before_value::text, after_value::text), ?) > 0""",
                Collections.nCopies(21, prefix).toArray());
    }

    /** A membership row is this scratch's when either end is: returns the first id as given. */
    private String ownedEither(String first, String second) {
        if (!first.startsWith(prefix) && !second.startsWith(prefix)) {
            throw new IllegalArgumentException(first + " / " + second + ": neither starts with the scratch prefix " + prefix);
        }
        return first;
    }

    /** Refuses ids teardown would not find. */
    private String owned(String id) {
        if (!id.startsWith(prefix)) {
            throw new IllegalArgumentException(id + " does not start with the scratch prefix " + prefix + "; use name()");
        }
        return id;
    }

    /** A key a test may spend: its cleartext, stored token and alias. */
    public record ScratchKey(String cleartext, String token, String alias) {

        public Credential credential() {
            return Credential.bearer(cleartext);
        }
    }
}
