package dev.keygate.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.Map;

/** jsonb columns travel as JSON text between Java and Postgres ({@code CAST(:x AS jsonb)}). */
public final class JsonColumns {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final ObjectMapper mapper;
    /** Resolved once: a type reference passed per call is resolved again on every read. */
    private final ObjectReader objects;

    public JsonColumns(ObjectMapper mapper) {
        this.mapper = mapper;
        this.objects = mapper.readerFor(OBJECT);
    }

    public String write(Map<String, ?> value) {
        try {
            return mapper.writeValueAsString(value == null ? Map.of() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Value cannot be stored as JSON", e);
        }
    }

    public Map<String, Object> read(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return objects.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is not an object", e);
        }
    }
}
