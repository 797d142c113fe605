package com.ecomnow.messaging.storage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code ecomnow.h2.compaction.*}: the rewrite that keeps an embedded H2 file bounded ({@link H2FileCompaction}).
 *
 * @param enabled off leaves the file to grow with every commit
 * @param interval how often old chunks are looked at
 * @param writeLimit the most live data moved out of old chunks per run: what it costs per run, and how much
 *        fragmentation a run can clear
 */
@ConfigurationProperties("ecomnow.h2.compaction")
public record H2CompactionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration interval,
        @DefaultValue("1MB") DataSize writeLimit) {
}
