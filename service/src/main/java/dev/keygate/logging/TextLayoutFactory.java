package dev.keygate.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.DropwizardLayout;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import java.util.TimeZone;

/**
 * The log layout {@code text}: Dropwizard's own one-line text, as when no layout is configured. It
 * exists under a name so that one setting, {@code layout.type: ${KEYGATE_LOG_FORMAT:-text}} in
 * config.yml, picks between it and Dropwizard's {@code json} layout. The json layout's options are
 * written beside that type in config.yml and mean nothing to text, so text ignores them.
 */
@JsonTypeName("text")
@JsonIgnoreProperties(ignoreUnknown = true)
public final class TextLayoutFactory implements DiscoverableLayoutFactory<ILoggingEvent> {

    @Override
    public LayoutBase<ILoggingEvent> build(LoggerContext context, TimeZone timeZone) {
        return new DropwizardLayout(context, timeZone);
    }
}
