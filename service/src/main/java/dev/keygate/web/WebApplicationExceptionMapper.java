package dev.keygate.web;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.glassfish.jersey.server.ParamException;

/** Jersey's own errors (unknown route, wrong method, wrong media type, ...) in the common envelope. */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        if (e instanceof ParamException.QueryParamException query) {
            // JAX-RS answers 404 to a query value it cannot convert (page=abc): that is bad input,
            // not a missing route. The value itself is not echoed: query strings can carry keys.
            return ErrorResponses.of(400, ErrorBody.typeOf(400), "Invalid value for query parameter " + query.getParameterName(),
                    query.getParameterName());
        }
        int status = e.getResponse().getStatus();
        Response response = ErrorResponses.of(status, ErrorBody.typeOf(status), messageOf(e, status), null);
        if (e instanceof NotAllowedException) {
            // Keep the Allow header Jersey computed: it tells the client which methods exist.
            return Response.fromResponse(response).allow(e.getResponse().getAllowedMethods()).build();
        }
        return response;
    }

    private static String messageOf(WebApplicationException e, int status) {
        if (e instanceof NotFoundException) {
            return "Not found: no such route";
        }
        if (e instanceof NotAllowedException) {
            return "Method not allowed on this route";
        }
        if (e instanceof NotSupportedException) {
            return "Unsupported media type: send application/json";
        }
        if (e instanceof NotAcceptableException) {
            return "Not acceptable: this route answers application/json";
        }
        Response.StatusType reason = Response.Status.fromStatusCode(status);
        return reason == null ? "HTTP " + status : reason.getReasonPhrase();
    }
}
