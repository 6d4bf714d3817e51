package dev.keygate.behavior;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a {@link RedisInstances} parameter (a {@code @BeforeAll} method's): started on first use and
 * kept in the root context's store, like {@link KeygatePeerExtension}'s instance, so JUnit stops it at
 * the end of the run, before the main server. Without redis-server installed (outside CI) the class
 * using it is skipped, saying why.
 */
public final class RedisInstancesExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisInstancesExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RedisInstances.class;
    }

    @Override
    public RedisInstances resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RedisInstances.class, type -> RedisInstances.start(), RedisInstances.class);
    }
}
