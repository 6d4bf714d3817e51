package dev.keygate.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} (the Debian package, installed by .ci/run) as a child process on a free
 * loopback port, without persistence, for the tests of rate limits shared through Redis: the service's
 * and the behavior harness's. It can be stopped and started again on the same port, to test an outage.
 *
 * <p>Without the binary the tests that need it are skipped, saying why, on a developer's machine; in
 * CI (the {@code CI} environment variable set) they fail instead, so a missing install never passes.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final Duration READY_LIMIT = Duration.ofSeconds(15);

    private final String binary;
    private final int port;
    private Process process;
    private final Thread reaper;

    private RedisServerProcess(String binary, int port) {
        this.binary = binary;
        this.port = port;
        // A JVM that exits without close() (killed test run) must not leave a Redis behind.
        this.reaper = new Thread(this::stop, "redis-server-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts one, or skips (aborts) the calling test when redis-server is not installed outside CI. */
    public static RedisServerProcess start() {
        Optional<String> binary = binary();
        if (binary.isEmpty()) {
            String message = "redis-server is not installed (apt-get install -y redis-server): the tests of rate "
                    + "limits shared through Redis cannot run";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(message + ", and CI must run them (.ci/run installs it)");
            }
            System.err.println("[redis] " + message + ": skipped");
            Assumptions.abort(message);
        }
        RedisServerProcess redis = new RedisServerProcess(binary.get(), freePort());
        redis.restart();
        return redis;
    }

    /** {@code redis://127.0.0.1:<port>}, what {@code REDIS_URL} would say. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server again on its port (after {@link #stop}), and waits until it answers. */
    public synchronized void restart() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server did not start", e);
        }
        awaitReady();
    }

    /** Stops the server, as an outage would: connections drop, and nothing it held survives. */
    public synchronized void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs stop(), which has nothing left to do.
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_LIMIT.toNanos();
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
                        + READY_LIMIT.toSeconds() + " s (alive: " + process.isAlive() + ")");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(7);
            return "+PONG\r\n".equals(new String(answer, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<String> binary() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, "redis-server"))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free loopback port", e);
        }
    }
}
