package dev.keygate.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds the JSON response for an {@link ErrorBody}; the one place error responses are made. */
public final class ErrorResponses {

    private ErrorResponses() {}

    public static Response of(int status, String type, String message, String param) {
        return of(status, ErrorBody.of(status, type, message, param));
    }

    public static Response of(int status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
