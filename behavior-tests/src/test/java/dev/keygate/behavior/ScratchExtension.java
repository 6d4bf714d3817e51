package dev.keygate.behavior;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a {@link Scratch} parameter. It lives in the test's own store (each parameterized
 * invocation has one), which JUnit closes when that test ends: cleanup runs after every scenario,
 * pass or fail.
 */
public final class ScratchExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ScratchExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Scratch.class;
    }

    @Override
    public Scratch resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(Scratch.class, type -> new Scratch(Keygate.db()), Scratch.class);
    }
}
