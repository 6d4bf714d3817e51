package dev.keygate.behavior;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a {@link KeygatePeer} parameter (a {@code @BeforeAll} method's, typically): the second
 * instance starts on first use and lives in the launcher session's store, like the main server, so
 * JUnit stops it when the session ends, before the main server (stores close in reverse order).
 */
public final class KeygatePeerExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeygatePeerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeygatePeer.class;
    }

    @Override
    public KeygatePeer resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, NAMESPACE)
                .getOrComputeIfAbsent(KeygatePeer.class, type -> Keygate.startPeer(), KeygatePeer.class);
    }
}
