package dev.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.tributary.demo.DemoSection;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Thousands of job files made by mutating valid ones (seeded, so a failure repeats): each must
 * load, or fail with one short line that starts with the job file and names the key, unless the
 * problem is the file as a whole. Any other exception, or a message that looks like a stack trace,
 * is a bug.
 *
 * <p>{@code -Dtributary.fuzz.seed=N -Dtributary.fuzz.cases=N} run another sample.
 */
class JobFileFuzzTest extends JobFileTestBase {
  private static final long SEED = Long.getLong("tributary.fuzz.seed", 20261130L);
  private static final int CASES = Integer.getInteger("tributary.fuzz.cases", 6000);

  /** What a message about the file as a whole starts with; any other message names a key. */
  private static final List<String> FILE_PROBLEMS =
      List.of(
          "invalid YAML",
          "cannot read the job file",
          "the job file must be a YAML mapping",
          "a second YAML document",
          "nested more than");

  private static final int MAX_MESSAGE = 300;

  private Random random;
  private String existingFile;

  @BeforeEach
  void files() throws IOException {
    random = new Random(SEED);
    write(dir.resolve("endpoints.jsonl"), "{\"name\": \"a\", \"url\": \"http://h/a\"}\n");
    existingFile = write(dir.resolve("existing.txt"), "x").toString();
    write(dir.resolve("data/day-1.json"), "[]");
    Files.createDirectories(dir.resolve("incoming"));
  }

  @Test
  void everyValidSeedLoads() throws Exception {
    for (Map<String, Object> seed : seeds()) {
      assertThat(load(render(seed))).isNotNull();
    }
  }

  @Test
  void everyMutatedJobFileLoadsOrFailsWithOneLineNamingAKey() throws Exception {
    int loaded = 0;
    int refused = 0;
    for (int i = 0; i < CASES; i++) {
      byte[] file = mutatedFile();
      List<String> overrides = random.nextInt(4) == 0 ? overrides() : List.of();
      Files.write(job(), file);
      try {
        JobConfig config = JobFiles.load(job(), overrides);
        assertThat(config.source()).isNotNull();
        // The demo section is read by the demo package, as a run reads it, with the same messages.
        DemoSection.of(config);
        loaded++;
      } catch (JobFileException e) {
        String problem = badMessage(e.getMessage());
        if (problem != null) fail(report(i, problem + ": " + cut(e.getMessage()), file, overrides));
        refused++;
      } catch (Throwable t) {
        fail(report(i, "threw " + t, file, overrides), t);
      }
    }
    // Both outcomes are common, or the generator has stopped making interesting files.
    assertThat(loaded).as("loaded").isGreaterThan(CASES / 20);
    assertThat(refused).as("refused").isGreaterThan(CASES / 2);
  }

  /** What is wrong with a job file's error message, or null when it is fine. */
  private String badMessage(String message) {
    String prefix = job() + ": ";
    if (message.contains("\n") || message.contains("\r")) return "more than one line";
    if (message.length() > MAX_MESSAGE) return "longer than " + MAX_MESSAGE;
    if (!message.startsWith(prefix)) return "does not start with the job file";
    if (message.contains("Exception")
        || message.contains("at com.")
        || message.contains("at dev.")) {
      return "looks like a stack trace";
    }
    String rest = message.substring(prefix.length());
    if (FILE_PROBLEMS.stream().anyMatch(rest::startsWith)) return null;
    int colon = rest.indexOf(": ");
    if (colon <= 0 || rest.substring(0, colon).isBlank()) return "names no key";
    return null;
  }

  private String report(int i, String what, byte[] file, List<String> overrides) {
    String text = new String(file, StandardCharsets.UTF_8);
    String shown =
        text.length() > 3000 ? text.substring(0, 3000) + "... (" + text.length() + " chars)" : text;
    return "case "
        + i
        + " of seed "
        + SEED
        + ": "
        + what
        + "\n--- job file (escaped) ---\n"
        + new String(JsonStringEncoder.getInstance().quoteAsString(shown)).replace("\\n", "\\n\n")
        + "\n--- overrides ---\n"
        + overrides;
  }

