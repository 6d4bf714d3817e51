package dev.keygate.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The OpenAI-style error envelope every error response carries:
 * {@code {"error":{"message","type","param","code"}}}. {@code code} is the HTTP status as a string,
 * as LiteLLM sends it.
 */
public record ErrorBody(Detail error) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Detail(String message, String type, String param, String code) {}

    public static ErrorBody of(int status, String type, String message, String param) {
        return new ErrorBody(new Detail(message, type, param, Integer.toString(status)));
    }

    /**
     * An envelope whose {@code code} says more than the status: a gateway's refusal names its verdict
     * ({@code MODEL_NOT_ALLOWED}), so the client learns why without parsing the message.
     */
    public static ErrorBody coded(String code, String type, String message) {
        return new ErrorBody(new Detail(message, type, null, code));
    }

    /** The {@code type} an error of this status carries when nothing more specific applies. */
    public static String typeOf(int status) {
        return switch (status) {
            case 401 -> "auth_error";
            case 403 -> "permission_denied";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "internal_server_error" : "invalid_request_error";
        };
    }
}
