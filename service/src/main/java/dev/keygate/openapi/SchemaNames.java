package dev.keygate.openapi;

import io.swagger.v3.core.jackson.TypeNameResolver;

/**
 * Schema names for nested request and response records: {@code TeamResponses.Info}, not {@code Info}.
 * Swagger names a schema by the simple class name, so {@code TeamRequests.Delete} and
 * {@code UserRequests.Delete} would collide and one would silently stand for both.
 */
final class SchemaNames extends TypeNameResolver {

    @Override
    protected String getNameOfClass(Class<?> type) {
        Class<?> enclosing = type.getEnclosingClass();
        return enclosing == null ? super.getNameOfClass(type) : getNameOfClass(enclosing) + "." + type.getSimpleName();
    }
}
