package dev.keygate.jwt;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import java.util.List;

/** {@code scope_mappings} entry: a scope the token carries → the models and routes it grants. */
public class ScopeMapping {

    @NotBlank
    private String scope;

    private List<String> models = List.of();

    private List<String> routes = List.of();

    @JsonProperty("scope")
    public String getScope() {
        return scope;
    }

    @JsonProperty("scope")
    public void setScope(String scope) {
        this.scope = scope;
    }

    @JsonProperty("models")
    public List<String> getModels() {
        return models;
    }

    @JsonProperty("models")
    public void setModels(List<String> models) {
        this.models = models == null ? List.of() : models;
    }

    /** Paths, exact or a prefix ending in {@code *}. */
    @JsonProperty("routes")
    public List<String> getRoutes() {
        return routes;
    }

    @JsonProperty("routes")
    public void setRoutes(List<String> routes) {
        this.routes = routes == null ? List.of() : routes;
    }
}
