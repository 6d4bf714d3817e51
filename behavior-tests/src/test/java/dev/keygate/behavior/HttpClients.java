package dev.keygate.behavior;

import java.net.http.HttpClient;
import java.time.Duration;

/** The harness's HTTP clients: HTTP/1.1, every call blocking its caller. */
final class HttpClients {

    private HttpClients() {}

    /**
     * A client whose answers are read on its own selector thread instead of being handed to a pool
     * thread first ({@code executor(Runnable::run)}): the harness only ever waits for each answer,
     * and on this kind of machine every hand-over between threads costs a wake-up, about a
     * millisecond a request over tens of thousands of requests.
     */
    static HttpClient blocking(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .executor(Runnable::run)
                .build();
    }
}
