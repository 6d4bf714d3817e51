package dev.keygate.behavior;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every line the server logs while a recording runs. The harness runs Keygate in this JVM, so an
 * appender on the root logger sees each line any part of it writes (Keygate, Jetty, Jersey), as its
 * appenders do: after its filters, at the levels its configuration sets (behavior-config.yml logs at
 * INFO, as config.yml ships). Attached per recording, because every Keygate that boots (a peer)
 * configures logging afresh and drops what was attached before.
 */
final class ServerLog {

    private ServerLog() {}

    static Recording record() {
        Recording recording = new Recording();
        recording.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        recording.start();
        root().addAppender(recording);
        return recording;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** The lines so far, each with its level, logger, message and any exception with its causes. */
    static final class Recording extends AppenderBase<ILoggingEvent> implements AutoCloseable {

        private final List<String> lines = new ArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            String line = event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage();
            if (event.getThrowableProxy() != null) {
                line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
            }
            synchronized (lines) {
                lines.add(line);
            }
        }

        List<String> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        @Override
        public void close() {
            root().detachAppender(this);
            stop();
        }
    }
}
