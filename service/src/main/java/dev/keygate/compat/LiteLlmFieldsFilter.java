package dev.keygate.compat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 *
 * <p>On the routes where LiteLLM keeps some of its fields in the object's metadata
 * ({@link LiteLlmMetadataFields}), their values are kept, taken out or not: a create's body gets them in
 * its {@code metadata} (so they are held to its limits as it is read), an update's body is handed them
 * ({@link LiteLlmMetadataFields.Carrier}) to set over the metadata once the object is read.
 */
public final class LiteLlmFieldsFilter implements ReaderInterceptor, ContainerResponseFilter {

    public static final String HEADER = "x-keygate-ignored-fields";
    private static final String IGNORED = LiteLlmFieldsFilter.class.getName() + ".ignored";

    private final LiteLlmRequestFields litellm;
    private final ObjectMapper mapper;
    /** Reads numbers exactly as they were written: the body is written again after fields are taken out. */
    private final ObjectReader exactTreeReader;
    /** Per resource method: the fields LiteLLM declares there that its body type does not model. */
    private final Map<Method, Droppable> droppable = new ConcurrentHashMap<>();

    /**
     * Top-level fields, and per list of objects ({@code keys}) the fields of its items, to take out; and
     * how the route keeps LiteLLM's metadata fields ({@link LiteLlmMetadataFields}), with whether its
     * items are updates that keep them.
     */
    private record Droppable(Set<String> fields, Map<String, Set<String>> itemFields,
                             LiteLlmMetadataFields.Storing storing, boolean itemsStore) {

        static final Droppable NONE = new Droppable(Set.of(), Map.of(), LiteLlmMetadataFields.Storing.NONE, false);

        boolean isEmpty() {
            return fields.isEmpty() && itemFields.isEmpty() && storing == LiteLlmMetadataFields.Storing.NONE
                    && !itemsStore;
        }
    }

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
        Droppable drop = method == null ? Droppable.NONE
                : droppable.computeIfAbsent(method, m -> droppableFields(m, context));
        if (drop.isEmpty()) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        Set<String> ignored = new LinkedHashSet<>();
        ObjectNode kept = null;
        List<ObjectNode> keptByItem = new ArrayList<>();
        try {
            if (exactTreeReader.readTree(body) instanceof ObjectNode object) {
                boolean rewritten = false;
                if (drop.storing() != LiteLlmMetadataFields.Storing.NONE) {
                    kept = metadataFieldsOf(object);
                }
                if (drop.itemsStore()) {
                    object.path(LiteLlmMetadataFields.BULK_ITEMS).forEach(item -> keptByItem.add(
                            item instanceof ObjectNode itemObject ? metadataFieldsOf(itemObject) : null));
                }
                takeOut(object, drop.fields(), "", "", ignored);
                drop.itemFields().forEach((list, fields) -> {
                    int index = 0;
                    for (JsonNode item : object.path(list)) {
                        if (item instanceof ObjectNode itemObject) {
                            takeOut(itemObject, fields, list + "[" + index + "].", list + "[].", ignored);
                        }
                        index++;
                    }
                });
                if (drop.storing() == LiteLlmMetadataFields.Storing.CREATE && !kept.isEmpty()) {
                    // LiteLLM's _set_object_metadata_field: into the metadata the new object is created with.
                    JsonNode metadata = object.get("metadata");
                    if (metadata == null || metadata.isNull()) {
                        object.set("metadata", kept);
                    } else if (metadata instanceof ObjectNode sent) {
                        sent.setAll(kept);
                    }
                    rewritten = true;
                }
                if (!ignored.isEmpty() || rewritten) {
                    body = mapper.writeValueAsBytes(object);
                }
                if (!ignored.isEmpty()) {
                    context.setProperty(IGNORED, List.copyOf(ignored));
                }
            }
        } catch (JsonProcessingException notJson) {
            // Passed on as it came: reading it as the route's body type reports it as usual.
        }
        context.setInputStream(new ByteArrayInputStream(body));
        Object read = context.proceed();
        if (drop.storing() == LiteLlmMetadataFields.Storing.UPDATE && kept != null
                && read instanceof LiteLlmMetadataFields.Carrier update) {
            update.keptInMetadata().set(plain(kept, ""));
        }
        if (read instanceof LiteLlmMetadataFields.ItemCarriers bulk) {
            List<? extends LiteLlmMetadataFields.Carrier> items = bulk.carriers();
            for (int index = 0; index < Math.min(items.size(), keptByItem.size()); index++) {
                if (items.get(index) != null && keptByItem.get(index) != null) {
                    items.get(index).keptInMetadata().set(
                            plain(keptByItem.get(index), LiteLlmMetadataFields.BULK_ITEMS + "[" + index + "]."));
                }
            }
        }
        return read;
    }

    /** The metadata fields LiteLLM would keep from this object: those sent with a value (null changes nothing). */
    private static ObjectNode metadataFieldsOf(ObjectNode object) {
        ObjectNode kept = JsonNodeFactory.instance.objectNode();
        object.fields().forEachRemaining(field -> {
            if (LiteLlmMetadataFields.FIELDS.contains(field.getKey()) && !field.getValue().isNull()) {
                kept.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        return kept;
    }

    /**
     * The kept fields as the plain values a metadata map holds, read as the body's own metadata is (so a
     * string with a control character is refused, 422 naming the field, as it would be there).
     */
    private Map<String, Object> plain(ObjectNode kept, String at) {
        Map<String, Object> entries = new LinkedHashMap<>();
        kept.fields().forEachRemaining(field -> {
            try {
                entries.put(field.getKey(), mapper.readerFor(Object.class).readValue(field.getValue()));
            } catch (IOException refused) {
                throw new ApiException(422, "invalid_request_error",
                        at + field.getKey() + " is not a value Keygate can store", at + field.getKey());
            }
        });
        return entries;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(IGNORED) instanceof List<?> ignored) {
            response.getHeaders().putSingle(HEADER, String.join(", ", ignored.stream().map(String::valueOf).toList()));
        }
    }

    /**
     * Takes the fields in {@code drop} out of {@code object}, each refused unless ignorable; those taken
     * are added to {@code ignored} as {@code named} + field ({@code keys[].budget_id}), a refusal names
     * {@code at} + field ({@code keys[0].budget_id}).
     */
    private void takeOut(ObjectNode object, Set<String> drop, String at, String named, Set<String> ignored) {
        List<String> taken = new ArrayList<>();
        object.fields().forEachRemaining(field -> {
            if (drop.contains(field.getKey())) {
                refuseUnlessIgnorable(field.getKey(), field.getValue(), at + field.getKey());
                taken.add(field.getKey());
            }
        });
        object.remove(taken);
        taken.forEach(field -> ignored.add(named + field));
    }

    /**
     * A field Keygate does not act on passes when it is ignorable, or when it asks for nothing (null,
     * false, empty: LiteLLM's UI sends every field it knows, most of them unset). Any other value would
     * be dropped while the client believes it took effect: refused. Unclassified fields are refused too
     * (LiteLlmFieldClassificationTest keeps there being none).
     */
    private void refuseUnlessIgnorable(String field, JsonNode value, String param) {
        if (litellm.isIgnored(field) || asksForNothing(value)) {
            return;
        }
        String why = litellm.whyUnsupported(field);
        throw ApiException.unsupported("Field " + param + " is not supported: "
                + (why != null ? why : "Keygate does not act on it"), param);
    }

    private static boolean asksForNothing(JsonNode value) {
        return value.isNull() || (value.isBoolean() && !value.booleanValue())
                || (value.isContainerNode() && value.isEmpty());
    }

    private Droppable droppableFields(Method method, ReaderInterceptorContext context) {
        Route route = Route.of(resourceInfo.getResourceClass(), method);
        if (route == null) {
            return Droppable.NONE;
        }
        JavaType body = mapper.constructType(context.getGenericType());
        return new Droppable(litellm.unmodelled(route, body, mapper), litellm.unmodelledInItems(route, body, mapper),
                LiteLlmMetadataFields.storingOn(route.toString()),
                route.toString().equals(LiteLlmMetadataFields.BULK_ROUTE));
    }
}
