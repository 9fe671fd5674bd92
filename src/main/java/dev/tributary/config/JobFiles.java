package dev.tributary.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads a job file (YAML) and its {@code --set} overrides into a {@link JobConfig}. The keys,
 * defaults and checks live in the configuration records, which Jackson binds the file onto; this
 * class reads the file, applies the overrides, and turns every failure into the job file's one-line
 * message.
 */
public final class JobFiles {
  /**
   * Binds strictly: a quoted "5" is not an integer, 1.5 is not an int, and an unknown key is an
   * error (with the section's known keys, for the did-you-mean). A string takes any scalar as its
   * text, as YAML writers expect ({@code name: 2024}).
   */
  private static final YAMLMapper MAPPER =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          // Only the factories' parameters are keys, not the records' accessors.
          .disable(
              MapperFeature.AUTO_DETECT_FIELDS,
              MapperFeature.AUTO_DETECT_GETTERS,
              MapperFeature.AUTO_DETECT_IS_GETTERS,
              MapperFeature.AUTO_DETECT_SETTERS)
          .withCoercionConfigDefaults(
              c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
          .withCoercionConfig(
              LogicalType.Textual,
              c ->
                  c.setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert))
          .addModule(
              new SimpleModule("job-file")
                  .addDeserializer(SourceSection.class, new SourceConfigDeserializer())
                  .addDeserializer(Double.class, new FiniteNumberDeserializer()))
          .build();

  private static final JobFileYaml YAML = new JobFileYaml(MAPPER);

  private static final String NOT_A_MAPPING =
      "the job file must be a YAML mapping of keys (name, source, http, ...)";

  private JobFiles() {}

  /**
   * Reads and checks a job file.
   *
   * @param jobFile the job file; relative paths in it ({@code source.file}) are resolved against
   *     its folder
   * @param overrides {@code key.path=value} settings from {@code --set}, applied to the file before
   *     it is checked; a value is read as YAML ({@code 10} is an integer, {@code 2s} a string, an
   *     empty value the empty string, {@code ~} no value), and text that is not valid YAML is taken
   *     as a string. A source kind set here replaces the file's.
   * @throws JobFileException with a one-line message naming the key, when the file cannot be read
   *     or a value is wrong
   */
  public static JobConfig load(Path jobFile, List<String> overrides) throws JobFileException {
    return load(jobFile, overrides, System::getenv);
  }

  /**
   * Reads and checks a job file as {@link #load(Path, List)} does, with {@code ${env:NAME}} (in
   * {@code http.headers}) looked up in {@code environment} rather than the process's environment.
   *
   * @param environment variable name → value, or null when it is not set
   */
  public static JobConfig load(
      Path jobFile, List<String> overrides, UnaryOperator<String> environment)
      throws JobFileException {
    String given = jobFile.toString();
    if (!(YAML.parse(read(jobFile, given), given) instanceof ObjectNode root)) {
      throw new JobFileException(given, null, NOT_A_MAPPING);
    }
    // In the file, "demo:" alone turns the demo API on with its defaults.
    if (root.has("demo") && root.get("demo").isNull()) root.putObject("demo");
    Set<String> fromOverrides = new HashSet<>();
    for (String override : overrides) {
      applyOverride(root, override, given, fromOverrides);
    }
    letSourceKindFromOverridesWin(root, fromOverrides);
    return bind(root, jobFile, given, fromOverrides, environment);
  }

  private static JobConfig bind(
      ObjectNode root,
      Path jobFile,
      String given,
      Set<String> fromOverrides,
      UnaryOperator<String> environment)
      throws JobFileException {
    ObjectReader reader =
        MAPPER
            .readerFor(JobConfig.class)
            .with(
                new InjectableValues.Std()
                    .addValue(JobConfig.JOB_FILE, jobFile)
                    .addValue(JobConfig.FROM_OVERRIDES, Set.copyOf(fromOverrides))
                    .addValue(JobConfig.ENVIRONMENT, environment));
    try {
      return reader.readValue(root);
    } catch (JsonMappingException e) {
      BindingErrors.Problem p =
          new BindingErrors(root, MAPPER.getDeserializationConfig()).explain(e);
      throw new JobFileException(given, label(p, fromOverrides), p.problem());
    } catch (IOException e) {
      // Reading a tree in memory does no I/O; anything else is a mistake in the bindings.
      throw new IllegalStateException("cannot bind " + given, e);
    }
  }

