package dev.keygate.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.net.URISyntaxException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;

/** Every line a logger writes reaches the appenders with its keys masked, whatever wrote it. */
class KeyMaskingLogFilterTest {

    private static final String KEY = "sk-AbC_123-xYz";

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> written = new ListAppender<>();
    private Logger log;

    @BeforeEach
    void logThroughTheFilter() {
        KeyMaskingLogFilter filter = new KeyMaskingLogFilter();
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
        written.setContext(context);
        written.start();
        log = context.getLogger("org.eclipse.jetty.SomeLibrary");
        log.setLevel(Level.INFO);
        log.addAppender(written);
    }

    @Test
    void keyInAnArgumentIsMasked() {
        log.warn("Error page too large: {} {}", 431, "GET /key/info?key=" + KEY + "&x=aaa");

        assertThat(only().getFormattedMessage()).isEqualTo("Error page too large: 431 GET /key/info?key=sk-***&x=aaa");
    }

    @Test
    void keyInTheMessageItselfIsMasked() {
        log.info("Bad Authority: [" + KEY + ":443]");

        assertThat(only().getFormattedMessage()).isEqualTo("Bad Authority: [sk-***]");
    }

    @Test
    void keyInAnExceptionOrItsCauseIsMaskedAndTheFramesKept() {
        URISyntaxException cause = new URISyntaxException("/key/" + KEY + "/x", "Illegal character in path");
        log.error("Request failed", new IllegalStateException("wrapped", cause));

        ILoggingEvent event = only();
        String rendered = ThrowableProxyUtil.asString(event.getThrowableProxy());
        assertThat(event.getFormattedMessage()).isEqualTo("Request failed");
        assertThat(rendered).doesNotContain(KEY)
                .contains("java.net.URISyntaxException: Illegal character in path: /key/sk-***/x")
                .contains("KeyMaskingLogFilterTest.keyInAnExceptionOrItsCauseIsMaskedAndTheFramesKept");
    }

    @Test
    void fluentLinesAreMaskedToo() {
        log.atWarn().setMessage("handleException {}").addArgument("/key/" + KEY + "/regenerate").log();

        assertThat(only().getFormattedMessage()).isEqualTo("handleException /key/sk-***/regenerate");
    }

    @Test
    void markerAndLevelAreKept() {
        log.warn(MarkerFactory.getMarker("SECURITY"), "key {}", KEY);

        ILoggingEvent event = only();
        assertThat(event.getLevel()).isEqualTo(Level.WARN);
        assertThat(event.getMarkerList()).extracting(Object::toString).containsExactly("SECURITY");
        assertThat(event.getLoggerName()).isEqualTo("org.eclipse.jetty.SomeLibrary");
    }

    @Test
    void lineWithoutAKeyIsWrittenUntouched() {
        log.info("GET /key/{key}/regenerate {} {} ms", 200, 3);

        assertThat(only().getFormattedMessage()).isEqualTo("GET /key/{key}/regenerate 200 3 ms");
    }

    @Test
    void lineBelowTheLevelIsNotWritten() {
        log.debug("key {}", KEY);

        assertThat(written.list).isEmpty();
    }

    private ILoggingEvent only() {
        assertThat(written.list).hasSize(1);
        return written.list.get(0);
    }
}
