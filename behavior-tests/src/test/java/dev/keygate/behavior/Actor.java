package dev.keygate.behavior;

import static dev.keygate.behavior.World.ORG_A;
import static dev.keygate.behavior.World.ORG_B;
import static dev.keygate.behavior.World.TEAM_ALPHA;
import static dev.keygate.behavior.World.TEAM_BETA;

import java.util.Locale;

/**
 * The callers of every matrix. Each has exactly one world key; all but SERVICE_ACCOUNT have a user.
 * Cleartext keys are fixed so a failing scenario can be replayed by hand with curl.
 */
public enum Actor {
    //                  user               platform role    organization seat                 team seat                      key's team  key's org
    PROXY_ADMIN(        "w_proxy_admin",   "proxy_admin",   null,                             null,                          null,       null),
    ORG_ADMIN(          "w_org_admin",     "internal_user", new Seat(ORG_A, "org_admin"),     null,                          null,       ORG_A),
    TEAM_ADMIN(         "w_team_admin",    "internal_user", new Seat(ORG_A, "internal_user"), new Seat(TEAM_ALPHA, "admin"), TEAM_ALPHA, ORG_A),
    INTERNAL_USER(      "w_internal_user", "internal_user", new Seat(ORG_A, "internal_user"), new Seat(TEAM_ALPHA, "user"),  null,       null),
    OWNER(              "w_owner",         "internal_user", new Seat(ORG_A, "internal_user"), new Seat(TEAM_ALPHA, "user"),  TEAM_ALPHA, ORG_A),
    UNRELATED_SAME_ORG( "w_unrelated",     "internal_user", new Seat(ORG_A, "internal_user"), new Seat(TEAM_ALPHA, "user"),  TEAM_ALPHA, ORG_A),
    CROSS_ORG_USER(     "w_cross_org",     "internal_user", new Seat(ORG_B, "internal_user"), new Seat(TEAM_BETA, "user"),   TEAM_BETA,  ORG_B),
    SERVICE_ACCOUNT(    null,              null,            null,                             null,                          TEAM_ALPHA, ORG_A);

    /** Fixed, random-looking tail shared by the world keys; the actor name makes each key unique. */
    private static final String KEY_SUFFIX = "q7Zx2mK9vRt4Lw8N";

    /** A membership: an organization or team id and the role held there. */
    public record Seat(String id, String role) {}

    private final String userId;
    private final String platformRole;
    private final Seat organizationSeat;
    private final Seat teamSeat;
    private final KeyShape keyShape;

    Actor(String userId, String platformRole, Seat organizationSeat, Seat teamSeat, String keyTeam, String keyOrganization) {
        this.userId = userId;
        this.platformRole = platformRole;
        this.organizationSeat = organizationSeat;
        this.teamSeat = teamSeat;
        this.keyShape = new KeyShape(userId, keyTeam, keyOrganization);
    }

    /** The cleartext world key, e.g. {@code sk-world-org-admin-q7Zx2mK9vRt4Lw8N}. */
    public String key() {
        return "sk-world-" + name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + KEY_SUFFIX;
    }

    /** The key's id as stored: SHA-256 hex of {@link #key()}. */
    public String token() {
        return Keys.token(key());
    }

    public String keyAlias() {
        return World.PREFIX + name().toLowerCase(Locale.ROOT);
    }

    public Credential credential() {
        return Credential.bearer(key());
    }

    /** Null for SERVICE_ACCOUNT. */
    public String userId() {
        return userId;
    }

    String platformRole() {
        return platformRole;
    }

    Seat organizationSeat() {
        return organizationSeat;
    }

    Seat teamSeat() {
        return teamSeat;
    }

    /** The user/team/organization of the actor's world key. */
    public KeyShape keyShape() {
        return keyShape;
    }
}
