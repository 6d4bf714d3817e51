package dev.keygate.openapi;

import com.fasterxml.jackson.annotation.JsonView;
import io.dropwizard.auth.Auth;
import io.swagger.v3.jaxrs2.ResolvedParameter;
import io.swagger.v3.jaxrs2.ext.AbstractOpenAPIExtension;
import io.swagger.v3.jaxrs2.ext.OpenAPIExtension;
import io.swagger.v3.oas.models.Components;
import jakarta.ws.rs.Consumes;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The {@code @Auth Caller} parameter is the authenticated caller, filled from the credential
 * headers: not a request body, which swagger would take any parameter without a JAX-RS annotation
 * for. The credential itself is in the document's security schemes. Registered through
 * {@code META-INF/services}, ahead of swagger's default extension.
 */
public final class AuthParameterExtension extends AbstractOpenAPIExtension {

    @Override
    public ResolvedParameter extractParameters(List<Annotation> annotations, Type type, Set<Type> typesToSkip,
                                               Components components, Consumes classConsumes,
                                               Consumes methodConsumes, boolean includeRequestBody,
                                               JsonView jsonViewAnnotation, Iterator<OpenAPIExtension> chain) {
        if (annotations.stream().anyMatch(Auth.class::isInstance) || !chain.hasNext()) {
            return new ResolvedParameter();
        }
        // Swagger configures only the first extension of the chain (OpenAPI 3.1, the schema resolver
        // with our schema names); the next one, its default, needs the same or it writes 3.0 schemas.
        OpenAPIExtension next = chain.next();
        next.setConfiguration(configuration);
        return next.extractParameters(annotations, type, typesToSkip, components, classConsumes, methodConsumes,
                includeRequestBody, jsonViewAnnotation, chain);
    }
}
