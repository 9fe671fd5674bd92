package dev.tributary.fetch;

import dev.tributary.model.Endpoint;
import org.apache.flink.api.common.functions.Partitioner;
import org.apache.flink.util.MathUtils;

/**
 * Sends every endpoint of one host (scheme, host and port) to the same fetch subtask, so the host's
 * limits and cool-downs are counted in one place and hold however many subtasks there are.
 *
 * <p>The price: one host's requests are made by one subtask, with that subtask's share of {@code
 * http.concurrency}, and a few busy hosts may land on the same subtask while another idles.
 */
public final class HostPartitioner implements Partitioner<String> {
  private static final long serialVersionUID = 1L;

  /** The endpoint's host as the partitioner reads it; its URL when it has none (it will fail). */
  public static String key(Endpoint endpoint) {
    String url = endpoint.url();
    return Urls.problemWith(url) == null ? Origin.of(url).toString() : String.valueOf(url);
  }

  @Override
  public int partition(String key, int numPartitions) {
    return Math.floorMod(MathUtils.murmurHash(key.hashCode()), numPartitions);
  }
}
