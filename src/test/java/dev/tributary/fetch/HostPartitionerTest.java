package dev.tributary.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.model.Endpoint;
import org.junit.jupiter.api.Test;

/** Which fetch subtask an endpoint goes to: one per host, and always one that exists. */
class HostPartitionerTest {
  private final HostPartitioner partitioner = new HostPartitioner();

  @Test
  void endpointsOfOneHostGoToTheSamePartition() {
    String a = key("http://API.example.com/orders?page=1");
    String b = key("http://api.example.com:80/customers");

    assertThat(a).isEqualTo(b);
    for (int n = 1; n <= 16; n++) {
      assertThat(partitioner.partition(a, n)).isEqualTo(partitioner.partition(b, n));
    }
  }

  @Test
  void anotherPortOrSchemeIsAnotherHost() {
    assertThat(key("http://h.example:8080/x")).isNotEqualTo(key("http://h.example:8081/x"));
    assertThat(key("http://h.example/x")).isNotEqualTo(key("https://h.example/x"));
    assertThat(key("https://h.example/x")).isEqualTo(key("https://h.example:443/y"));
  }

  @Test
  void aUrlWithoutAValidHostStillGetsAPartitionInRange() {
    for (String url : new String[] {"not a url", "ftp://h.example/x", "http:///nohost", "", null}) {
      String key = HostPartitioner.key(new Endpoint("e", url));

      assertThat(key).as("key of %s", url).isEqualTo(String.valueOf(url));
      assertThat(partitioner.partition(key, 4)).isBetween(0, 3);
    }
  }

  @Test
  void thePartitionIsAlwaysInRange() {
    // "polygenelubricants" hashes to Integer.MIN_VALUE, the value Math.abs leaves negative.
    String[] keys = {"polygenelubricants", "", "http://h.example:80", "x".repeat(1000)};
    for (int n = 1; n <= 64; n++) {
      for (String k : keys) assertThat(partitioner.partition(k, n)).isBetween(0, n - 1);
      for (int i = 0; i < 1000; i++) {
        assertThat(partitioner.partition("http://h" + i + ".example:80", n)).isBetween(0, n - 1);
      }
    }
  }

  @Test
  void manyHostsSpreadOverEveryPartition() {
    int n = 8;
    boolean[] used = new boolean[n];
    for (int i = 0; i < 1000; i++)
      used[partitioner.partition(key("http://h" + i + ".example/"), n)] = true;

    for (int p = 0; p < n; p++) assertThat(used[p]).as("partition %d used", p).isTrue();
  }

  private static String key(String url) {
    return HostPartitioner.key(new Endpoint("e", url));
  }
}
