package dev.keygate.behavior;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a {@link KeygatePeer} parameter (a {@code @BeforeAll} method's, typically): the second
 * instance with the parameter's {@link PeerSettings} starts on first use and lives in the launcher
 * session's store, like the main server, so each set of settings boots once per test JVM and JUnit
 * stops it when the session ends, before the main server (stores close in reverse order).
 */
public final class KeygatePeerExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeygatePeerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeygatePeer.class;
    }

    @Override
    public KeygatePeer resolveParameter(ParameterContext parameter, ExtensionContext context) {
        List<String> settings = parameter.findAnnotation(PeerSettings.class)
                .map(annotated -> List.of(annotated.value())).orElse(List.of());
        return context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, NAMESPACE)
                .getOrComputeIfAbsent(settings, key -> Keygate.startPeer(parsed(settings)), KeygatePeer.class);
    }

    private static Map<String, String> parsed(List<String> settings) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String setting : settings) {
            String[] pathAndValue = setting.split("=", 2);
            if (pathAndValue.length != 2) {
                throw new IllegalArgumentException("@PeerSettings " + settings + ": '" + setting + "' is not path=value");
            }
            parsed.put(pathAndValue[0].strip(), pathAndValue[1].strip());
        }
        return parsed;
    }
}
