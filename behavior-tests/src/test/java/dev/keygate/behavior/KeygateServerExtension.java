package dev.keygate.behavior;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts Keygate once per test JVM.
 *
 * <p>The server is kept in the <em>launcher session</em>'s store: surefire runs each test JVM's
 * classes one launcher request at a time (one per class when it forks several JVMs), and the session
 * spans them all. So the first test class of a JVM pays for the boot, every later class of that JVM
 * finds the running server, and JUnit closes it ({@link KeygateServer#close()}) when the session
 * ends. Each JVM (fork) has a server, a database and a world of its own: classes of different forks
 * share nothing.
 */
public final class KeygateServerExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeygateServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, NAMESPACE)
                .getOrComputeIfAbsent(KeygateServer.class, type -> Keygate.boot(), KeygateServer.class);
    }
}
