package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of an instance's {@code GET /metrics} (admin port), parsed here by the rules of
 * Prometheus' text format 0.0.4 rather than by Prometheus' client library, so that a malformed line
 * fails the scrape: every sample line is {@code name{label="value",...} value}, every sample belongs
 * to a family with a {@code # TYPE}, and every histogram's buckets are cumulative up to
 * {@code le="+Inf"}, which equals its {@code _count}.
 */
final class MetricsScrape {

    private static final HttpClient CLIENT =
            HttpClients.blocking(Duration.ofSeconds(30));
    private static final Pattern TYPE = Pattern.compile(
            "# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)(?: -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile(
            "([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final List<String> SUFFIXES = List.of("_bucket", "_count", "_sum", "_total", "_created");

    private final String text;
    /** Family name to its type. */
    private final Map<String, String> types;
    /** Series ({@code name{label="value",...}}, labels sorted) to its value. */
    private final Map<String, Double> samples;

    private MetricsScrape(String text, Map<String, String> types, Map<String, Double> samples) {
        this.text = text;
        this.types = types;
        this.samples = samples;
    }

    static MetricsScrape of(int adminPort) {
        CacheSyncs.awaitWrites();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + adminPort + "/metrics"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET /metrics on the admin port").isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).as("content type of /metrics")
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            return parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET /metrics on admin port " + adminPort + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during GET /metrics", e);
        }
    }

    static MetricsScrape parse(String text) {
        Map<String, String> types = new HashMap<>();
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || HELP.matcher(line).matches()) {
                continue;
            }
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                assertThat(types.put(type.group(1), type.group(2))).as("a second # TYPE for %s", type.group(1)).isNull();
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("a sample line in Prometheus' text format: %s", line).isTrue();
            assertThat(family(sample.group(1), types)).as("the # TYPE of %s", line).isNotNull();
            String series = series(sample.group(1), labels(sample.group(2), line));
            assertThat(samples.put(series, number(sample.group(3), line))).as("a second sample of %s", series).isNull();
        }
        MetricsScrape scrape = new MetricsScrape(text, types, samples);
        scrape.assertHistogramsConsistent();
        return scrape;
    }

    /** The whole text, as served. */
    String text() {
        return text;
    }

    /** The type a family is declared with ({@code # TYPE}), or null. */
    String type(String family) {
        return types.get(family);
    }

    /** One series' value; 0 when the series is absent (a counter nothing has counted yet). */
    double value(String name, String... labelPairs) {
        return samples.getOrDefault(series(name, pairs(labelPairs)), 0.0);
    }

    /** Whether the series is present. */
    boolean has(String name, String... labelPairs) {
        return samples.containsKey(series(name, pairs(labelPairs)));
    }

    /** How much a series moved since {@code before}. */
    double since(MetricsScrape before, String name, String... labelPairs) {
        return value(name, labelPairs) - before.value(name, labelPairs);
    }

    /** The {@code le} bounds of a histogram series' buckets, in the order served. */
    List<String> bucketBounds(String histogram, String... labelPairs) {
        Map<String, String> wanted = pairs(labelPairs);
        List<String> bounds = new ArrayList<>();
        for (String series : samples.keySet()) {
            Map<String, String> labels = labelsOf(series, histogram + "_bucket");
            if (labels != null) {
                String le = labels.remove("le");
                if (labels.equals(wanted)) {
                    bounds.add(le);
                }
            }
        }
        return bounds;
    }

    private void assertHistogramsConsistent() {
        types.forEach((family, type) -> {
            if (!type.equals("histogram")) {
                return;
            }
            Map<Map<String, String>, List<Double>> buckets = new LinkedHashMap<>();
            Map<Map<String, String>, String> lastBound = new HashMap<>();
            samples.forEach((series, value) -> {
                Map<String, String> labels = labelsOf(series, family + "_bucket");
                if (labels != null) {
                    String le = labels.remove("le");
                    assertThat(le).as("le of %s", series).isNotNull();
                    buckets.computeIfAbsent(labels, key -> new ArrayList<>()).add(value);
                    lastBound.put(labels, le);
                }
            });
            buckets.forEach((labels, counts) -> {
                assertThat(counts).as("%s%s buckets, cumulative", family, labels).isSorted();
                assertThat(lastBound.get(labels)).as("%s%s last bucket", family, labels).isEqualTo("+Inf");
                assertThat(counts.get(counts.size() - 1)).as("%s%s le=+Inf against _count", family, labels)
                        .isEqualTo(samples.get(series(family + "_count", labels)));
            });
        });
    }

    private static String family(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : SUFFIXES) {
            if (sample.endsWith(suffix) && types.containsKey(sample.substring(0, sample.length() - suffix.length()))) {
                return sample.substring(0, sample.length() - suffix.length());
            }
        }
        return null;
    }

    private static Map<String, String> labels(String text, String line) {
        Map<String, String> labels = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return labels;
        }
        Matcher label = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            assertThat(label.find(at) && label.start() == at).as("labels of %s", line).isTrue();
            assertThat(labels.put(label.group(1), label.group(2))).as("label %s twice in %s", label.group(1), line).isNull();
            at = label.end();
        }
        return labels;
    }

    private static double number(String value, String line) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new AssertionError("Not a sample value: " + line, e);
                }
            }
        };
    }

    private static Map<String, String> pairs(String... labelPairs) {
        assertThat(labelPairs.length % 2).as("label names and values in pairs").isZero();
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        return labels;
    }

    private static String series(String name, Map<String, String> labels) {
        StringBuilder series = new StringBuilder(name).append('{');
        new TreeMap<>(labels).forEach((label, value) -> series.append(label).append("=\"").append(value).append("\","));
        return series.append('}').toString();
    }

    /** The labels of {@code series} (as {@link #series} writes it) if it is a series of {@code name}, else null. */
    private static Map<String, String> labelsOf(String series, String name) {
        if (!series.startsWith(name + "{")) {
            return null;
        }
        Map<String, String> labels = new TreeMap<>();
        Matcher label = LABEL.matcher(series.substring(name.length() + 1, series.length() - 1).replaceAll(",$", ""));
        while (label.find()) {
            labels.put(label.group(1), label.group(2));
        }
        return labels;
    }
}
