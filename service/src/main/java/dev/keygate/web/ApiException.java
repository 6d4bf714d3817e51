package dev.keygate.web;

import jakarta.ws.rs.core.Response.Status;

/** An error with a status and a message meant for the client; rendered as {@link ErrorBody}. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String param;

    public ApiException(int status, String type, String message, String param) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(Status.UNAUTHORIZED.getStatusCode(), "auth_error", message, null);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(Status.FORBIDDEN.getStatusCode(), "permission_denied", message, null);
    }

    public static ApiException notFound(String message, String param) {
        return new ApiException(Status.NOT_FOUND.getStatusCode(), "not_found_error", message, param);
    }

    public static ApiException badRequest(String message, String param) {
        return new ApiException(Status.BAD_REQUEST.getStatusCode(), "invalid_request_error", message, param);
    }

    /** Well-formed input Keygate cannot honour (yet): a LiteLLM field whose effect Keygate does not have. */
    public static ApiException unsupported(String message, String param) {
        return new ApiException(422, "invalid_request_error", message, param);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(Status.SERVICE_UNAVAILABLE.getStatusCode(), "service_unavailable", message, null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String param() {
        return param;
    }

    public ErrorBody body() {
        return ErrorBody.of(status, type, getMessage(), param);
    }
}
