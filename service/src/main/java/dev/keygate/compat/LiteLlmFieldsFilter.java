package dev.keygate.compat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keygate.routes.RoutesResource.Route;
import dev.keygate.web.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a LiteLLM client send what LiteLLM accepts. A body field that LiteLLM's request model declares
 * for the route but Keygate does not model is taken out of the body before it is read, and the
 * answer names it in {@value #HEADER}, so the client can see what had no effect; unless Keygate
 * refuses it ({@link LiteLlmRequestFields#whyUnsupported}): then the request is a 422 naming the field
 * and why, before anything is done. Any other unknown field still reaches Jackson and is a 422 naming
 * it: typos are not swallowed. A body without such fields is passed on untouched.
 */
public final class LiteLlmFieldsFilter implements ReaderInterceptor, ContainerResponseFilter {

    public static final String HEADER = "x-keygate-ignored-fields";
    private static final String IGNORED = LiteLlmFieldsFilter.class.getName() + ".ignored";

    private final LiteLlmRequestFields litellm;
    private final ObjectMapper mapper;
    /** Reads numbers exactly as they were written: the body is written again after fields are taken out. */
    private final ObjectReader exactTreeReader;
    /** Per resource method: the fields LiteLLM declares there that its body type does not model. */
    private final Map<Method, Set<String>> droppable = new ConcurrentHashMap<>();

    @Context
    private ResourceInfo resourceInfo;

    public LiteLlmFieldsFilter(LiteLlmRequestFields litellm, ObjectMapper mapper) {
        this.litellm = litellm;
        this.mapper = mapper;
        this.exactTreeReader = mapper.reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .with(JsonNodeFactory.withExactBigDecimals(true));
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        Set<String> drop = method == null ? Set.of()
                : droppable.computeIfAbsent(method, m -> droppableFields(m, context));
        if (drop.isEmpty()) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        List<String> ignored = new ArrayList<>();
        try {
            if (exactTreeReader.readTree(body) instanceof ObjectNode object) {
                object.fields().forEachRemaining(field -> {
                    if (drop.contains(field.getKey())) {
                        refuseUnlessIgnorable(field.getKey(), field.getValue());
                        ignored.add(field.getKey());
                    }
                });
                if (!ignored.isEmpty()) {
                    object.remove(ignored);
                    body = mapper.writeValueAsBytes(object);
                    context.setProperty(IGNORED, List.copyOf(ignored));
                }
            }
        } catch (JsonProcessingException notJson) {
            // Passed on as it came: reading it as the route's body type reports it as usual.
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(IGNORED) instanceof List<?> ignored) {
            response.getHeaders().putSingle(HEADER, String.join(", ", ignored.stream().map(String::valueOf).toList()));
        }
    }

    /**
     * A field Keygate does not act on passes when it is ignorable, or when it asks for nothing (null,
     * false, empty: LiteLLM's UI sends every field it knows, most of them unset). Any other value would
     * be dropped while the client believes it took effect: refused. Unclassified fields are refused too
     * (LiteLlmFieldClassificationTest keeps there being none).
     */
    private void refuseUnlessIgnorable(String field, JsonNode value) {
        if (litellm.isIgnored(field) || asksForNothing(value)) {
            return;
        }
        String why = litellm.whyUnsupported(field);
        throw ApiException.unsupported("Field " + field + " is not supported: "
                + (why != null ? why : "Keygate does not act on it"), field);
    }

    private static boolean asksForNothing(JsonNode value) {
        return value.isNull() || (value.isBoolean() && !value.booleanValue())
                || (value.isContainerNode() && value.isEmpty());
    }

    private Set<String> droppableFields(Method method, ReaderInterceptorContext context) {
        Route route = Route.of(resourceInfo.getResourceClass(), method);
        return route == null ? Set.of() : litellm.unmodelled(route, mapper.constructType(context.getGenericType()), mapper);
    }
}
