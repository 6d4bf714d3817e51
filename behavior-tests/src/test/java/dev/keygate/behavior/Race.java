package dev.keygate.behavior;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Requests sent together: each on its own thread, all held at a latch until all are ready, then
 * released at once. Nothing waits on a clock: a round ends when all have answered, however slow the
 * machine is, so the requests overlap as often as the server lets them without the test depending
 * on timing.
 */
final class Race implements AutoCloseable {

    private final int runners;
    private final ExecutorService threads;

    /** Two requests at a time. */
    Race() {
        this(2);
    }

    /** Up to {@code runners} requests at a time. */
    Race(int runners) {
        this.runners = runners;
        this.threads = Executors.newFixedThreadPool(runners);
    }

    /** Both answers, in the order the calls were given. */
    List<Response> run(Supplier<Response> first, Supplier<Response> second) {
        return run(List.of(first, second));
    }

    /** Every answer, in the order the calls were given. */
    List<Response> run(List<Supplier<Response>> calls) {
        if (calls.size() > runners) {
            throw new IllegalArgumentException(calls.size() + " calls for a race of " + runners);
        }
        CountDownLatch ready = new CountDownLatch(calls.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (Supplier<Response> call : calls) {
            answers.add(threads.submit(() -> released(ready, go, call)));
        }
        try {
            ready.await();
            go.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get());
            }
            return responses;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while racing requests", e);
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
