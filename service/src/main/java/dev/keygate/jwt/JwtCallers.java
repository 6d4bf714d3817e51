package dev.keygate.jwt;

import dev.keygate.auth.Caller;
import dev.keygate.auth.Credential;
import dev.keygate.auth.KeyType;
import dev.keygate.auth.OrgRole;
import dev.keygate.auth.TeamRole;
import dev.keygate.auth.TokenScope;
import dev.keygate.auth.UserRole;
import dev.keygate.teams.TeamDao;
import dev.keygate.teams.TeamRow;
import dev.keygate.teams.TeamService;
import dev.keygate.users.UserService;
import dev.keygate.web.ApiException;
import dev.keygate.web.InputLimits;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * A verified token's claims → the {@link Caller} it is: the same record a key builds, so JWT callers
 * go through the same policy as everyone else and get exactly their role's rows in docs/authz.md.
 *
 * <ul>
 *   <li>The admin scope makes a proxy admin (who must be someone: the token must name a user),
 *       whom no other scope restricts.
 *   <li>With {@code enforce_scope_based_access}, every other token reaches only the routes and
 *       models its scopes' {@code scope_mappings} grant (checked by {@code Authentication}).
 *   <li>Otherwise the user named by {@code user_id_jwt_field} (the stored user keeps its id and
 *       its memberships; with {@code user_id_upsert} an unknown one is created), the role from
 *       {@code role_mappings} (else the stored role, else internal_user), and the team it acts for:
 *       the team claim, or the one of several that {@code x-litellm-team-id} picks, or the one of
 *       several that exists, or {@code team_id_default}. A token naming only a team is that team's
 *       service account.
 *   <li>Refused with 403 (the token is genuine, its holder is not let in): an email outside
 *       {@code user_allowed_email_domain}, no role of {@code user_allowed_roles}, no role at all
 *       under {@code enforce_rbac}, a team the token does not name or that does not exist.
 * </ul>
 */
final class JwtCallers {

    private final JwtConfig config;
    private final Jdbi jdbi;
    private final UserService users;
    private final TeamService teams;

    JwtCallers(JwtConfig config, Jdbi jdbi, UserService users, TeamService teams) {
        this.config = config;
        this.jdbi = jdbi;
        this.users = users;
        this.teams = teams;
    }

    Caller callerOf(TokenVerifier.Verified token, String requestedTeam) {
        ClaimFields fields = token.issuer().over(config);
        ClaimReader claims = new ClaimReader(token.claims());
        String userId = id(claims.string(fields.userId()), fields.userId());
        String organizationId = id(claims.string(fields.orgId()), fields.orgId());

        if (!config.getAdminJwtScope().isEmpty() && claims.scopes().contains(config.getAdminJwtScope())) {
            if (userId == null) {
                throw ApiException.unauthorized("Invalid token: an admin token must name its user (claim '"
                        + fields.userId() + "')");
            }
            return new Caller(Credential.JWT, null, userId, UserRole.PROXY_ADMIN, null, organizationId,
                    KeyType.DEFAULT, Map.of(), Map.of(), null);
        }

        String email = claims.string(fields.userEmail());
        checkEmailDomain(email);
        checkAllowedRoles(claims.strings(fields.userRoles()));
        UserRole mapped = config.mappedRole(claims.strings(fields.roles()));
        if (config.isEnforceRbac() && mapped == null) {
            throw ApiException.forbidden("The token maps to no role (role_mappings) and enforce_rbac is on");
        }
        // With team_id_upsert, a team the token names and Keygate does not know is created, by this user.
        Caller teamCreator = new Caller(Credential.JWT, null, userId, UserRole.INTERNAL_USER, null, organizationId,
                KeyType.DEFAULT, Map.of(), Map.of(), null);
        String teamId = team(claims, fields, requestedTeam, teamCreator);
        TokenScope scope = config.scopeOf(claims.scopes());
        if (userId == null) {
            if (teamId == null) {
                throw ApiException.forbidden("The token names neither a user nor a team");
            }
            return new Caller(Credential.JWT, null, null, UserRole.INTERNAL_USER, teamId, organizationId,
                    KeyType.DEFAULT, Map.of(), Map.of(), null, scope);
        }
        Optional<StoredUser> stored = stored(userId);
        if (stored.isEmpty() && config.isUserIdUpsert()) {
            if (email != null && email.length() > InputLimits.EMAIL) {
                throw ApiException.unauthorized("Invalid token: claim '" + fields.userEmail() + "' is too long");
            }
            users.createForSignIn(new Caller(Credential.JWT, null, userId, mapped == null ? UserRole.INTERNAL_USER : mapped,
                    teamId, organizationId, KeyType.DEFAULT, Map.of(), Map.of(), null), email);
            stored = stored(userId);
        }
        UserRole role = mapped != null ? mapped
                : stored.map(StoredUser::role).orElse(UserRole.INTERNAL_USER);
        return new Caller(Credential.JWT, null, userId, role, teamId, organizationId, KeyType.DEFAULT,
                stored.map(StoredUser::organizations).orElse(Map.of()), stored.map(StoredUser::teams).orElse(Map.of()),
                null, scope);
    }

