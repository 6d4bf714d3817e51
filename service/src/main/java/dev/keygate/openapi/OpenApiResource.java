package dev.keygate.openapi;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * GET /openapi.json (public, as LiteLLM's FastAPI serves its own): the OpenAPI 3.1 document of the
 * routes this server serves, read from the same resource classes as {@code GET /routes}. Built on
 * the first request, not at start: reading the resources takes a moment no start should wait for.
 */
@Path("/openapi.json")
@Produces(MediaType.APPLICATION_JSON)
@PublicRoute
public final class OpenApiResource {

    private final List<Class<?>> resources;
    private String document;

    public OpenApiResource(List<Class<?>> resources) {
        this.resources = List.copyOf(resources);
    }

    @GET
    @Operation(summary = "This document", responses = @ApiResponse(responseCode = "200",
            description = "The OpenAPI 3.1 document of every route served",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(types = "object"))))
    public synchronized String document() {
        if (document == null) {
            document = OpenApiDocument.json(resources);
        }
        return document;
    }
}