  private static String cut(String text) {
    return text.length() > 2000
        ? text.substring(0, 2000) + "... (" + text.length() + " chars)"
        : text;
  }

  // ---- valid job files ----

  private List<Map<String, Object>> seeds() {
    return List.of(
        map(
            "name", "demo",
            "source",
                map(
                    "endpoints",
                    list(
                        map("name", "orders-eu", "url", "http://127.0.0.1:8089/api/orders-eu"),
                        map("name", "orders-us", "url", "http://127.0.0.1:8089/api/orders-us"))),
            "http",
                map(
                    "concurrency",
                    20,
                    "timeout",
                    "2s",
                    "maxResponseBytes",
                    "16MiB",
                    "attemptHeader",
                    "X-Tributary-Attempt",
                    "retry",
                    map("maxAttempts", 5, "backoff", "250ms", "maxBackoff", "1m")),
            "response", map("records", "/data/items"),
            "transform", map("date", "day", "amount", "total", "id", "order_no", "idTtl", "7d"),
            "output", map("path", dir.resolve("out").toString()),
            "demo",
                map(
                    "port",
                    9000,
                    "latency",
                    "10ms..20ms",
                    "seed",
                    7,
                    "faults",
                    map(
                        "throttle",
                        0.1,
                        "error",
                        0.2,
                        "hang",
                        0.05,
                        "notFound",
                        0.01,
                        "malformed",
                        0.02),
                    "hangLimit",
                    "5s")),
        map(
            "source",
            map("range", map("count", 1000, "name", "ep{i}", "url", "http://h/api/ep{i}"))),
        map(
            "name",
            "nightly",
            "source",
            map("file", "endpoints.jsonl"),
            "http",
            map("concurrency", 10000, "retry", map("backoff", "1m")),
            "demo",
            null),
        map("source", map("endpoints", list(map("name", "a", "url", "http://h/a")))),
        map("source", map("files", "data/*.json")),
        map(
            "source",
            map(
                "range",
                map("count", 10, "url", "http://h/api/ep{i}"),
                "poll",
                map("every", "1m", "times", 3)),
            "http",
            map(
                "connectTimeout",
                "1s",
                "totalTimeout",
                "2m",
                "headers",
                map("Authorization", "Bearer abc", "X-Client", "tributary"),
                "redact",
                list("api_key"),
                "allowHosts",
                list("h", "*.example.com", "127.0.0.1:8089"),
                "maxRedirects",
                2,
                "retry",
                map("maxRetryAfter", "5m")),
            "checkpoint",
            map("every", "5s", "dir", dir.resolve("checkpoints").toString())),
        map("source", map("watch", map("dir", "incoming", "every", "2s"))),
        map(
            "source",
            map(
                "endpoints",
                list(
                    map("name", "a", "url", "http://api.example.com/a"),
                    map("name", "b", "url", "http://127.0.0.1:8089/b"))),
            "http",
            map(
                "headers",
                map("Authorization", "Bearer everywhere"),
                "perHost",
                map("concurrency", 4, "rate", 2.5, "burst", 3),
                "hosts",
                map(
                    "api.example.com",
                    map("concurrency", 1, "rate", 1, "headers", map("Authorization", "Bearer a")),
                    "127.0.0.1:8089",
                    map("burst", 5),
                    "slow.example.org",
                    map()))));
  }

  // ---- mutations ----

  private byte[] mutatedFile() {
    List<Map<String, Object>> seeds = seeds();
    Map<String, Object> tree = seeds.get(random.nextInt(seeds.size()));
    int treeMutations = random.nextInt(4);
    for (int m = 0; m < treeMutations; m++) mutate(tree);
    String text = render(tree);
    return mutateText(text);
  }

