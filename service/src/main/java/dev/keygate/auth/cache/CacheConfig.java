package dev.keygate.auth.cache;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code auth.cache:} section. Invalidation is exact (every change is announced by the
 * database), so the TTLs are only a safety net; the sizes bound memory.
 */
public class CacheConfig {

    /** Off: every request asks the database (for debugging; the invalidation listener still runs). */
    private boolean enabled = true;

    /** Known keys remembered, each a few hundred bytes. */
    @Min(0)
    @Max(10_000_000)
    private long maxEntries = 100_000;

    @NotNull
    private Duration ttl = Duration.minutes(10);

    /** Unknown keys remembered, so a flood of random keys neither reaches the database nor grows memory. */
    @Min(0)
    @Max(10_000_000)
    private long unknownMaxEntries = 10_000;

    @NotNull
    private Duration unknownTtl = Duration.minutes(1);

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public long getMaxEntries() {
        return maxEntries;
    }

    @JsonProperty
    public void setMaxEntries(long maxEntries) {
        this.maxEntries = maxEntries;
    }

    @JsonProperty
    public Duration getTtl() {
        return ttl;
    }

    @JsonProperty
    public void setTtl(Duration ttl) {
        this.ttl = ttl;
    }

    @JsonProperty
    public long getUnknownMaxEntries() {
        return unknownMaxEntries;
    }

    @JsonProperty
    public void setUnknownMaxEntries(long unknownMaxEntries) {
        this.unknownMaxEntries = unknownMaxEntries;
    }

    @JsonProperty
    public Duration getUnknownTtl() {
        return unknownTtl;
    }

    @JsonProperty
    public void setUnknownTtl(Duration unknownTtl) {
        this.unknownTtl = unknownTtl;
    }
}
