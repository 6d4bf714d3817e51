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
}
