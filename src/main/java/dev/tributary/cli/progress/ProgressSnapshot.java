package dev.tributary.cli.progress;

/**
 * The fetch stage's counts at one moment, summed over its subtasks.
 *
 * @param endpointsDone endpoints settled, failed or not
 * @param endpointsFailed endpoints settled as failures
 * @param requests requests sent, retries included
 * @param pollRound the highest poll round seen; 0 when the run does not poll in rounds
 */
public record ProgressSnapshot(
    long endpointsDone, long endpointsFailed, long requests, long pollRound) {
  public static final ProgressSnapshot NONE = new ProgressSnapshot(0, 0, 0, 0);
}
