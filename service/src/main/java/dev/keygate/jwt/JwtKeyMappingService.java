package dev.keygate.jwt;

import dev.keygate.audit.AuditLog;
import dev.keygate.auth.Caller;
import dev.keygate.keys.GenerateKeyRequest;
import dev.keygate.keys.KeyLookup;
import dev.keygate.keys.KeyService;
import dev.keygate.policy.Action;
import dev.keygate.policy.Policy;
import dev.keygate.teams.TeamDao;
import dev.keygate.teams.TeamRow;
import dev.keygate.users.UserDao;
import dev.keygate.web.ApiException;
import dev.keygate.web.Paging;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code /jwt/key/mapping/*} routes: which identity-provider client (a claim value) authenticates
 * as which key. Proxy admins only (viewers read). Every change is audited under {@code jwt_key_mapping}
 * and, by the table's trigger, makes every instance forget its token sign-ins.
 */
public final class JwtKeyMappingService {

    static final String AUDIT_TYPE = "jwt_key_mapping";

    private final Jdbi jdbi;
    private final Policy policy;
    private final AuditLog audit;
    private final KeyService keys;

    public JwtKeyMappingService(Jdbi jdbi, Policy policy, AuditLog audit, KeyService keys) {
        this.jdbi = jdbi;
        this.policy = policy;
        this.audit = audit;
        this.keys = keys;
    }

    public JwtKeyMappingRow create(Caller caller, JwtKeyMappingRequests.New request) {
        policy.checkJwtKeyMappings(caller, Action.JWT_KEY_MAPPING_MANAGE);
        return jdbi.inTransaction(handle -> {
            String token = existingKey(handle, request.key());
            JwtKeyMappingRow created = insert(handle, caller, request.jwtClaimName(), request.jwtClaimValue(), token,
                    request.description()).orElseThrow(() -> ApiException.badRequest(
                    "A mapping of this jwt_claim_name and jwt_claim_value exists already", "jwt_claim_value"));
            return created;
        });
    }

    /**
     * Inserts a mapping and audits it; empty when one of that claim value exists (or a concurrent
     * request inserted it first): the unique constraint, not a prior check, decides.
     */
    Optional<JwtKeyMappingRow> insert(Handle handle, Caller caller, String claimName, String claimValue, String token,
                                      String description) {
        Optional<JwtKeyMappingRow> created = handle.attach(JwtKeyMappingDao.class).insert(new JwtKeyMappingRow(
                UUID.randomUUID().toString(), claimName, claimValue, token, description, true, caller.actorId(),
                caller.actorId(), null, null));
        created.ifPresent(row -> audit.record(handle, caller, "jwt_key_mapping.new", AUDIT_TYPE, row.id(), null, null, row));
        return created;
    }

    public JwtKeyMappingRow update(Caller caller, JwtKeyMappingRequests.Update request) {
        return jdbi.inTransaction(handle -> {
            JwtKeyMappingDao mappings = handle.attach(JwtKeyMappingDao.class);
            JwtKeyMappingRow before = mappings.findForUpdate(request.id()).orElseThrow(JwtKeyMappingService::notFound);
            policy.checkJwtKeyMappings(caller, Action.JWT_KEY_MAPPING_MANAGE);
            String token = request.key() == null ? before.token() : existingKey(handle, request.key());
            JwtKeyMappingRow after = mappings.update(new JwtKeyMappingRow(before.id(), before.jwtClaimName(),
                    before.jwtClaimValue(), token, request.description() == null ? before.description() : request.description(),
                    request.isActive() == null ? before.isActive() : request.isActive(), before.createdBy(),
                    caller.actorId(), before.createdAt(), null));
            audit.record(handle, caller, "jwt_key_mapping.update", AUDIT_TYPE, after.id(), null, before, after);
            return after;
        });
    }