  /** One change to the tree: a key deleted, a value replaced, a key added, an alias. */
  private void mutate(Map<String, Object> tree) {
    List<Slot> slots = new ArrayList<>();
    collect(tree, slots);
    if (slots.isEmpty()) {
      tree.put(oddKey(), oddValue());
      return;
    }
    Slot slot = slots.get(random.nextInt(slots.size()));
    switch (random.nextInt(6)) {
      case 0 -> slot.delete();
      case 1, 2 -> slot.set(oddValue());
      case 3 -> {
        Object parent = slot.parent;
        Map<String, Object> target = parent instanceof Map<?, ?> ? cast(parent) : tree;
        target.put(oddKey(), oddValue());
      }
      case 4 -> {
        // An anchor on one value and an alias to it in another (or to a name never anchored).
        Slot other = slots.get(random.nextInt(slots.size()));
        slot.set(new Anchored("a", slot.get()));
        if (other != slot) other.set(new Raw(random.nextBoolean() ? "*a" : "*nowhere"));
      }
      default -> {
        Map<String, Object> merge = map("<<", random.nextBoolean() ? new Raw("*a") : map("x", 1));
        slot.set(merge);
      }
    }
  }

  private String oddKey() {
    return switch (random.nextInt(8)) {
      case 0 -> "k".repeat(random.nextInt(8) == 0 ? 100_000 : 20_000);
      case 1 -> "k".repeat(2_000);
      case 2 -> "<<";
      case 3 -> "weird key: \"with\" quotes\nand a newline\u0001";
      case 4 -> typo(pick("name", "source", "concurrency", "timeout", "retry", "faults", "url"));
      default ->
          pick(
              "name",
              "source",
              "http",
              "endpoints",
              "file",
              "range",
              "files",
              "count",
              "path",
              "attemptHeader",
              "id",
              "idTtl",
              "poll",
              "every",
              "times",
              "watch",
              "dir",
              "checkpoint",
              "headers",
              "redact",
              "allowHosts",
              "maxRedirects",
              "caFile",
              "connectTimeout",
              "totalTimeout",
              "maxRetryAfter",
              "perHost",
              "hosts",
              "rate",
              "burst",
              "api.example.com",
              "API.Example.com",
              "127.0.0.1:8089",
              "*.example.com",
              "demo",
              "x");
    };
  }

  private String typo(String key) {
    StringBuilder b = new StringBuilder(key);
    int at = random.nextInt(b.length());
    if (random.nextBoolean()) b.deleteCharAt(at);
    else b.insert(at, (char) ('a' + random.nextInt(26)));
    return random.nextBoolean() ? b.toString() : b.toString().toUpperCase();
  }

  /** Wrong types, extreme numbers, bad durations and sizes, odd paths. */
  private Object oddValue() {
    return switch (random.nextInt(7)) {
      case 0 ->
          pick(
              list(1, 2),
              map("a", 1),
              "text",
              true,
              false,
              null,
              map(),
              list(),
              list(map("name", "a", "url", "u"), map("name", "a", "url", "u")),
              list(map("name", "b")),
              map("count", 5, "url", "http://x/{i}"));
      case 1 ->
          pick(
              0,
              -1,
              1,
              2147483648L,
              new BigInteger("9223372036854775808"),
              new BigInteger("1" + "0".repeat(400)),
              -9223372036854775807L,
              1.5,
              -0.1,
              0.5,
              new Raw("1e400"),
              new Raw("-1e400"),
              new Raw(".nan"),
              new Raw(".inf"),
              new Raw("-.Inf"),
              new Raw("0x1F"),
              new Raw("1_000"),
              new Raw("\"5\""),
              new Raw("1" + "0".repeat(2000)));
      case 2 ->
          pick(
              "10 sec",
              "1.5ms",
              "9999999999999h",
              "0s",
              "0ms",
              "-1s",
              "1h",
              "250ms",
              "1.5s..1s",
              "200ms..500ms",
              "1ms..9999999999999h",
              "..",
              new Raw("10"));
      case 3 ->
          pick("16MB", "0.5B", "99999999TiB", "1GiB", "0", "1.5KiB", "512KiB", "1", "9".repeat(30));
      case 4 ->
          pick(
              "a\0b",
              "x".repeat(10_000),
              "/dev/null",
              existingFile,
              existingFile + "/sub",
              "a/".repeat(2100),
              "n".repeat(300),
              "",
              " ",
              dir.toString(),
              "out/x",
              "/data/items",
              "data/items",
              "/a~2b");
      case 5 ->
          pick(
              "y".repeat(20_000),
              "\u0001\u001b[31mred",
              "line\nbreak",
              "\ud800",
              "{i}",
              "ep",
              "http://x/{i}",
              "*a",
              "---");
      default ->
          pick(
              new Raw("!!binary aGVsbG8="),
              new Raw("!!int \"5\""),
              new Raw("!!float \"x\""),
              new Raw("!custom 5"),
              new Raw("|\n  literal\n"),
              new Raw("yes"),
              new Raw("~"),
              new Raw(""),
              new Raw("[1, [2, [3]]]"),
              new Raw("{a: {b: {c: ~}}}"));
    };
  }

