package dev.keygate.gateway;

import dev.keygate.enforcement.CallRequest;
import dev.keygate.web.ApiException;
import dev.keygate.web.ControlCharacters;
import dev.keygate.web.InputLimits;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LLM call a gateway is about to forward, read from its check request. The route: Envoy appends
 * the original path to the check's path ({@code /authz/v1/chat/completions}); nginx sends its
 * subrequest to a fixed location ({@code /authz} or {@code /authz/nginx}) with the original in
 * {@code X-Original-URI}. The query string is never part of the route. The model: the
 * {@code x-keygate-model} header, else the deployment named in an Azure-style path
 * ({@code /openai/deployments/{model}/...}). The original method decides nothing: route classes are
 * by path, as in LiteLLM.
 */
final class ForwardedCall {

    static final String MODEL = "x-keygate-model";
    static final String FALLBACKS = "x-keygate-fallbacks";
    static final String ESTIMATED_TOKENS = "x-keygate-estimated-tokens";
    static final String ORIGINAL_URI = "x-original-uri";
    /** The location an nginx config may name instead of plain {@code /authz}. */
    private static final String NGINX = "nginx";
    private static final int MAX_ROUTE = 2048;
    private static final int MAX_FALLBACKS = 100;
    /** Azure OpenAI's path, and OpenAI's older engines path, both name the model (deployment) in the path. */
    private static final Pattern MODEL_IN_PATH = Pattern.compile("^/(?:openai/deployments|engines)/([^/]+)(?:/.*)?$");

    private ForwardedCall() {}

    /** @param suffix the check's path after {@code /authz/} */
    static CallRequest of(String suffix, ContainerRequestContext request) {
        String route = suffix.isEmpty() || suffix.equals(NGINX) ? originalUri(request) : "/" + suffix;
        if (route.length() > MAX_ROUTE || ControlCharacters.contains(route)) {
            throw ApiException.badRequest("The forwarded path must be at most " + MAX_ROUTE
                    + " characters, without control characters", null);
        }
        String model = header(request, MODEL);
        if (model == null) {
            Matcher inPath = MODEL_IN_PATH.matcher(route);
            model = inPath.matches() ? inPath.group(1) : null;
        }
        return new CallRequest(route, name(model, MODEL), fallbacks(request), estimatedTokens(request));
    }

    /** nginx's {@code X-Original-URI} ({@code $request_uri}: encoded, with its query): the path, decoded. */
    private static String originalUri(ContainerRequestContext request) {
        String uri = header(request, ORIGINAL_URI);
        if (uri == null) {
            throw ApiException.badRequest("Send the original request's path: in " + ORIGINAL_URI
                    + " (nginx: proxy_set_header X-Original-URI $request_uri), or after /authz (Envoy: path_prefix)",
                    ORIGINAL_URI);
        }
        try {
            String path = URI.create(uri).getPath();
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("not a path");
            }
            return path;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ORIGINAL_URI + " must be a request path, such as /v1/chat/completions",
                    ORIGINAL_URI);
        }
    }

    private static List<String> fallbacks(ContainerRequestContext request) {
        String value = header(request, FALLBACKS);
        if (value == null) {
            return List.of();
        }
        List<String> names = Arrays.stream(value.split(",")).map(String::strip).filter(name -> !name.isEmpty())
                .map(name -> name(name, FALLBACKS)).toList();
        if (names.size() > MAX_FALLBACKS) {
            throw ApiException.badRequest(FALLBACKS + " may name at most " + MAX_FALLBACKS + " models", FALLBACKS);
        }
        return names;
    }

    private static long estimatedTokens(ContainerRequestContext request) {
        String value = header(request, ESTIMATED_TOKENS);
        if (value == null) {
            return 0;
        }
        try {
            long tokens = Long.parseLong(value);
            if (tokens >= 0) {
                return tokens;
            }
        } catch (NumberFormatException e) {
            // answered below, as a negative count is
        }
        throw ApiException.badRequest(ESTIMATED_TOKENS + " must be a whole number of tokens, 0 or more",
                ESTIMATED_TOKENS);
    }

    private static String name(String value, String header) {
        if (value != null && (value.length() > InputLimits.NAME || ControlCharacters.contains(value))) {
            throw ApiException.badRequest(header + " must name models of at most " + InputLimits.NAME
                    + " characters, without control characters", header);
        }
        return value;
    }

    /** A header's value, stripped; null when absent or blank. */
    private static String header(ContainerRequestContext request, String name) {
        String value = request.getHeaderString(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
