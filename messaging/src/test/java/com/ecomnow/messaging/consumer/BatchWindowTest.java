package com.ecomnow.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The window's choice from batch sizes and times; {@link AdaptiveBatchWindowTest} has it on a real broker. */
class BatchWindowTest {

    private final List<String> set = new ArrayList<>();
    private long now;
    private final BatchWindow window = window(Duration.ofMillis(50));

    private BatchWindow window(Duration busy) {
        return new BatchWindow((batch, receive) -> set.add(batch + "/" + receive), Duration.ofMillis(1),
                Duration.ofMillis(10), busy, 50, () -> now);
    }

    @Test
    void startsQuiet() {
        assertThat(set).containsExactly("1/10");
        window.handedOver(1);
        assertThat(window.busy()).isFalse();
    }

    @Test
    void waitsLongerOnceMessagesArriveAtTheBusyRate() {
        window.handedOver(1);
        after(Duration.ofMillis(100));
        window.handedOver(1); // 10 per second
        assertThat(window.busy()).isFalse();
        after(Duration.ofMillis(10));
        window.handedOver(1); // 100 per second
        assertThat(window.busy()).isTrue();
        after(Duration.ofMillis(55));
        window.handedOver(15); // the longer window filled the batch: still busy
        assertThat(window.busy()).isTrue();
        assertThat(set).containsExactly("1/10", "50/50");
    }

    @Test
    void theFirstBatchAfterAPauseSetsTheWindowBack() {
        window.handedOver(1);
        after(Duration.ofMillis(5));
        window.handedOver(1);
        after(Duration.ofSeconds(2));
        window.handedOver(1);
        assertThat(window.busy()).isFalse();
        assertThat(set).containsExactly("1/10", "50/50", "1/10");
    }

    @Test
    void aBusyWindowNoLongerThanTheQuietOneTurnsItOff() {
        set.clear();
        BatchWindow off = window(Duration.ofMillis(1));
        off.handedOver(1);
        after(Duration.ofMillis(1));
        off.handedOver(10);
        assertThat(off.busy()).isFalse();
        assertThat(set).containsExactly("1/10");
    }

    private void after(Duration elapsed) {
        now += elapsed.toNanos();
    }
}
