package com.ecomnow.messaging.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void idsAreVersion7AndIncreaseInTheOrderTheyWereMade() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(TimeOrderedIds.next());
        }
        assertThat(ids).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        long millis = ids.get(0).getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
    }

    @Test
    void anEventIdFollowsFromItsOrderIdAndSortsLikeIt() throws InterruptedException {
        UUID earlier = TimeOrderedIds.next();
        // Within one millisecond only the order ids' low halves differ, and those the event id replaces.
        Thread.sleep(2);
        UUID later = TimeOrderedIds.next();

        assertThat(OrderCreated.eventIdFor(earlier)).isEqualTo(OrderCreated.eventIdFor(earlier))
                .isNotEqualTo(earlier);
        assertThat(OrderCreated.eventIdFor(earlier).version()).isEqualTo(7);
        assertThat(OrderCreated.eventIdFor(earlier).variant()).isEqualTo(2);
        assertThat(OrderCreated.eventIdFor(earlier)).isLessThan(OrderCreated.eventIdFor(later));
    }

    @Test
    void differentOrdersMadeInOneMillisecondGetDifferentEventIds() {
        var eventIds = new HashSet<UUID>();
        for (int i = 0; i < 10_000; i++) {
            eventIds.add(OrderCreated.eventIdFor(TimeOrderedIds.next()));
        }
        assertThat(eventIds).hasSize(10_000);
    }
}
