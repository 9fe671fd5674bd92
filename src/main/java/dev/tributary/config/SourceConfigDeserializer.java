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
 * Reads {@code source:} into the one kind it gives. That there is exactly one is checked before the
 * kind's own keys are read, so a file with two kinds hears that first, whatever else is wrong.
 */
final class SourceConfigDeserializer extends StdDeserializer<SourceConfig> {
  private static final long serialVersionUID = 1L;

  /** The kinds, by key, in the order messages list them. */
  static final Map<String, Class<? extends SourceConfig>> KINDS = kinds();

  static final String MISSING =
      "missing (give exactly one of " + String.join(", ", KINDS.keySet()) + ")";

  SourceConfigDeserializer() {
    super(SourceConfig.class);
  }

  private static Map<String, Class<? extends SourceConfig>> kinds() {
    Map<String, Class<? extends SourceConfig>> kinds = new LinkedHashMap<>();
    kinds.put("endpoints", SourceConfig.Inline.class);
    kinds.put("file", SourceConfig.File.class);
    kinds.put("range", SourceConfig.Range.class);
    kinds.put("files", SourceConfig.DataFiles.class);
    return kinds;
  }

  @Override
  public SourceConfig deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (!p.isExpectedStartObjectToken()) {
      return (SourceConfig) ctxt.handleUnexpectedToken(SourceConfig.class, p);
    }
    JsonNode source = ctxt.readTree(p);
    for (var keys = source.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!KINDS.containsKey(key)) {
        throw UnrecognizedPropertyException.from(
            p, SourceConfig.class, key, new ArrayList<Object>(KINDS.keySet()));
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
    try {
      return ctxt.readTreeAsValue(source.get(kind), KINDS.get(kind));
    } catch (JsonMappingException e) {
      e.prependPath(SourceConfig.class, kind);
      throw e;
    }
  }

  private static String andList(List<String> items) {
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }
}
