package dev.keygate.behavior;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts Keygate once per test run.
 *
 * <p>The server is kept in the <em>root</em> context's store: that store lives until the whole run
 * ends, so the first test class pays for the boot, every later class finds the running server,
 * and JUnit closes it ({@link KeygateServer#close()}) after the last class.
 */
public final class KeygateServerExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeygateServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(KeygateServer.class, type -> Keygate.boot(), KeygateServer.class);
    }
}
