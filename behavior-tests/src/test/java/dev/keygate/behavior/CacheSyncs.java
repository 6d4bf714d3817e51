package dev.keygate.behavior;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * After the harness writes to the database directly, every running Keygate must have applied the
 * change before the next request: each instance's admin task {@code POST /tasks/cache-sync}
 * returns once it has. Without this, a scenario that changes a cached user's membership by JDBC
 * would race the change announcement.
 */
final class CacheSyncs {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();

    private final List<Integer> adminPorts = new CopyOnWriteArrayList<>();

    void add(int adminPort) {
        adminPorts.add(adminPort);
    }

    void remove(int adminPort) {
        adminPorts.remove(Integer.valueOf(adminPort));
    }

    /** Returns once every instance has applied what was committed before the call. */
    void awaitAll() {
        for (int port : adminPorts) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/tasks/cache-sync"))
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            try {
                HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("cache-sync on admin port " + port + " answered "
                            + response.statusCode() + ": " + response.body());
                }
            } catch (IOException e) {
                throw new IllegalStateException("cache-sync on admin port " + port + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted during cache-sync", e);
            }
        }
    }
}
