package dev.keygate.behavior;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that talks to the running Keygate: the server (and its Postgres and seeded
 * world) is started by the first such class and shared by all of them; {@link Scratch} parameters
 * are resolved per test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({KeygateServerExtension.class, ScratchExtension.class})
public @interface BehaviorTest {}
