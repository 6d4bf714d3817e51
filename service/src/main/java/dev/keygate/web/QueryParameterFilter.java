package dev.keygate.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;

/**
 * Query parameters held to the input contract before any resource sees them: no control
 * characters ({@link ControlCharacters}) and no value longer than its limit
 * ({@link InputLimits#maxQueryLength}). 400 naming the parameter; the value is never echoed.
 */
@PreMatching
@Priority(Priorities.ENTITY_CODER)
public final class QueryParameterFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String name = parameter.getKey();
            if (ControlCharacters.contains(name)) {
                throw ApiException.badRequest("A query parameter name contains a control character", null);
            }
            for (String value : parameter.getValue()) {
                if (ControlCharacters.contains(value)) {
                    throw ApiException.badRequest("Query parameter " + name + " contains a control character", name);
                }
                if (value.length() > InputLimits.maxQueryLength(name)) {
                    throw ApiException.badRequest("Query parameter " + name + " must be at most "
                            + InputLimits.maxQueryLength(name) + " characters", name);
                }
            }
        }
    }
}
