package dev.keygate.behavior;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Runs a Dropwizard admin task ({@code POST /tasks/<name>} on an instance's admin port). */
final class AdminTasks {

    private static final HttpClient CLIENT =
            HttpClients.blocking(Duration.ofSeconds(30));

    private AdminTasks() {}

    /** The task's output; fails unless it answers 200. */
    static String run(int adminPort, String task) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + adminPort + "/tasks/" + task))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(task + " on admin port " + adminPort + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(task + " on admin port " + adminPort + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + task, e);
        }
    }
}
