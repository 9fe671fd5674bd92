package dev.tributary.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Parses YAML text into a tree, refusing what YAML allows but a job file does not: aliases (which
 * Jackson would read as the alias's name), merge keys, and a second document. The parser's
 * complaints become one-line messages.
 */
final class JobFileYaml {
  private static final Pattern NON_FINITE =
      Pattern.compile("[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");

  /** Far deeper than any job file; deeper nesting is refused before Jackson's own limit (1000). */
  private static final int MAX_DEPTH = 64;

  /** Longest piece of the parser's own explanation kept in a message. */
  private static final int MAX_REASON = 120;

  private final ObjectMapper mapper;

  JobFileYaml(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * The tree of a job file's text.
   *
   * @param jobFile the job file as given, for messages
   * @throws JobFileException when the text is not YAML, or uses what a job file does not support
   */
  JsonNode parse(String text, String jobFile) throws JobFileException {
    try {
      refuseUnsupported(text, jobFile);
      return mapper.readTree(text);
    } catch (IOException | RuntimeException e) { // from a String, only the parser's complaints
      throw problem(e, jobFile);
    }
  }

  /** The tree of a {@code --set} value; empty when it is not YAML a job file accepts. */
  Optional<JsonNode> parseValue(String text) {
    try {
      refuseUnsupported(text, "--set");
      JsonNode value = mapper.readTree(text);
      return value == null || value.isMissingNode() ? Optional.empty() : Optional.of(value);
    } catch (IOException | RuntimeException | JobFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Walks the tokens once before the tree is built, since the tree no longer tells an alias from a
   * string, nor shows a key written twice or where a value was.
   */
  private void refuseUnsupported(String text, String jobFile) throws IOException, JobFileException {
    try (JsonParser p = mapper.createParser(text)) {
      Deque<Map<String, Integer>> keyLines = new ArrayDeque<>(); // of the mappings we are in
      int depth = 0;
      boolean rootRead = false;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        int line = p.currentTokenLocation().getLineNr();
        if (rootRead) {
          throw new JobFileException(
              jobFile,
              null,
              "a second YAML document starts at line " + line + " (a job file is one document)");
        }
        if (p instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
          throw new JobFileException(
              jobFile,
              keyPath(p.getParsingContext()),
              "*"
                  + Messages.cut(p.getText())
                  + " at line "
                  + line
                  + " is a YAML alias, which a job file cannot use: write the value out");
        }
        if (t == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          if ("<<".equals(key)) {
            throw new JobFileException(
                jobFile,
                keyPath(p.getParsingContext()),
                "<< at line "
                    + line
                    + " is a YAML merge key, which a job file cannot use: write the keys out");
          }
          Integer first = keyLines.peek().putIfAbsent(key, line);
          if (first != null) {
            throw new JobFileException(
                jobFile,
                keyPath(p.getParsingContext()),
                first == line
                    ? "written twice (line " + line + ")"
                    : "written twice (lines " + first + " and " + line + ")");
          }
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT && NON_FINITE.matcher(p.getText()).matches()) {
          throw new JobFileException(
              jobFile, keyPath(p.getParsingContext()), nonFinite(p.getText()));
        }
        if (t == JsonToken.START_OBJECT) keyLines.push(new HashMap<>());
        if (t == JsonToken.END_OBJECT) keyLines.pop();
        if (t.isStructStart() && ++depth > MAX_DEPTH) {
          throw new JobFileException(
              jobFile, null, "nested more than " + MAX_DEPTH + " levels deep at line " + line);
        }
        if (t.isStructEnd()) depth--;
        rootRead = depth == 0 && t != JsonToken.FIELD_NAME;
      }
    }
  }

  /**
   * YAML's {@code .nan} and {@code .inf} are valid YAML that Jackson cannot read as numbers; no key
   * takes them. (Numbers too large for a double, such as {@code 1e400}, read as infinity and are
   * refused where they are bound.)
   */
  private static String nonFinite(String value) {
    String meaning = value.toLowerCase(Locale.ROOT).endsWith("nan") ? "not-a-number" : "infinity";
    return Messages.cut(value)
        + " is YAML's "
        + meaning
        + ", which no key takes (quote it if it is meant as text)";
  }

  private static JobFileException problem(Exception e, String jobFile) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
        Mark mark = marked.getProblemMark();
        String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
        return new JobFileException(
            jobFile,
            null,
            invalidYamlAt(mark.getLine() + 1, mark.getColumn() + 1)
                + reason(marked.getProblem())
                + context);
      }
    }
    JsonLocation at = e instanceof JacksonException jackson ? jackson.getLocation() : null;
    String where =
        at == null ? invalidYamlAt(0, 0) : invalidYamlAt(at.getLineNr(), at.getColumnNr());
    if (e instanceof StreamConstraintsException limit) {
      // Jackson's limits on the size of one key or value, far above any real job file's.
      return new JobFileException(
          jobFile, null, where + "too large to read (" + reason(limit.getOriginalMessage()) + ")");
    }
    // A parser that crashed on odd text (a NumberFormatException for a cut "\\u" escape) explains
    // nothing the user can act on, and its words are Java's.
    String why =
        e instanceof JacksonException jackson && !(e.getCause() instanceof RuntimeException)
            ? jackson.getOriginalMessage()
            : "the YAML parser cannot read the text here";
    return new JobFileException(jobFile, null, where + reason(why));
  }

  /** The parser's position as a key path, e.g. {@code demo.faults.error} or {@code a[0]}. */
  private static String keyPath(JsonStreamContext context) {
    List<String> parts = new ArrayList<>(); // leaf first
    for (JsonStreamContext c = context; c != null; c = c.getParent()) {
      if (c.inArray()) {
        parts.add("[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else if (c.inObject() && c.getCurrentName() != null) {
        parts.add(Messages.key(c.getCurrentName()));
      }
    }
    StringBuilder path = new StringBuilder();
    for (int i = parts.size() - 1; i >= 0; i--) {
      String part = parts.get(i);
      if (path.length() > 0 && !part.startsWith("[")) path.append('.');
      path.append(part);
    }
    return path.length() == 0 ? null : path.toString();
  }

  /** The start of the message, with the place when it is known (line numbers start at 1). */
  private static String invalidYamlAt(int line, int column) {
    return line > 0
        ? "invalid YAML at line " + line + ", column " + column + ": "
        : "invalid YAML: ";
  }

  /** The first line of the parser's explanation, cut to a readable length. */
  private static String reason(String text) {
    if (text == null || text.isBlank()) return "unknown problem";
    String line = text.strip().lines().findFirst().orElse("").strip();
    return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON) + "...";
  }
}
