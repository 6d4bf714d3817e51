package dev.keygate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.keygate.auth.ApiKeyAuthFilter;
import dev.keygate.auth.Caller;
import dev.keygate.auth.CallerQuery;
import dev.keygate.auth.CredentialExtractor;
import dev.keygate.auth.Authentication;
import dev.keygate.auth.AuthenticationMetrics;
import dev.keygate.auth.KeyAuthenticator;
import dev.keygate.auth.KeyDirectory;
import dev.keygate.auth.cache.CacheMetrics;
import dev.keygate.auth.cache.CacheSync;
import dev.keygate.auth.cache.CacheSyncTask;
import dev.keygate.auth.cache.CallerCache;
import dev.keygate.auth.cache.InvalidationListener;
import dev.keygate.auth.cache.ListenConnections;
import dev.keygate.auth.MasterKey;
import dev.keygate.compat.LiteLlmFieldsFilter;
import dev.keygate.compat.LiteLlmRequestFields;
import dev.keygate.db.DatabaseSetup;
import dev.keygate.db.DbMigrateCommand;
import dev.keygate.db.JdbiSetup;
import dev.keygate.db.JsonColumns;
import dev.keygate.db.Migrations;
import dev.keygate.db.PoolMetrics;
import dev.keygate.enforcement.Enforcer;
import dev.keygate.gateway.AuthzResource;
import dev.keygate.health.DatabaseHealthCheck;
import dev.keygate.health.HealthResource;
import dev.keygate.jwt.JwtAuthenticator;
import dev.keygate.jwt.JwtKeyMappingResource;
import dev.keygate.jwt.JwtKeyMappingService;
import dev.keygate.keys.KeyDao;
import dev.keygate.keys.KeyResource;
import dev.keygate.keys.KeyV2Resource;
import dev.keygate.keys.KeyChanges;
import dev.keygate.keys.KeyQueries;
import dev.keygate.keys.KeyService;
import dev.keygate.routes.RoutesResource;
import dev.keygate.audit.AuditDao;
import dev.keygate.audit.AuditLog;
import dev.keygate.audit.AuditResource;
import dev.keygate.budgets.BudgetResource;
import dev.keygate.budgets.BudgetService;
import dev.keygate.limits.BudgetResetJob;
import dev.keygate.limits.BudgetResetTask;
import dev.keygate.metrics.MetricsEndpoint;
import dev.keygate.models.ModelsResource;
import dev.keygate.openapi.OpenApiResource;
import dev.keygate.orgs.OrganizationDao;
import dev.keygate.orgs.OrganizationResource;
import dev.keygate.orgs.OrganizationService;
import dev.keygate.policy.Policy;
import dev.keygate.spend.SpendResource;
import dev.keygate.spend.SpendWriter;
import dev.keygate.teams.TeamDao;
import dev.keygate.teams.TeamResource;
import dev.keygate.teams.TeamService;
import dev.keygate.teams.TeamV2Resource;
import dev.keygate.users.UserDao;
import dev.keygate.users.UserResource;
import dev.keygate.users.UserV2Resource;
import dev.keygate.users.UserService;
import dev.keygate.verify.KeyVerifier;
import dev.keygate.verify.VerifyResource;
import dev.keygate.web.ApiExceptionMapper;
import dev.keygate.web.CachedParameterNames;
import dev.keygate.web.CloseConnectionOnErrorFilter;
import dev.keygate.web.ControlCharacters;
import dev.keygate.web.EnvelopeErrorHandler;
import dev.keygate.web.JsonInputExceptionMapper;
import dev.keygate.web.KeyMaskingLogFilter;
import dev.keygate.web.QueryParameterFilter;
import dev.keygate.web.RequestLogFilter;
import dev.keygate.web.UnexpectedExceptionMapper;
import dev.keygate.web.UnknownQueryParameterFilter;
import dev.keygate.web.ValidationExceptionMapper;
import dev.keygate.web.WebApplicationExceptionMapper;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.jersey.validation.Validators;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/** Keygate: composed by hand here, no DI container. Read top to bottom to see the whole service. */
public class KeygateApplication extends Application<KeygateConfiguration> {

    public static void main(String[] args) throws Exception {
        new KeygateApplication().run(args);
    }

    @Override
    public String getName() {
        return "keygate";
    }

    @Override
    public void initialize(Bootstrap<KeygateConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addCommand(new DbMigrateCommand());
        bootstrap.setValidatorFactory(Validators.newConfiguration()
                .parameterNameProvider(new CachedParameterNames())
                .buildValidatorFactory());
        bootstrap.getObjectMapper()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // A misspelt field is an error, not a silently ignored setting.
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .registerModule(ControlCharacters.jacksonModule());
    }

