package dev.keygate.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The query string of requests to this resource belongs to another request, which it judges (a
 * gateway's check carries the original request's query): {@link UnknownQueryParameterFilter} leaves
 * it alone.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ForwardedQuery {}
