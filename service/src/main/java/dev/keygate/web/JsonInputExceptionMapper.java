package dev.keygate.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.stream.Collectors;

/**
 * Request bodies that are not JSON (400), or JSON of the wrong shape: an unknown field or a value of
 * the wrong type (422, naming the field). Jackson's own message is not echoed: it can quote input.
 */
public final class JsonInputExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException e) {
        if (e instanceof StreamReadException) {
            return ErrorResponses.of(400, "invalid_request_error", "Malformed JSON in request body", null);
        }
        String field = e instanceof JsonMappingException mapping ? fieldPath(mapping) : null;
        String message;
        if (e instanceof UnrecognizedPropertyException) {
            message = "Unknown field: " + field;
        } else if (field == null || field.isEmpty()) {
            message = "Request body has the wrong shape";
        } else {
            message = "Invalid value for field: " + field;
        }
        return ErrorResponses.of(422, "invalid_request_error", message, field);
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
