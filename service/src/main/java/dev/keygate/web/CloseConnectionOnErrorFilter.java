package dev.keygate.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Error responses to requests that carry a body end the connection, and say so.
 *
 * <p>A request rejected before its body is read (a 401 from authentication, say) leaves that body
 * on the wire; Jetty then closes the connection after responding, without telling the client, and
 * a keep-alive client loses its next request. {@code Connection: close} makes the client open a new
 * connection instead.
 *
 * <p>The same goes for any answer to a {@code GET} or {@code HEAD} that carries a body: no route
 * reads one, so a body still arriving when the answer is complete is left on the wire the same way.
 */
public final class CloseConnectionOnErrorFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (carriesBody(request) && (response.getStatus() >= 400 || takesNoBody(request))) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }

    private static boolean takesNoBody(ContainerRequestContext request) {
        return request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
    }

    private static boolean carriesBody(ContainerRequestContext request) {
        return request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null;
    }
}
