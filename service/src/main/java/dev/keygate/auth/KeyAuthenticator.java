package dev.keygate.auth;

import io.dropwizard.auth.Authenticator;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * Turns a presented credential into a {@link Caller}: the master key (compared in constant time), or
 * a virtual key looked up by its SHA-256. Unknown, expired or blocked keys, and keys of a blocked
 * team, authenticate as nobody (401). A database failure propagates and is answered 503: we fail
 * closed, never open.
 */
public final class KeyAuthenticator implements Authenticator<String, Caller> {

    private final String masterKey;
    private final Jdbi jdbi;
    private final Clock clock;

    public KeyAuthenticator(String masterKey, Jdbi jdbi, Clock clock) {
        this.masterKey = masterKey;
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public Optional<Caller> authenticate(String credential) {
        if (credential == null || credential.isEmpty()) {
            return Optional.empty();
        }
        if (Secrets.constantTimeEquals(masterKey, credential)) {
            return Optional.of(Caller.masterKey());
        }
        if (!credential.startsWith(Secrets.KEY_PREFIX)) {
            return Optional.empty();
        }
        String token = Secrets.sha256Hex(credential);
        return jdbi.withExtension(CallerDao.class, dao -> dao.findByToken(token, clock.instant()))
                .filter(this::isUsable)
                .map(KeyAuthenticator::toCaller);
    }

    private boolean isUsable(CallerDao.KeyCallerRow row) {
        boolean expired = row.expires() != null && !row.expires().isAfter(clock.instant());
        return !row.blocked() && !row.teamBlocked() && !expired;
    }

    private static Caller toCaller(CallerDao.KeyCallerRow row) {
        UserRole role = row.userRole() == null ? UserRole.INTERNAL_USER : UserRole.fromWire(row.userRole());
        return new Caller(
                row.token(),
                row.userId(),
                role,
                row.teamId(),
                row.organizationId(),
                KeyType.fromWire(row.keyType()),
                pairs(row.organizationRoles(), OrgRole::fromWire),
                pairs(row.teamRoles(), TeamRole::fromWire),
                null);
    }

    /** Decodes the "id=role" pairs the query builds. Ids may contain '=', roles never do. */
    private static <R> Map<String, R> pairs(List<String> encoded, Function<String, R> role) {
        Map<String, R> result = new HashMap<>();
        for (String pair : encoded) {
            int split = pair.lastIndexOf('=');
            result.put(pair.substring(0, split), role.apply(pair.substring(split + 1)));
        }
        return result;
    }
}
