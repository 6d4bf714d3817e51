package dev.keygate.jwt;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keygate.audit.AuditLog;
import dev.keygate.auth.CallerQuery;
import dev.keygate.auth.KeyDirectory;
import dev.keygate.auth.TokenAuthenticator;
import dev.keygate.auth.cache.CacheConfig;
import dev.keygate.auth.cache.CacheSync;
import dev.keygate.auth.cache.CallerCache;
import dev.keygate.auth.cache.ListenConnections;
import dev.keygate.db.JsonColumns;
import dev.keygate.keys.KeyQueries;
import dev.keygate.keys.KeyService;
import dev.keygate.policy.Policy;
import dev.keygate.teams.TeamService;
import dev.keygate.users.UserService;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * Token sign-in wired as KeygateApplication wires it, on a test database. The cache never listens, so
 * it never serves: every call verifies and reads the database.
 */
final class JwtServices {

    private final Jdbi jdbi;
    private final UserService users;
    private final TeamService teams;
    private final JwtKeyMappingService mappings;
    private final KeyDirectory keys;
    private final CallerCache cache = new CallerCache(new CacheConfig());
    private final ObjectMapper mapper = io.dropwizard.jackson.Jackson.newObjectMapper();
    private final Clock clock = Clock.systemUTC();

    JwtServices(Jdbi jdbi, DataSource dataSource, String jdbcUrl) {
        this.jdbi = jdbi;
        JsonColumns json = new JsonColumns(mapper);
        AuditLog audit = new AuditLog(mapper, new CacheSync(new ListenConnections(jdbcUrl, null, null, Map.of()), cache));
        Policy policy = new Policy();
        KeyQueries keyQueries = new KeyQueries(jdbi, policy, json);
        KeyService keyService = new KeyService(jdbi, policy, json, audit, clock);
        this.users = new UserService(jdbi, policy, json, audit, keyService, keyQueries, clock);
        this.teams = new TeamService(jdbi, policy, json, audit, keyQueries, users, clock);
        this.mappings = new JwtKeyMappingService(jdbi, policy, audit, keyService);
        this.keys = new KeyDirectory(new CallerQuery(dataSource, json), cache, clock);
    }

    TokenAuthenticator authenticator(JwtConfig config) {
        return JwtAuthenticator.create(config, jdbi, users, teams, mappings, keys, cache, mapper, clock);
    }
}
