package dev.keygate.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * The errors Jetty answers by itself, before any route runs, in the same envelope as every other
 * error: a request its parser refuses (431 headers too large, 414 URI too long, 400 for a bad header,
 * path or body framing), a method Dropwizard's filter refuses (405, {@code TRACE} included).
 *
 * <p>Jetty's own handler wrote HTML repeating the request URI, so a key in a path or query came back
 * in the body; when that page outgrew its buffer (a request line just under 8 KB) it logged the whole
 * URI at WARN, a cleartext key in the server log. This one chooses its message by the status alone,
 * echoes nothing of the request and logs nothing.
 *
 * <p>It extends Jetty's {@link ErrorHandler}, replacing what it does, because Jetty's servlet context
 * hands errors only to that type when no servlet matches.
 */
public final class EnvelopeErrorHandler extends ErrorHandler {

    private final ObjectMapper json;

    private EnvelopeErrorHandler(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Installs the handler on the Jetty server as it starts, before it accepts a connection: the
     * server is built after {@code run()}, so it cannot be set there. The servlet contexts have no
     * handler of their own and use the server's.
     */
    public static LifeCycle.Listener installer(ObjectMapper json) {
        return new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(new EnvelopeErrorHandler(json));
                }
            }
        };
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        int status = response.getStatus();
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException refused) {
            status = refused.getCode();
            // Jetty ends the connection after a request its parser refused (a 414, say); saying so
            // keeps a keep-alive client from sending its next request into the closed connection.
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        if (status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
            // Jetty's answer to a request line with a version it does not speak (HTTP/9, HTP/1.1, none
            // at all): a request line that cannot be read, the client's fault, not a server error.
            status = HttpStatus.BAD_REQUEST_400;
        }
        response.setStatus(status);
        generateCacheControl(response);
        if (HttpStatus.hasNoBody(status) || HttpMethod.HEAD.is(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        byte[] body = json.writeValueAsBytes(ErrorBody.of(status, ErrorBody.typeOf(status), messageOf(status), null));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON.asString());
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /** Fixed text per status: Jetty's reasons can quote the offending input. */
    private static String messageOf(int status) {
        return switch (status) {
            case 400 -> "Malformed request: its request line, path, headers or body framing cannot be read";
            case 404 -> "Not found: no such route";
            case 405 -> "Method not allowed";
            case 413 -> "Request too large";
            case 414 -> "Request URI too long";
            case 431 -> "Request headers too large";
            default -> status >= 500 ? "Internal error" : HttpStatus.getMessage(status);
        };
    }
}
