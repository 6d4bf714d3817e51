package dev.keygate.web;

import io.dropwizard.jersey.validation.JerseyParameterNameProvider;
import jakarta.validation.ParameterNameProvider;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dropwizard's parameter names (a resource method's {@code @QueryParam} name, else its position),
 * looked up once per method. Hibernate Validator asks for them on every validated request, to name
 * the parameter in a violation's path even when there is none, and Dropwizard's provider answers
 * by reading the method's annotations again each time: about 8% of the request threads' samples on
 * {@code POST /spend/record}.
 */
public final class CachedParameterNames implements ParameterNameProvider {

    private final ParameterNameProvider names = new JerseyParameterNameProvider();
    private final Map<Executable, List<String>> known = new ConcurrentHashMap<>();

    @Override
    public List<String> getParameterNames(Constructor<?> constructor) {
        return known.computeIfAbsent(constructor, c -> List.copyOf(names.getParameterNames(constructor)));
    }

    @Override
    public List<String> getParameterNames(Method method) {
        return known.computeIfAbsent(method, m -> List.copyOf(names.getParameterNames(method)));
    }
}
