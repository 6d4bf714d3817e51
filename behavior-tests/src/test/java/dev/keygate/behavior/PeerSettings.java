package dev.keygate.behavior;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@link KeygatePeer} parameter: the settings its instance differs from the main one by, each
 * {@code path=value} in behavior-config.yml's terms ({@code jwt.unregistered_jwt_client_behavior=reject}).
 * Parameters with the same settings share one instance; without this annotation, the peer is
 * configured exactly as the main server.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@interface PeerSettings {

    String[] value();
}