    public JwtKeyMappingRow delete(Caller caller, JwtKeyMappingRequests.Delete request) {
        return jdbi.inTransaction(handle -> {
            JwtKeyMappingDao mappings = handle.attach(JwtKeyMappingDao.class);
            JwtKeyMappingRow before = mappings.findForUpdate(request.id()).orElseThrow(JwtKeyMappingService::notFound);
            policy.checkJwtKeyMappings(caller, Action.JWT_KEY_MAPPING_MANAGE);
            mappings.delete(before.id());
            audit.record(handle, caller, "jwt_key_mapping.delete", AUDIT_TYPE, before.id(), null, before, null);
            return before;
        });
    }

    public JwtKeyMappingRow info(Caller caller, String id) {
        if (id == null || id.isBlank()) {
            throw ApiException.badRequest("id is required", "id");
        }
        JwtKeyMappingRow mapping = jdbi.withExtension(JwtKeyMappingDao.class, mappings -> mappings.find(id))
                .orElseThrow(JwtKeyMappingService::notFound);
        policy.checkJwtKeyMappings(caller, Action.JWT_KEY_MAPPING_READ);
        return mapping;
    }

    public JwtKeyMappingRequests.Page list(Caller caller, Integer page, Integer size) {
        policy.checkJwtKeyMappings(caller, Action.JWT_KEY_MAPPING_READ);
        Paging paging = Paging.of(page, size, 50, "size");
        return jdbi.withExtension(JwtKeyMappingDao.class, mappings -> new JwtKeyMappingRequests.Page(
                mappings.page(paging.size(), paging.offset()), mappings.count(), paging.page(), paging.size()));
    }

    /**
     * {@code auto_register}: a key for the client's first request, bound to the user (when stored)
     * and team the token signed in as, and the mapping to it, in one transaction. Of two first
     * requests at once, one mapping wins (the unique constraint); the other's key is rolled back with
     * its transaction, and it signs in with the winner's. The key's secret is returned to no one: the
     * client signs in with its token. Returns the mapped key's token.
     */
    String register(Caller signingIn, String claimName, String claimValue) {
        try {
            return jdbi.inTransaction(handle -> {
                String teamId = signingIn.keyTeamId();
                // The token's team and user were checked in other transactions: held now, a delete since
                // then shows below (else the key's insert would break its foreign key: a 500).
                KeyService.holdParents(handle, teamId, null, signingIn.userId());
                String userId = signingIn.userId() != null && handle.attach(UserDao.class).exists(signingIn.userId())
                        ? signingIn.userId() : null;
                Optional<TeamRow> team = teamId == null ? Optional.empty() : handle.attach(TeamDao.class).find(teamId);
                if (teamId != null && team.isEmpty()) {
                    throw ApiException.forbidden("The token's team does not exist: " + teamId);
                }
                if (userId == null && teamId == null) {
                    throw ApiException.forbidden("auto_register needs the token's user to be stored, or a team");
                }
                String organizationId = team.map(TeamRow::organizationId).orElse(null);
                String token = keys.create(handle, signingIn, GenerateKeyRequest.withMetadata(
                                Map.of("jwt_key_mapping", Map.of(claimName, claimValue))), userId, teamId, organizationId)
                        .tokenId();
                return insert(handle, signingIn, claimName, claimValue, token, "auto_register")
                        .orElseThrow(LostRace::new).token();
            });
        } catch (LostRace race) {
            return find(claimName, claimValue).orElseThrow(() -> ApiException.forbidden(
                    "The mapping of this client changed while it was registered; try again")).token();
        }
    }

    /** Another request registered the same client first: this transaction (and its key) rolls back. */
    private static final class LostRace extends RuntimeException {
        LostRace() {
            super(null, null, false, false);
        }
    }

    /** The mapping of a claim value, for sign-in. */
    Optional<JwtKeyMappingRow> find(String claimName, String claimValue) {
        return jdbi.withExtension(JwtKeyMappingDao.class, mappings -> mappings.findByClaim(claimName, claimValue));
    }

    private static String existingKey(Handle handle, String key) {
        return KeyLookup.findNamed(handle, key.strip(), null, "key").token();
    }

    private static ApiException notFound() {
        return ApiException.notFound("JWT key mapping not found", "id");
    }
}
