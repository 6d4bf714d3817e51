package dev.keygate.behavior;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Two requests sent together: each on its own thread, both held at a latch until both are ready,
 * then released at once. Nothing waits on a clock: a round ends when both have answered, however
 * slow the machine is, so the requests overlap as often as the server lets them without the test
 * depending on timing.
 */
final class Race implements AutoCloseable {

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    /** Both answers, in the order the calls were given. */
    List<Response> run(Supplier<Response> first, Supplier<Response> second) {
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        Future<Response> a = threads.submit(() -> released(ready, go, first));
        Future<Response> b = threads.submit(() -> released(ready, go, second));
        try {
            ready.await();
            go.countDown();
            return List.of(a.get(), b.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while racing two requests", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A raced request failed to complete", e.getCause());
        }
    }

    private static Response released(CountDownLatch ready, CountDownLatch go, Supplier<Response> call)
            throws InterruptedException {
        ready.countDown();
        go.await();
        return call.get();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
