package dev.keygate.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keygate.routes.RoutesResource.Route;
import dev.keygate.web.ErrorBody;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI 3.1 document of Keygate's API, read from the JAX-RS resources by swagger-core (paths,
 * parameters, request and response schemas from the records the resources take and return), then
 * completed here in one place rather than by annotations on every resource: the security schemes,
 * the error envelope every 4xx and 5xx answer carries, and each operation's LiteLLM counterpart
 * ({@code x-litellm-route}). Rendered canonically (keys sorted, no timestamps), so the same
 * resources always give the same bytes: the served document and {@code docs/openapi.json} compare
 * equal.
 */
public final class OpenApiDocument {

    static final String LITELLM_ROUTE = "x-litellm-route";
    /** The {@value #LITELLM_ROUTE} of a route LiteLLM does not have. */
    static final String KEYGATE_ONLY = "keygate-only";
    static final String ERROR_SCHEMA = "ErrorBody";

    /** How a credential may be sent: the headers auth/CredentialExtractor reads, in its order. */
    private static final Map<String, SecurityScheme> SCHEMES = schemes();

    /** Two-space indents, {@code "key": value}: as the JSON files beside it are written. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

    static {
        // Swagger names schemas by simple class name; nested records (TeamResponses.Info,
        // UserResponses.Info) need their enclosing class in the name or they collide.
        ModelConverters.getInstance(true).addConverter(new ModelResolver(Json31.mapper(), new SchemaNames()).openapi31(true));
    }

    private OpenApiDocument() {}

    /** The document of these resources, as served at GET /openapi.json and committed as docs/openapi.json. */
    public static String json(Collection<Class<?>> resources) {
        OpenAPI document = build(resources);
        try {
            ObjectMapper mapper = Json31.mapper();
            JsonNode tree = sorted(mapper.valueToTree(document));
            return mapper.writer(PRETTY).writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not render the OpenAPI document", e);
        }
    }

    static OpenAPI build(Collection<Class<?>> resources) {
        List<Class<?>> ordered = resources.stream().sorted(Comparator.comparing(Class::getName)).toList();
        SwaggerConfiguration config = new SwaggerConfiguration()
                .openAPI31(true)
                .defaultResponseCode("200")
                .openAPI(new OpenAPI().info(info()));
        OpenAPI document = new Reader(config).read(new LinkedHashSet<>(ordered));
        Components components = document.getComponents() == null ? new Components() : document.getComponents();
        document.setComponents(components);
        ModelConverters.getInstance(true).readAll(ErrorBody.class).forEach(components::addSchemas);
        components.setResponses(new TreeMap<>(errorResponses()));
        components.setSecuritySchemes(new TreeMap<>(SCHEMES));
        document.setSecurity(SCHEMES.keySet().stream().map(name -> new SecurityRequirement().addList(name)).toList());

        LiteLlmRoutes litellm = LiteLlmRoutes.load(Json31.mapper());
        int described = 0;
        for (Class<?> resource : ordered) {
            boolean open = resource.isAnnotationPresent(PublicRoute.class);
            for (Method method : resource.getDeclaredMethods()) {
                Route route = Route.of(resource, method);
                if (route != null) {
                    Operation operation = operationOf(document, route);
                    complete(operation, route, open, litellm);
                    described++;
                }
            }
        }
        long operations = document.getPaths().values().stream().mapToLong(item -> item.readOperations().size()).sum();
        if (operations != described) {
            // A route swagger reads another way than /routes (a sub-resource locator, say) is missing here.
            throw new IllegalStateException("swagger described " + operations + " operations, the resources serve "
                    + described + " routes");
        }
        return document;
    }

    private static Operation operationOf(OpenAPI document, Route route) {
        PathItem item = document.getPaths() == null ? null : document.getPaths().get(Templates.plain(route.path()));
        Operation operation = item == null ? null
                : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(route.method()));
        if (operation == null) {
            throw new IllegalStateException("swagger did not describe " + route);
        }
        return operation;
    }

    private static void complete(Operation operation, Route route, boolean open, LiteLlmRoutes litellm) {
        operation.setOperationId(Templates.operationId(route));
        operation.setTags(List.of(Templates.tag(route.path())));
        ApiResponse answer = operation.getResponses().get("200");
        if (answer != null && Reader.DEFAULT_DESCRIPTION.equals(answer.getDescription())) {
            answer.setDescription("OK");
        }
        operation.getResponses().addApiResponse("4XX", reference("Error"));
        operation.getResponses().addApiResponse("5XX", reference("Error"));
        if (open) {
            operation.setSecurity(List.of());
        } else {
            operation.getResponses().addApiResponse("401", reference("Unauthorized"));
            operation.getResponses().addApiResponse("403", reference("Forbidden"));
        }
        operation.addExtension(LITELLM_ROUTE, litellm.counterpartOf(route.toString()).orElse(KEYGATE_ONLY));
    }

    private static Info info() {
        return new Info()
                .title("Keygate")
                .version("0.1.0")
                .description("""
                        Auth and key management for LLM gateways, wire-compatible with LiteLLM's management API \
                        (same routes, same snake_case fields). Every error is the envelope \
                        {"error": {"message", "type", "param", "code"}}, code the HTTP status as a string. \
                        Each operation's x-litellm-route names LiteLLM's method and path for it, keygate-only \
                        where LiteLLM has none. Who may call what: docs/authz.md; the routes in prose: docs/api.md.""");
    }

    private static Map<String, ApiResponse> errorResponses() {
        return Map.of(
                "Error", envelope("An error, in the envelope every error carries"),
                "Unauthorized", envelope("No credential, or one that names no usable key or token"),
                "Forbidden", envelope("Authenticated, but not allowed to call this route or to act on this object: nothing changed"));
    }

    private static ApiResponse envelope(String description) {
        Schema<?> schema = new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA);
        return new ApiResponse().description(description)
                .content(new Content().addMediaType("application/json", new MediaType().schema(schema)));
    }

    private static ApiResponse reference(String name) {
        return new ApiResponse().$ref("#/components/responses/" + name);
    }

    private static Map<String, SecurityScheme> schemes() {
        Map<String, SecurityScheme> schemes = new LinkedHashMap<>();
        schemes.put("litellm_api_key", header("x-litellm-api-key",
                "A key, bare or as \"Bearer sk-...\": LiteLLM's own header, read first"));
        schemes.put("bearer_key", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("sk-...")
                .description("Authorization: Bearer with a virtual key or the master key (sk-...)"));
        schemes.put("bearer_jwt", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT")
                .description("Authorization: Bearer with an identity provider's token, when sign-in is"
                        + " configured (docs/jwt.md)"));
        schemes.put("azure_api_key", header("api-key", "A key in Azure OpenAI's header"));
        schemes.put("anthropic_api_key", header("x-api-key", "A key in Anthropic's header"));
        schemes.put("google_api_key", header("x-goog-api-key", "A key in Google's header"));
        return schemes;
    }

    private static SecurityScheme header(String name, String description) {
        return new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name(name)
                .description(description);
    }

    /** Object keys in order at every level; arrays keep theirs (parameter order means something). */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.stream().sorted().forEach(name -> sorted.set(name, sorted(node.get(name))));
            return sorted;
        }
        if (node.isArray()) {
            var array = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> array.add(sorted(item)));
            return array;
        }
        return node;
    }
}
