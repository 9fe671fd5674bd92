package dev.tributary.cli.progress;

import java.time.Instant;

/**
 * The last checkpoint a run completed, as the progress line shows it.
 *
 * @param id the checkpoint's id
 * @param completedAt when it completed
 */
public record CheckpointInfo(long id, Instant completedAt) {}
