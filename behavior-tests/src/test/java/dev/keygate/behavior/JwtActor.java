package dev.keygate.behavior;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.jwt.JwtClaims;

/**
 * Callers who sign in with an identity provider's token instead of a key. Each has a <em>twin</em>:
 * the key {@link Actor} with the same role, whose row of a matrix it must get (docs/jwt.md: a token
 * caller is the same kind of caller a key makes). Tokens are signed once per run by the harness's
 * {@link IdentityProvider}, valid for an hour.
 */
public enum JwtActor {
    /** {@code scope} holds the admin scope: a proxy admin (who must name a user). */
    JWT_ADMIN_SCOPE(Actor.PROXY_ADMIN, TestIssuer.A, null,
            Map.of("sub", "w_proxy_admin", "scope", "openid profile litellm_proxy_admin")),
    /** A stored user's token (no team claim): that user, with the stored role and memberships. */
    JWT_USER(Actor.INTERNAL_USER, TestIssuer.A, null,
            Map.of("sub", "w_internal_user", "scope", List.of("openid", "profile"))),
    /** The org admin of org_a, from issuer B (EC, found by discovery, user id in {@code oid}). */
    JWT_ORG_ADMIN(Actor.ORG_ADMIN, TestIssuer.B, null, Map.of("oid", "w_org_admin", "sub", "pairwise-3f9a")),
    /** Names team_alpha and no user: team_alpha's service account. */
    JWT_TEAM(Actor.SERVICE_ACCOUNT, TestIssuer.A, null, Map.of("team_id", World.TEAM_ALPHA)),
    /** Names alpha and beta; {@code x-litellm-team-id} picks alpha. */
    JWT_MULTI_TEAM_HEADER(Actor.SERVICE_ACCOUNT, TestIssuer.B, World.TEAM_ALPHA,
            Map.of("groups", List.of(World.TEAM_BETA, World.TEAM_ALPHA))),
    /** Names alpha and a team that does not exist, no header: the one that exists, alpha. */
    JWT_MULTI_TEAM(Actor.SERVICE_ACCOUNT, TestIssuer.A, null,
            Map.of("groups", List.of("w_jwt_no_such_team", World.TEAM_ALPHA)));

    private static final Map<JwtActor, Credential> CREDENTIALS = new ConcurrentHashMap<>();

    private final Actor twin;
    private final TestIssuer issuer;
    private final String teamHeader;
    private final Map<String, Object> claims;

    JwtActor(Actor twin, TestIssuer issuer, String teamHeader, Map<String, Object> claims) {
        this.twin = twin;
        this.issuer = issuer;
        this.teamHeader = teamHeader;
        this.claims = claims;
    }

    /** The key actor with the same role: its rows are this actor's rows. */
    public Actor twin() {
        return twin;
    }

    /** The signed token (minted on first use) as a bearer credential, with the team header if any. */
    public Credential credential() {
        return CREDENTIALS.computeIfAbsent(this, actor -> actor.withHeaders(actor.token()));
    }

    /** A fresh token with this actor's claims (a new jti and iat: not one Keygate remembers). */
    String token() {
        IssuerKeys keys = Keygate.identityProvider().keys(issuer);
        JwtClaims tokenClaims = keys.claims();
        claims.forEach(tokenClaims::setClaim);
        return keys.sign(tokenClaims);
    }

    /** {@code token} sent as this actor sends its own: as a bearer token, with its team header. */
    Credential withHeaders(String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        if (teamHeader != null) {
            headers.put("x-litellm-team-id", teamHeader);
        }
        return new Credential(name(), headers);
    }
}
