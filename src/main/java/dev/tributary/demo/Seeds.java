package dev.tributary.demo;

import java.nio.charset.StandardCharsets;

/**
 * Stable 64-bit seeds for the demo API's draws, mixed from (seed, name, attempt, purpose).
 *
 * <p>The name is hashed from its UTF-8 bytes (FNV-1a), not {@code String.hashCode()}, and each
 * purpose has its own salt, so latency, data and faults are independent of one another and the same
 * on every JVM.
 */
final class Seeds {
  static final long RECORDS = 0x5245434f52445321L;
  static final long LATENCY = 0x4c4154454e435921L;
  static final long ENDPOINT_FAULT = 0x454e44504f494e54L;
  static final long ATTEMPT_FAULT = 0x415454454d505421L;

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Seeds() {}

  /** A seed for one purpose of one endpoint. */
  static long of(long seed, String name, long salt) {
    long h = FNV_OFFSET;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= FNV_PRIME;
    }
    return mix(mix(h ^ salt) ^ mix(seed + 0x9e3779b97f4a7c15L));
  }

  /** A seed for one purpose of one attempt at an endpoint. */
  static long of(long seed, String name, int attempt, long salt) {
    return mix(of(seed, name, salt) + attempt * 0xd6e8feb86659fd93L);
  }

  /** A uniform double in [0, 1) from a mixed seed. */
  static double unit(long mixed) {
    return (mixed >>> 11) * 0x1.0p-53;
  }

  /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
