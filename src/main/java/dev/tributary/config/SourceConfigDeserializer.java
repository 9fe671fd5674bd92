package dev.tributary.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code source:} into the one kind it gives, and its {@code poll} schedule. That there is
 * exactly one kind is checked before the kind's own keys are read, so a file with two kinds hears
 * that first, whatever else is wrong.
 */
final class SourceConfigDeserializer extends StdDeserializer<SourceSection> {
  private static final long serialVersionUID = 1L;

  /** The kinds, by key, in the order messages list them. */
  static final Map<String, Class<? extends SourceConfig>> KINDS = kinds();

  static final String MISSING =
      "missing (give exactly one of " + String.join(", ", KINDS.keySet()) + ")";

  SourceConfigDeserializer() {
    super(SourceSection.class);
  }

  private static Map<String, Class<? extends SourceConfig>> kinds() {
    Map<String, Class<? extends SourceConfig>> kinds = new LinkedHashMap<>();
    kinds.put("endpoints", SourceConfig.Inline.class);
    kinds.put("file", SourceConfig.File.class);
    kinds.put("range", SourceConfig.Range.class);
    kinds.put("files", SourceConfig.DataFiles.class);
    kinds.put("watch", SourceConfig.Watch.class);
    return kinds;
  }

  @Override
  public SourceSection deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (!p.isExpectedStartObjectToken()) {
      return (SourceSection) ctxt.handleUnexpectedToken(SourceConfig.class, p);
    }
    JsonNode source = ctxt.readTree(p);
    for (var keys = source.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!KINDS.containsKey(key) && !key.equals(SourceSection.POLL)) {
        List<Object> known = new ArrayList<>(KINDS.keySet());
        known.add(SourceSection.POLL);
        throw UnrecognizedPropertyException.from(p, SourceConfig.class, key, known);
      }
    }
    // A kind written with no value (file: ~) is not given, so --set source.file=~ takes it away.
    List<String> given = new ArrayList<>();
    for (String kind : KINDS.keySet()) {
      if (source.hasNonNull(kind)) given.add(kind);
    }
    if (given.isEmpty()) throw new ConfigException("", MISSING);
    if (given.size() > 1) {
      throw new ConfigException(
          "",
          "give exactly one of "
              + String.join(", ", KINDS.keySet())
              + " (found "
              + andList(given)
              + ")");
    }
    String kind = given.get(0);
    return new SourceSection(
        read(source, kind, KINDS.get(kind), ctxt),
        source.hasNonNull(SourceSection.POLL)
            ? read(source, SourceSection.POLL, PollConfig.class, ctxt)
            : null);
  }

  private static <T> T read(JsonNode source, String key, Class<T> type, DeserializationContext ctxt)
      throws IOException {
    try {
      return ctxt.readTreeAsValue(source.get(key), type);
    } catch (JsonMappingException e) {
      e.prependPath(SourceConfig.class, key);
      throw e;
    }
  }

  private static String andList(List<String> items) {
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }
}
