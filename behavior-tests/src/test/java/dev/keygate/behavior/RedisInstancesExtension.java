package dev.keygate.behavior;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a {@link RedisInstances} parameter (a {@code @BeforeAll} method's): started on first use and
 * kept in the launcher session's store, like {@link KeygatePeerExtension}'s instances, so JUnit stops it
 * at the end of the test JVM's run, before the main server. Without redis-server installed (outside
 * CI) the class using it is skipped, saying why.
 */
public final class RedisInstancesExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisInstancesExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RedisInstances.class;
    }

    @Override
    public RedisInstances resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, NAMESPACE)
                .getOrComputeIfAbsent(RedisInstances.class, type -> RedisInstances.start(), RedisInstances.class);
    }
}
