package dev.keygate.behavior;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a {@link KeygatePeer} parameter (a {@code @BeforeAll} method's, typically): the second
 * instance starts on first use and lives in the root context's store, like the main server, so
 * JUnit stops it at the end of the run, before the main server (stores close in reverse order).
 */
public final class KeygatePeerExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeygatePeerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeygatePeer.class;
    }

    @Override
    public KeygatePeer resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(KeygatePeer.class, type -> Keygate.startPeer(), KeygatePeer.class);
    }
}
