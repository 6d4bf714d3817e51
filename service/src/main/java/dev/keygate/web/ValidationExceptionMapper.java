package dev.keygate.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Comparator;

/** Bean-validation failures (for example a negative budget) as 422, naming the first field. */
public final class ValidationExceptionMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException e) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream()
                .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .orElse(null);
        if (first == null) {
            return ErrorResponses.of(422, "invalid_request_error", "Invalid request", null);
        }
        String field = leafName(first.getPropertyPath());
        return ErrorResponses.of(422, "invalid_request_error", field + " " + first.getMessage(), field);
    }

    private static String leafName(Path path) {
        String name = null;
        for (Path.Node node : path) {
            if (node.getKind() == jakarta.validation.ElementKind.PROPERTY
                    || node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
                name = node.getName();
            }
        }
        // Java names are camelCase; clients know the snake_case wire names.
        return (name == null ? path.toString() : name).replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
