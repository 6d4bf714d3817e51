package dev.keygate;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keygate.auth.AuthConfig;
import dev.keygate.enforcement.RateLimitsConfig;
import dev.keygate.jwt.JwtConfig;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The whole configuration: Dropwizard's server section plus small Keygate sections and the list of models. */
public class KeygateConfiguration extends Configuration {

    /** The url {@value} (the default of {@code DATABASE_URL}) makes Keygate start its own embedded Postgres. */
    public static final String EMBEDDED_DATABASE = "embedded";

    @Valid
    @NotNull
    private DataSourceFactory database = new DataSourceFactory();

    @Valid
    @NotNull
    private AuthConfig auth = new AuthConfig();

    @Valid
    @NotNull
    private JwtConfig jwt = new JwtConfig();

    /**
     * Models the gateway serves, listed by {@code GET /v1/models} (to the keys that may call them)
     * beside every model named on a key or a team.
     */
    @NotNull
    private List<@NotBlank String> models = List.of();

    @Valid
    @NotNull
    private RateLimitsConfig rateLimits = new RateLimitsConfig();

    /** Where the embedded database and the generated master key live. */
    @NotEmpty
    private String dataDir = "./data";

    /** How often each instance looks for budgets whose window ended (one instance resets them). */
    @NotNull
    private Duration budgetResetInterval = Duration.seconds(10);

    @JsonProperty("database")
    public DataSourceFactory getDatabase() {
        return database;
    }

    @JsonProperty("database")
    public void setDatabase(DataSourceFactory database) {
        this.database = database;
    }

    @JsonProperty("auth")
    public AuthConfig getAuth() {
        return auth;
    }

    @JsonProperty("auth")
    public void setAuth(AuthConfig auth) {
        this.auth = auth;
    }

    @JsonProperty("jwt")
    public JwtConfig getJwt() {
        return jwt;
    }

    @JsonProperty("jwt")
    public void setJwt(JwtConfig jwt) {
        this.jwt = jwt;
    }

    @JsonProperty("models")
    public List<String> getModels() {
        return models;
    }

    @JsonProperty("models")
    public void setModels(List<String> models) {
        this.models = models;
    }

    @JsonProperty("rateLimits")
    public RateLimitsConfig getRateLimits() {
        return rateLimits;
    }

    @JsonProperty("rateLimits")
    public void setRateLimits(RateLimitsConfig rateLimits) {
        this.rateLimits = rateLimits;
    }

    @JsonProperty("dataDir")
    public String getDataDir() {
        return dataDir;
    }

    @JsonProperty("dataDir")
    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    @JsonProperty("budgetResetInterval")
    public Duration getBudgetResetInterval() {
        return budgetResetInterval;
    }

    @JsonProperty("budgetResetInterval")
    public void setBudgetResetInterval(Duration budgetResetInterval) {
        this.budgetResetInterval = budgetResetInterval;
    }

    public boolean usesEmbeddedDatabase() {
        String url = database.getUrl();
        return url == null || url.isBlank() || EMBEDDED_DATABASE.equals(url);
    }
}