  /**
   * Binds a section the job file keeps as written (the {@code demo:} section, which its own package
   * reads) onto {@code type}, with the job file's one-line messages.
   *
   * @throws JobFileException naming the key within the section and the problem
   */
  public static <T> T section(JobConfig config, RawSection section, Class<T> type)
      throws JobFileException {
    // Bound as a one-entry map, so that Jackson's path, and every message, starts with the key.
    ObjectNode root = MAPPER.createObjectNode();
    root.set(section.key(), section.value());
    JavaType entries =
        MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, type);
    String given = config.jobFile().toString();
    try {
      Map<String, T> bound = MAPPER.readerFor(entries).readValue(root);
      return bound.get(section.key());
    } catch (JsonMappingException e) {
      BindingErrors.Problem p =
          new BindingErrors(root, MAPPER.getDeserializationConfig()).explain(e);
      throw new JobFileException(given, label(p, section.fromOverrides()), p.problem());
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind " + section.key() + " of " + given, e);
    }
  }

  /** The key as a message shows it, marked when its value came from {@code --set}. */
  private static String label(BindingErrors.Problem p, Set<String> fromOverrides) {
    String key = p.keyPath();
    for (String set : fromOverrides) {
      if (key.equals(set) || key.startsWith(set + ".") || key.startsWith(set + "[")) {
        return p.shown() + " (from --set)";
      }
    }
    return p.shown().isEmpty() ? null : p.shown();
  }

  // ---- reading the file and applying overrides ----

  private static String read(Path jobFile, String given) throws JobFileException {
    Optional<String> unreadable = Unreadable.reason(jobFile);
    if (unreadable.isPresent()) {
      throw new JobFileException(
          given, null, "cannot read the job file (" + unreadable.get() + ")");
    }
    try {
      return Files.readString(jobFile);
    } catch (CharacterCodingException e) {
      throw new JobFileException(given, null, "cannot read the job file (not UTF-8 text)");
    } catch (IOException e) {
      throw new JobFileException(
          given, null, "cannot read the job file (" + Messages.cut(e.getMessage()) + ")");
    }
  }

  private static void applyOverride(
      ObjectNode root, String override, String given, Set<String> fromOverrides)
      throws JobFileException {
    int equals = override.indexOf('=');
    String key = equals < 0 ? "" : override.substring(0, equals).strip();
    String[] keys = key.split("\\.", -1);
    for (String k : keys) {
      if (k.isBlank()) {
        throw new JobFileException(
            given,
            "--set " + Messages.cut(override),
            "expected key.path=value, e.g. --set http.concurrency=10");
      }
    }
    ObjectNode parent = root;
    String path = "";
    for (int i = 0; i < keys.length - 1; i++) {
      path = path.isEmpty() ? keys[i] : path + "." + keys[i];
      JsonNode child = parent.get(keys[i]);
      if (child == null || child.isNull()) {
        child = parent.putObject(keys[i]);
        fromOverrides.add(path);
      } else if (!child.isObject()) {
        throw new JobFileException(
            given,
            Messages.cut(key) + " (from --set)",
            "cannot set it: "
                + Messages.cut(path)
                + " is "
                + Messages.describe(child)
                + ", not a mapping");
      }
      parent = (ObjectNode) child;
    }
    String text = override.substring(equals + 1);
    parent.set(
        keys[keys.length - 1], YAML.parseValue(text).orElseGet(() -> TextNode.valueOf(text)));
    fromOverrides.add(key);
  }

  /**
   * A source kind given by {@code --set} replaces the file's other kinds, so that {@code --set} can
   * switch a job from its endpoints to a range; two kinds given by {@code --set} still clash.
   */
  private static void letSourceKindFromOverridesWin(ObjectNode root, Set<String> fromOverrides) {
    if (fromOverrides.contains("source") || !(root.get("source") instanceof ObjectNode source)) {
      return;
    }
    List<String> set = new ArrayList<>();
    for (String kind : SourceConfigDeserializer.KINDS.keySet()) {
      String key = "source." + kind;
      boolean overridden =
          fromOverrides.stream().anyMatch(k -> k.equals(key) || k.startsWith(key + "."));
      if (overridden && source.hasNonNull(kind)) set.add(kind);
    }
    if (set.isEmpty()) return;
    set.add(SourceSection.POLL); // a schedule is not a kind: it stays
    source.retain(set);
  }
}
