package dev.tributary.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Set;

/**
 * A section of the job file kept as written, for a package of its own to read with {@link
 * JobFiles#section} (the {@code demo:} section: the job file's reader knows nothing of the demo).
 *
 * @param key the section's key at the top of the job file
 * @param value the section as written
 * @param fromOverrides key paths within the job file whose values came from {@code --set}, so that
 *     its messages can say so
 */
public record RawSection(String key, JsonNode value, Set<String> fromOverrides) {
  public RawSection {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    fromOverrides = Set.copyOf(fromOverrides);
  }
}
