package com.ecomnow.messaging.event;

import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Ids that sort by the time they were made: UUID version 7 (RFC 9562), 48 bits of Unix milliseconds first, and
 * increasing within a millisecond. Every table and index keyed by an order or event id then grows at its end: a
 * commit of many rows rewrites one B-tree page per index instead of one page per row, which is most of what an H2
 * commit costs and writes (docs/performance.md, "Time-ordered ids"). PostgreSQL's indexes benefit the same way.
 */
public final class TimeOrderedIds {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private TimeOrderedIds() {
    }

    public static UUID next() {
        return GENERATOR.generate();
    }
}