    /** An id claim: bounded like every id Keygate stores. */
    private static String id(String value, String field) {
        if (value != null && value.length() > InputLimits.ID) {
            throw ApiException.unauthorized("Invalid token: claim '" + field + "' is longer than " + InputLimits.ID
                    + " characters");
        }
        return value;
    }

    private void checkEmailDomain(String email) {
        String domain = config.getUserAllowedEmailDomain();
        if (!domain.isEmpty() && (email == null
                || !email.toLowerCase(Locale.ROOT).endsWith("@" + domain.toLowerCase(Locale.ROOT)))) {
            throw ApiException.forbidden("Only " + domain + " accounts may sign in");
        }
    }

    private void checkAllowedRoles(List<String> userRoles) {
        Set<String> allowed = config.getUserAllowedRoles();
        if (!allowed.isEmpty() && userRoles.stream().noneMatch(allowed::contains)) {
            throw ApiException.forbidden("The token carries none of the roles allowed to sign in (user_allowed_roles)");
        }
    }

    /** The team the token acts for, or null; 403 for a team it does not name or that does not exist. */
    private String team(ClaimReader claims, ClaimFields fields, String requestedTeam, Caller creator) {
        String alias = id(claims.string(config.getTeamAliasJwtField()), config.getTeamAliasJwtField());
        java.util.function.Function<String, String> existing = teamId -> existing(teamId, creator, alias);
        Set<String> named = new LinkedHashSet<>();
        String single = id(claims.string(fields.teamId()), fields.teamId());
        if (single != null) {
            named.add(single);
        }
        for (String team : claims.strings(fields.teamIds())) {
            named.add(id(team, fields.teamIds()));
        }
        if (requestedTeam != null) {
            if (!named.contains(requestedTeam)) {
                throw ApiException.forbidden("The token does not name team " + requestedTeam);
            }
            return existing.apply(requestedTeam);
        }
        if (named.isEmpty()) {
            return config.getTeamIdDefault().isEmpty() ? null : existing.apply(config.getTeamIdDefault());
        }
        if (named.size() == 1) {
            return existing.apply(named.iterator().next());
        }
        List<String> known = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT team_id FROM teams WHERE team_id = ANY(:teams)")
                .bindArray("teams", String.class, List.copyOf(named)).mapTo(String.class).list());
        // Several teams and no header: the one that exists, else the caller acts for none of them.
        return known.size() == 1 ? known.get(0) : null;
    }

    /**
     * The team, when it exists (or, with {@code team_id_upsert}, once created) and is not blocked (a
     * blocked team's tokens are refused, as its keys are).
     */
    private String existing(String teamId, Caller creator, String alias) {
        Optional<Boolean> blocked = blockedFlag(teamId);
        if (blocked.isEmpty() && config.isTeamIdUpsert()) {
            teams.createForSignIn(creator, teamId, alias, creator.keyOrganizationId());
            blocked = blockedFlag(teamId);
        }
        if (blocked.isEmpty()) {
            throw ApiException.forbidden("The token's team does not exist: " + teamId);
        }
        if (blocked.get()) {
            throw ApiException.forbidden("The token's team is blocked: " + teamId);
        }
        return teamId;
    }

    private Optional<Boolean> blockedFlag(String teamId) {
        return jdbi.withExtension(TeamDao.class, teams -> teams.find(teamId)).map(TeamRow::blocked);
    }

    private record StoredUser(UserRole role, Map<String, OrgRole> organizations, Map<String, TeamRole> teams) {}

    private Optional<StoredUser> stored(String userId) {
        return jdbi.withHandle(handle -> {
            Optional<String> role = handle.createQuery("SELECT user_role FROM users WHERE user_id = :user")
                    .bind("user", userId).mapTo(String.class).findOne();
            if (role.isEmpty()) {
                return Optional.empty();
            }
            Map<String, OrgRole> organizations = handle.createQuery(
                            "SELECT organization_id, user_role FROM organization_memberships WHERE user_id = :user")
                    .bind("user", userId)
                    .map((row, ctx) -> Map.entry(row.getString(1), OrgRole.fromWire(row.getString(2))))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            Map<String, TeamRole> teams = handle.createQuery("SELECT team_id, role FROM team_memberships WHERE user_id = :user")
                    .bind("user", userId)
                    .map((row, ctx) -> Map.entry(row.getString(1), TeamRole.fromWire(row.getString(2))))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            return Optional.of(new StoredUser(UserRole.fromWire(role.get()), organizations, teams));
        });
    }
}
