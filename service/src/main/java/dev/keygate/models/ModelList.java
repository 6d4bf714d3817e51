package dev.keygate.models;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** OpenAI's model list: {@code {"object":"list","data":[{"id","object":"model","created","owned_by"}]}}. */
public record ModelList(String object, List<Model> data) {

    static ModelList of(List<String> ids, long created) {
        return new ModelList("list", ids.stream().map(id -> new Model(id, "model", created, "keygate")).toList());
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Model(String id, String object, long created, String ownedBy) {}
}
