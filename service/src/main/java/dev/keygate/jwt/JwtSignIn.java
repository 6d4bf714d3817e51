package dev.keygate.jwt;

import dev.keygate.auth.Caller;
import dev.keygate.auth.KeyDirectory;
import dev.keygate.auth.KeyRecord;
import dev.keygate.auth.KeyStatus;
import dev.keygate.auth.cache.CallerCache.SignedIn;
import dev.keygate.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a verified token signs in as. Without {@code virtual_key_claim_field}, as its user and team
 * ({@link JwtCallers}). With it, a client whose claim value is mapped ({@code /jwt/key/mapping/*})
 * signs in as the mapped key — its limits, models and team apply, and it must be usable (401 when
 * blocked or expired). An unmapped client gets {@code unregistered_jwt_client_behavior}: its user and
 * team ({@code fallback_team_mapping}), 403 ({@code reject}, remembered for
 * {@code virtual_key_mapping_cache_ttl}), or a key and mapping of its own created on its first request
 * ({@code auto_register}, only after the token passed every check of its user and team).
 */
final class JwtSignIn {

    private final JwtConfig config;
    private final JwtCallers callers;
    private final JwtKeyMappingService mappings;
    private final KeyDirectory keys;
    private final Clock clock;

    JwtSignIn(JwtConfig config, JwtCallers callers, JwtKeyMappingService mappings, KeyDirectory keys, Clock clock) {
        this.config = config;
        this.callers = callers;
        this.mappings = mappings;
        this.keys = keys;
        this.clock = clock;
    }

    SignedIn of(TokenVerifier.Verified token, String requestedTeam) {
        String field = config.getVirtualKeyClaimField();
        if (field.isEmpty()) {
            return SignedIn.as(callers.callerOf(token, requestedTeam), token.expires());
        }
        String client = new ClaimReader(token.claims()).string(field);
        Optional<JwtKeyMappingRow> mapping = client == null || client.length() > dev.keygate.web.InputLimits.ID
                ? Optional.empty() : mappings.find(field, client);
        if (mapping.isPresent() && mapping.get().isActive()) {
            return SignedIn.as(mappedKey(mapping.get().token()), token.expires());
        }
        return switch (config.getUnregisteredJwtClientBehavior()) {
            case FALLBACK_TEAM_MAPPING -> SignedIn.as(callers.callerOf(token, requestedTeam), token.expires());
            case REJECT -> SignedIn.refused(client == null
                    ? "The token has no '" + field + "' claim, and only mapped clients may sign in"
                    : "No key is mapped to this client, and only mapped clients may sign in", refusalEnds(token));
            case AUTO_REGISTER -> {
                if (client == null || mapping.isPresent()) {
                    // Without the claim there is nothing to map; an inactive mapping was switched off on purpose.
                    yield SignedIn.refused(client == null ? "The token has no '" + field + "' claim"
                            : "The mapping of this client is inactive", refusalEnds(token));
                }
                Caller signingIn = callers.callerOf(token, requestedTeam);
                yield SignedIn.as(mappedKey(mappings.register(signingIn, field, client)), token.expires());
            }
        };
    }

    private Caller mappedKey(String token) {
        KeyRecord key = keys.find(token).orElseThrow(
                () -> ApiException.unauthorized("Invalid token: the key mapped to its client no longer exists"));
        KeyStatus status = key.status(clock.instant());
        if (status != KeyStatus.VALID) {
            throw ApiException.unauthorized("Invalid token: the key mapped to its client is unusable (" + status + ")");
        }
        return key.caller();
    }

    private Instant refusalEnds(TokenVerifier.Verified token) {
        Instant ttl = clock.instant().plus(Duration.ofSeconds(config.getVirtualKeyMappingCacheTtl()));
        return ttl.isBefore(token.expires()) ? ttl : token.expires();
    }
}
