package dev.keygate.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The resource's routes answer without credentials (they take no {@code @Auth} caller, so the
 * authentication filter never runs for them): the OpenAPI document lists them with no security
 * requirement. Every other route needs a credential, whether the filter or the resource checks it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PublicRoute {}