  /** Changes to the text: a second document, flipped bytes, garbage, invalid UTF-8, cuts. */
  private byte[] mutateText(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return switch (random.nextInt(12)) {
      case 0 ->
          (text + "---\n" + pick("name: b\n", "", "- x\n", "source: {}\n"))
              .getBytes(StandardCharsets.UTF_8);
      case 1 -> ("---\n" + text).getBytes(StandardCharsets.UTF_8);
      case 2 -> flip(bytes, 1 + random.nextInt(5));
      case 3 -> insert(bytes, randomBytes(1 + random.nextInt(20)));
      case 4 ->
          insert(
              bytes,
              pick(
                  new byte[] {(byte) 0xc3, 0x28},
                  new byte[] {(byte) 0xff},
                  new byte[] {0},
                  new byte[] {'\t'}));
      case 5 -> randomBytes(random.nextInt(200));
      case 6 -> java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
      default -> bytes; // the tree's mutations alone
    };
  }

  private byte[] flip(byte[] bytes, int times) {
    byte[] copy = bytes.clone();
    for (int i = 0; i < times && copy.length > 0; i++) {
      int at = random.nextInt(copy.length);
      copy[at] =
          random.nextBoolean()
              ? (byte) (copy[at] ^ (1 << random.nextInt(8)))
              : (byte) random.nextInt(256);
    }
    return copy;
  }

