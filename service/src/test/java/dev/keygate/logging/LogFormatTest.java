package dev.keygate.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.keygate.KeygateConfiguration;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import io.dropwizard.logging.json.EventJsonLayoutBaseFactory;
import java.io.IOException;
import java.util.Map;
import java.util.TimeZone;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;

/** KEYGATE_LOG_FORMAT picks the console's layout in config.yml as shipped: text, json, nothing else. */
class LogFormatTest {

    private static final Map<String, String> REQUEST_FIELDS = Map.of("method", "POST", "route", "/key/{key}/regenerate",
            "status", "200", "latency_ms", "3", "caller", "master_key");

    @Test
    void textIsTheDefaultAndPrintsTheMessageOnly() throws Exception {
        String line = format(layout(null), "GET /key/info 200 3 ms");

        assertThat(line).matches("INFO  \\[[^]]+] keygate.requests: GET /key/info 200 3 ms\\R");
        assertThat(layout("text")).isInstanceOf(TextLayoutFactory.class);
    }

    @Test
    void jsonWritesTheRequestFieldsAndNoThreadName() throws Exception {
        DiscoverableLayoutFactory<?> json = layout("json");
        String line = format(json, "POST /key/{key}/regenerate 200 3 ms");

        assertThat(json).isInstanceOf(EventJsonLayoutBaseFactory.class);
        assertThat(Jackson.newObjectMapper().readTree(line).properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("timestamp", "level", "logger", "message", "method", "route", "status",
                        "latency_ms", "caller");
    }

    @Test
    void anotherFormatIsAConfigurationError() {
        assertThatThrownBy(() -> layout("jsn")).isInstanceOf(ConfigurationException.class).hasMessageContaining("jsn");
    }

    /** The console appender's layout in ../config.yml, with KEYGATE_LOG_FORMAT set to {@code format} (null: unset). */
    private static DiscoverableLayoutFactory<?> layout(String format) throws IOException, ConfigurationException {
        YamlConfigurationFactory<KeygateConfiguration> factory = new YamlConfigurationFactory<>(KeygateConfiguration.class,
                Validators.newValidator(),
                Jackson.newObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES), "dw");
        SubstitutingSourceProvider environment = new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
                new StringSubstitutor(name -> name.equals("KEYGATE_LOG_FORMAT") ? format : null));
        KeygateConfiguration config = factory.build(environment, "../config.yml");
        AppenderFactory<ILoggingEvent> console = ((DefaultLoggingFactory) config.getLoggingFactory()).getAppenders().get(0);
        return ((ConsoleAppenderFactory<ILoggingEvent>) console).getLayout();
    }

    /** One request log line, as the layout writes it, with the request log's fields in the MDC and a thread named as Jetty's are. */
    @SuppressWarnings("unchecked")
    private static String format(DiscoverableLayoutFactory<?> factory, String message) {
        LoggerContext context = new LoggerContext();
        LayoutBase<ILoggingEvent> layout =
                ((DiscoverableLayoutFactory<ILoggingEvent>) factory).build(context, TimeZone.getTimeZone("UTC"));
        layout.start();
        LoggingEvent event = new LoggingEvent(LogFormatTest.class.getName(), context.getLogger("keygate.requests"),
                Level.INFO, message, null, null);
        event.setMDCPropertyMap(REQUEST_FIELDS);
        event.setThreadName("dw-1 - POST /key/sk-secret/regenerate");
        return layout.doLayout(event);
    }
}
