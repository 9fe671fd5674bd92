package dev.tributary.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The versions in this project's {@code pom.xml}, read as text (no Maven model needed). */
final class ProjectPom {
  static final Path POM = Path.of("pom.xml");

  private ProjectPom() {}

  /** {@code <flink.version>} of the properties. */
  static String flinkVersion() {
    return first("<flink\\.version>([^<]+)</flink\\.version>");
  }

  /** The project's own version: the first {@code <version>} after {@code <artifactId>tributary}. */
  static String projectVersion() {
    return first("<artifactId>tributary</artifactId>\\s*<version>([^<]+)</version>");
  }

  /** The shaded job jar {@code mvn package} builds: {@code target/tributary-<version>.jar}. */
  static Path jobJar() {
    return Path.of("target", "tributary-" + projectVersion() + ".jar").toAbsolutePath();
  }

  private static String first(String regex) {
    try {
      Matcher m = Pattern.compile(regex).matcher(Files.readString(POM));
      if (!m.find()) throw new IllegalStateException(POM + " has no match for " + regex);
      return m.group(1).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