  private byte[] insert(byte[] bytes, byte[] extra) {
    int at = random.nextInt(bytes.length + 1);
    byte[] out = new byte[bytes.length + extra.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(extra, 0, out, at, extra.length);
    System.arraycopy(bytes, at, out, at + extra.length, bytes.length - at);
    return out;
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private List<String> overrides() {
    List<String> overrides = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      overrides.add(
          pick(
              "http.concurrency=" + pick("10", "abc", "0", "99999999999", "1.5", "~", ""),
              "http.timeout=" + pick("2s", "soon", "0s", ""),
              "source.range.count=" + pick("5", "-1", "x", "null"),
              "source.range.url=http://x/{i}",
              "source.range={count: 5, url: \"http://x/{i}\"}",
              "source.file=" + pick("endpoints.jsonl", "null", "~", "missing.jsonl", ""),
              "source.endpoints=" + pick("~", "[]", "[{name: a, url: u}]", "orders"),
              "source=" + pick("~", "{}", "[1]"),
              "source.poll=" + pick("{every: 1s}", "{every: 10ms}", "{times: 0}", "~"),
              "checkpoint.every=" + pick("1s", "0s", "x"),
              "http.headers=" + pick("{A: b}", "{\"bad name\": x}", "{A: \"${env:NOT_SET_X}\"}"),
              "http.maxRedirects=" + pick("0", "51", "-1"),
              "http.retry.maxRetryAfter=" + pick("1m", "0s"),
              "http.perHost=" + pick("{rate: 1}", "{burst: 2}", "{concurrency: 0}", "~", "[1]"),
              "http.perHost.rate=" + pick("0.5", "0", "-1", "fast", ".nan", "1e400"),
              "http.perHost.burst=" + pick("1", "0", "2"),
              "http.hosts="
                  + pick(
                      "{h: {rate: 1}}",
                      "{'*.h': {}}",
                      "{h: ~}",
                      "{H: {}, h: {}}",
                      "{h: {headers: {A: \"${env:NOT_SET_X}\"}}}",
                      "{'h:99': {burst: 1}}"),
              "demo=" + pick("~", "{}", "{port: 1}"),
              "demo.faults.error=" + pick("0.25", ".nan", "2"),
              "output.path=" + pick("/dev/null", existingFile, dir.resolve("o").toString(), "a\0b"),
              "name=" + pick("x", "*a", "a\n---\nb", "[unclosed", "&a b"),
              "name.first=a",
              "nmae=x",
              "http=[1]",
              "=10",
              "a..b=1",
              "http.concurrency",
              "k".repeat(10_000) + "=1"));
    }
    return overrides;
  }

  // ---- the tree and its YAML ----

  /** A value written into the YAML as it is, e.g. {@code .nan} or {@code *a}. */
  private record Raw(String text) {}

  /** A value written with an anchor, {@code &name value}. */
  private record Anchored(String name, Object value) {}

  /** A place in the tree: a key of a mapping or an index of a list. */
  private static final class Slot {
    final Object parent;
    final Object key;

    Slot(Object parent, Object key) {
      this.parent = parent;
      this.key = key;
    }

    Object get() {
      return parent instanceof Map<?, ?> m ? m.get(key) : ((List<?>) parent).get((Integer) key);
    }

    void set(Object value) {
      if (parent instanceof Map<?, ?> m)
        JobFileFuzzTest.<Map<String, Object>>cast(m).put((String) key, value);
      else JobFileFuzzTest.<List<Object>>cast(parent).set((Integer) key, value);
    }

    void delete() {
      if (parent instanceof Map<?, ?> m) m.remove(key);
      else ((List<?>) parent).remove((int) (Integer) key);
    }
  }

  private static void collect(Object node, List<Slot> slots) {
    if (node instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        slots.add(new Slot(m, e.getKey()));
        collect(e.getValue(), slots);
      }
    } else if (node instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        slots.add(new Slot(l, i));
        collect(l.get(i), slots);
      }
    }
  }

  private String render(Map<String, Object> tree) {
    StringBuilder out = new StringBuilder();
    block(tree, 0, out);
    return out.toString();
  }

  private void block(Map<?, ?> map, int indent, StringBuilder out) {
    String pad = " ".repeat(indent);
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (key.length() > 1000) {
        out.append(pad).append("? ").append(scalar(key)).append('\n').append(pad).append(':');
      } else {
        out.append(pad).append(key(key)).append(':');
      }
      if (e.getValue() instanceof Map<?, ?> child && !child.isEmpty() && random.nextBoolean()) {
        out.append('\n');
        block(child, indent + 2, out);
      } else {
        String value = flow(e.getValue());
        out.append(value.isEmpty() ? "" : " " + value).append('\n');
      }
    }
  }

  private String flow(Object v) {
    if (v == null) return pick("~", "", "null");
    if (v instanceof Raw raw) return raw.text();
    if (v instanceof Anchored a) return "&" + a.name() + " " + flow(a.value());
    if (v instanceof Map<?, ?> m) {
      List<String> entries = new ArrayList<>();
      m.forEach((k, value) -> entries.add(key(String.valueOf(k)) + ": " + flow(value)));
      return "{" + String.join(", ", entries) + "}";
    }
    if (v instanceof List<?> l) {
      List<String> items = new ArrayList<>();
      l.forEach(item -> items.add(flow(item)));
      return "[" + String.join(", ", items) + "]";
    }
    if (v instanceof String s) return scalar(s);
    return String.valueOf(v); // numbers, booleans
  }

  private static String key(String key) {
    return key.matches("[A-Za-z<][A-Za-z0-9_<]*") ? key : scalar(key);
  }

  private static String scalar(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }

  // ---- small helpers ----

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  private static List<Object> list(Object... items) {
    return new ArrayList<>(List.of(items));
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }
}
