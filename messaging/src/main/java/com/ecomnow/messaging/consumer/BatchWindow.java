package com.ecomnow.messaging.consumer;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How long a consumer batch may wait for more messages, chosen from the rate at which they arrive.
 *
 * <p>On a quiet system a lone message is processed at once ({@code ecomnow.consumer.batch-timeout}): waiting for
 * company that does not come would only add to its lag. Once messages arrive at {@code busy.rate} per second or
 * more, each batch waits up to {@code busy.batch-timeout} for more, so that one database commit and one ack serve
 * many events instead of one or two: each commit writes a new H2 chunk, and the broker settles each ack.
 *
 * <p>The rate is the size of each batch over the time since the batch before it was handed over. The last batch
 * of a busy spell leaves the longer window in place, so the first message after a pause waits up to
 * {@code busy.batch-timeout} for company once, and its batch sets the short window back.
 */
public class BatchWindow {

    /** Sets the listener container's timeouts, in milliseconds. */
    @FunctionalInterface
    public interface Timeouts {
        void set(long batchTimeout, long receiveTimeout);
    }

    private final Timeouts timeouts;
    private final long quietBatch;
    private final long quietReceive;
    private final long busyWindow;
    private final double busyRate;
    private final LongSupplier nanoTime;
    private long lastHandover = Long.MIN_VALUE;
    private boolean busy;

    /**
     * @param quietBatch the batch window when quiet ({@code batch-timeout})
     * @param quietReceive the longest wait for one message when quiet ({@code receive-timeout}): how often an idle
     *        listener thread wakes up
     * @param busyWindow when busy, both the batch window and the wait for one message: with several listener
     *        threads each one sees only a share of the messages, further apart than a short receive timeout
     */
    public BatchWindow(Timeouts timeouts, Duration quietBatch, Duration quietReceive, Duration busyWindow,
            double busyRate, LongSupplier nanoTime) {
        this.timeouts = timeouts;
        this.quietBatch = quietBatch.toMillis();
        this.quietReceive = quietReceive.toMillis();
        this.busyWindow = busyWindow.toMillis();
        this.busyRate = busyRate;
        this.nanoTime = nanoTime;
        timeouts.set(this.quietBatch, this.quietReceive);
    }

    /** Called by each listener thread as it is handed a batch of {@code messages}. */
    public synchronized void handedOver(int messages) {
        long now = nanoTime.getAsLong();
        boolean nowBusy = busyWindow > quietBatch && lastHandover != Long.MIN_VALUE
                && messages * 1e9 >= busyRate * (now - lastHandover);
        lastHandover = now;
        if (nowBusy != busy) {
            busy = nowBusy;
            // The container reads its timeouts at the start of each batch and each wait: the thread that sets them
            // sees them at once, other listener threads (email-service has several) a batch or so later.
            if (busy) {
                timeouts.set(busyWindow, Math.max(busyWindow, quietReceive));
            }
            else {
                timeouts.set(quietBatch, quietReceive);
            }
        }
    }

    public synchronized boolean busy() {
        return busy;
    }
}
