package dev.keygate.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.glassfish.jersey.model.Parameter.Source;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.Parameter;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * A query parameter the matched route does not take is 400 naming it. JAX-RS drops such parameters
 * silently, so a filter Keygate lacks ({@code /user/list?team=x}) answered unfiltered data: a quiet
 * wrong answer.
 *
 * <p>What a route takes is read from its resource method's own {@code @QueryParam} parameters in
 * Jersey's resource model, so there is no second list to keep in step. (No route takes a
 * {@code @BeanParam}; one that did would need its fields read here too.) Post-matching, after the
 * authentication filter ({@link Priorities#AUTHENTICATION}): a request without a valid key is
 * still 401, and a refused request reaches no resource, so it reads and changes nothing. The methods
 * Jersey adds itself (the OPTIONS answers) read no query and are left alone, and so are the
 * resources whose query is another request's ({@link ForwardedQuery}).
 */
@Priority(Priorities.USER)
public final class UnknownQueryParameterFilter implements ContainerRequestFilter {

    /**
     * A name repeated in the answer: what a parameter name looks like. Anything else (a key pasted
     * as a name, kilobytes of text) is refused without being echoed.
     */
    private static final Pattern ECHOED_NAME = Pattern.compile("(?!sk-)[A-Za-z0-9_.\\[\\]-]{1,64}");

    private final Map<ResourceMethod, Set<String>> accepted = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request) {
        Set<String> names = request.getUriInfo().getQueryParameters().keySet();
        if (names.isEmpty() || !(request.getUriInfo() instanceof ExtendedUriInfo uriInfo)) {
            return;
        }
        ResourceMethod method = uriInfo.getMatchedResourceMethod();
        if (method == null || method.isExtended()
                || method.getInvocable().getHandlingMethod().getDeclaringClass().isAnnotationPresent(ForwardedQuery.class)) {
            return;
        }
        Set<String> known = accepted.computeIfAbsent(method, UnknownQueryParameterFilter::queryParametersOf);
        // Sorted, so a request with several unknown names is always answered with the same one.
        names.stream().filter(name -> !known.contains(name)).sorted().findFirst().ifPresent(name -> {
            throw ECHOED_NAME.matcher(name).matches()
                    ? ApiException.badRequest("Unknown query parameter: " + name, name)
                    : ApiException.badRequest("Unknown query parameter", null);
        });
    }

    private static Set<String> queryParametersOf(ResourceMethod method) {
        return method.getInvocable().getParameters().stream()
                .filter(parameter -> parameter.getSource() == Source.QUERY)
                .map(Parameter::getSourceName)
                .collect(Collectors.toUnmodifiableSet());
    }
}
