package dev.keygate.jwt;

import dev.keygate.web.ApiException;
import dev.keygate.web.ControlCharacters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;

/**
 * Reads configured claims from a verified token. A field is a claim name or a dot path into nested
 * claims ({@code realm_access.roles}); a name that exists as it stands wins, since providers put dots
 * in claim names ({@code https://example.com/roles}). A list where one value is expected gives its
 * first element; a single value where a list is expected is a list of one. A claim of any other type,
 * or text with a control character (ids and emails are stored, and Postgres cannot store NUL), is the
 * token's fault: 401 naming the claim, never a 400 or a 500.
 */
final class ClaimReader {

    private final JwtClaims claims;

    ClaimReader(JwtClaims claims) {
        this.claims = claims;
    }

    /** The claim's value as one string; null when the field is unset or the claim absent (or an empty list). */
    String string(String field) {
        Object value = find(field);
        if (value instanceof Collection<?> list) {
            value = list.isEmpty() ? null : list.iterator().next();
        }
        if (value == null || value instanceof String) {
            return value == null || ((String) value).isBlank() ? null : text(field, (String) value);
        }
        throw wrongType(field, "a string");
    }

    /** The claim's values as strings; empty when the field is unset or the claim absent. */
    List<String> strings(String field) {
        Object value = find(field);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String single) {
            return single.isBlank() ? List.of() : List.of(text(field, single));
        }
        if (value instanceof Collection<?> list) {
            List<String> result = new ArrayList<>(list.size());
            for (Object element : list) {
                if (!(element instanceof String text)) {
                    throw wrongType(field, "a list of strings");
                }
                result.add(text(field, text));
            }
            return result;
        }
        throw wrongType(field, "a string or a list of strings");
    }

    /** OAuth scopes: {@code scope} as a space-separated string (RFC 8693) or a list, else {@code scp}. */
    List<String> scopes() {
        for (String field : List.of("scope", "scp")) {
            Object value = claims.getClaimValue(field);
            if (value instanceof String text) {
                return Arrays.stream(text.split(" ")).filter(scope -> !scope.isEmpty()).toList();
            }
            if (value != null) {
                return strings(field);
            }
        }
        return List.of();
    }

    private Object find(String field) {
        if (field == null || field.isBlank()) {
            return null;
        }
        Map<String, Object> level = claims.getClaimsMap();
        if (level.containsKey(field)) {
            return level.get(field);
        }
        String[] path = field.split("\\.");
        Object value = level;
        for (String step : path) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(step);
        }
        return value;
    }

    private static String text(String field, String value) {
        if (ControlCharacters.contains(value)) {
            throw ApiException.unauthorized("Invalid token: claim '" + field + "' contains a control character");
        }
        return value.strip();
    }

    private static ApiException wrongType(String field, String expected) {
        return ApiException.unauthorized("Invalid token: claim '" + field + "' must be " + expected);
    }
}