    @Override
    public void run(KeygateConfiguration config, Environment environment) {
        // First: Dropwizard has just configured logging, and nothing logged from here on may hold a key.
        KeyMaskingLogFilter.install();
        if (config.getServerFactory() instanceof AbstractServerFactory server) {
            // Ours render every error in the one envelope; Dropwizard's defaults would not.
            server.setRegisterDefaultExceptionMappers(false);
        }
        // And the errors Jetty answers itself, before any route: the same envelope, nothing echoed.
        environment.lifecycle().addEventListener(EnvelopeErrorHandler.installer(environment.getObjectMapper()));

        DatabaseSetup.prepare(config).ifPresent(environment.lifecycle()::manage);
        ManagedDataSource dataSource = config.getDatabase().build(environment.metrics(), "postgres");
        // The admin port's /metrics (Prometheus): each feature registers what it counts.
        PrometheusRegistry metrics = MetricsEndpoint.install(environment);
        PoolMetrics.register(metrics, dataSource);
        Migrations.migrate(dataSource);
        Jdbi jdbi = JdbiSetup.configure(new JdbiFactory().build(environment, config.getDatabase(), dataSource, "postgres"));
        JdbiSetup.preloadSqlObjects(jdbi, List.of(KeyDao.class, TeamDao.class, UserDao.class, OrganizationDao.class,
                AuditDao.class));

        String masterKey = MasterKey.resolve(config.getAuth().getMasterKey(), Path.of(config.getDataDir()), System.out);
        Clock clock = Clock.systemUTC();
        Policy policy = new Policy();
        JsonColumns json = new JsonColumns(environment.getObjectMapper());

        // The caller cache, kept exact by the database's change announcements (see auth/cache).
        CallerCache cache = new CallerCache(config.getAuth().getCache());
        ListenConnections listenConnections = new ListenConnections(config.getDatabase().getUrl(),
                config.getDatabase().getUser(), config.getDatabase().getPassword(),
                config.getDatabase().getProperties());
        CacheSync cacheSync = new CacheSync(listenConnections, cache);
        InvalidationListener listener = new InvalidationListener(listenConnections, cache, cacheSync);
        environment.lifecycle().manage(listener);
        CacheMetrics.register(metrics, cache, listener);
        environment.admin().addTask(new CacheSyncTask(cacheSync));
        AuditLog audit = new AuditLog(environment.getObjectMapper(), cacheSync);

        KeyService keys = new KeyService(jdbi, policy, json, audit, clock);
        KeyQueries keyQueries = new KeyQueries(jdbi, policy, json);
        UserService users = new UserService(jdbi, policy, json, audit, keys, keyQueries, clock);
        TeamService teams = new TeamService(jdbi, policy, json, audit, keyQueries, users, clock);

        JwtKeyMappingService jwtKeyMappings = new JwtKeyMappingService(jdbi, policy, audit, keys);
        KeyDirectory keyDirectory = new KeyDirectory(new CallerQuery(dataSource, json), cache, clock);
        AuthenticationMetrics authenticationMetrics = new AuthenticationMetrics();
        authenticationMetrics.register(metrics);
        Authentication authentication = new Authentication(
                new KeyAuthenticator(masterKey, keyDirectory, authenticationMetrics),
                JwtAuthenticator.create(config.getJwt(), jdbi, users, teams, jwtKeyMappings, keyDirectory, cache,
                        environment.getObjectMapper(), clock),
                authenticationMetrics);
        CredentialExtractor extractor = new CredentialExtractor(config.getAuth().getCustomKeyHeader(),
                authenticationMetrics);
        // May an LLM call proceed now: from memory, like authentication, with rate-limit counters in
        // this process or, with a Redis url, shared by every instance (see enforcement).
        Enforcer enforcer = new Enforcer(cache.spends(), jdbi, config.getRateLimits().build(environment.lifecycle()),
                clock);
        SpendWriter spendWriter = new SpendWriter(jdbi, cacheSync);
        environment.lifecycle().manage(spendWriter);
        BudgetResetJob budgetResets = new BudgetResetJob(jdbi, clock, config.getBudgetResetInterval().toJavaDuration());
        environment.lifecycle().manage(budgetResets);
        environment.admin().addTask(new BudgetResetTask(budgetResets));
        environment.jersey().register(new AuthDynamicFeature(ApiKeyAuthFilter.create(extractor, authentication)));
        environment.jersey().register(new AuthValueFactoryProvider.Binder<>(Caller.class));

        // One verifier answers /key/verify and gateways' checks (/authz): one place decides.
        KeyVerifier verifier = new KeyVerifier(authentication, policy, enforcer);
        List<Object> resources = List.of(
                new HealthResource(jdbi),
                new VerifyResource(extractor, verifier),
                new AuthzResource(extractor, verifier),
                new ModelsResource(config.getModels(), jdbi, authentication.keys(), enforcer, clock),
                new KeyV2Resource(keyQueries),
                new UserV2Resource(users),
                new KeyResource(keys, keyQueries, new KeyChanges(jdbi, policy, json, audit, clock)),
                new OrganizationResource(new OrganizationService(jdbi, policy, json, audit, users, clock)),
                new TeamResource(teams),
                new TeamV2Resource(teams),
                new UserResource(users),
                new JwtKeyMappingResource(jwtKeyMappings),
                new BudgetResource(new BudgetService(jdbi, policy, json, audit, clock)),
                new SpendResource(policy, authentication.keys(), spendWriter, enforcer),
                new AuditResource(jdbi, policy, environment.getObjectMapper()));
        resources.forEach(environment.jersey()::register);
        // What the server serves, described twice from one list: as data (/routes) and as OpenAPI.
        List<Class<?>> served = Stream.concat(resources.stream().<Class<?>>map(Object::getClass),
                Stream.of(RoutesResource.class, OpenApiResource.class)).toList();
        environment.jersey().register(new RoutesResource(served));
        environment.jersey().register(new OpenApiResource(served));
        List.of(new ApiExceptionMapper(),
                new WebApplicationExceptionMapper(),
                new JsonInputExceptionMapper(),
                new ValidationExceptionMapper(),
                new UnexpectedExceptionMapper(),
                new CloseConnectionOnErrorFilter(),
                new QueryParameterFilter(),
                new UnknownQueryParameterFilter(),
                new LiteLlmFieldsFilter(LiteLlmRequestFields.load(environment.getObjectMapper()),
                        environment.getObjectMapper()),
                new RequestLogFilter()).forEach(environment.jersey()::register);
        environment.healthChecks().register("database", new DatabaseHealthCheck(jdbi));
    }
}
