package dev.tributary.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Where things are: the project folder (found from the jar or classes this code runs from, so it
 * works whatever the working directory), the job jar, Flink's class path, and how to start a JVM on
 * them the way {@code bin/tributary} does.
 */
final class Project {
  /** Written by the build (bench/pom.xml): where the job jar is, relative to the project. */
  private static final String BUILD_PROPERTIES = "bench.properties";

  private final Path dir;
  private final Path jar;

  private Project(Path dir, Path jar) {
    this.dir = dir;
    this.jar = jar;
  }

  /**
   * The project of the running code: the harness's {@code bench/target/tributary-bench.jar} or
   * {@code bench/target/classes} (tests) are three levels below it.
   */
  static Project ofRunningCode() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    try {
      Path codeSource = ownCode();
      Path candidate = codeSource.getParent().getParent().getParent();
      if (Files.isDirectory(candidate.resolve("conf"))) dir = candidate;
    } catch (IOException | RuntimeException e) {
      // Fall back to the working directory.
    }
    return new Project(dir, dir.resolve(jobJarPath()));
  }

  /** The harness's own jar or classes folder. */
  private static Path ownCode() throws IOException {
    try {
      return Path.of(Project.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toAbsolutePath();
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }

  private static String jobJarPath() {
    Properties properties = new Properties();
    try (InputStream in = Project.class.getResourceAsStream(BUILD_PROPERTIES)) {
      if (in == null)
        throw new IllegalStateException("no " + BUILD_PROPERTIES + " in the bench's jar");
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("job.jar");
  }

  Path dir() {
    return dir;
  }

  /** The job jar, as the top-level project builds it. */
  Path jar() {
    return jar;
  }

  /** The harness's jar, as bench/pom.xml builds it. */
  Path benchJar() {
    return dir.resolve("bench/target/tributary-bench.jar");
  }

  /** {@code bin/tributary}. */
  Path launcher() {
    return dir.resolve("bin/tributary");
  }

  Path confDir() {
    return dir.resolve("conf");
  }

  Path benchScripts() {
    return dir.resolve("bench");
  }

  /**
   * The harness's own code, the job jar and Flink's jars, for the bench's helpers (the bare client,
   * the demo API's static server; they start no cluster: no RPC jar).
   */
  String classPath() throws IOException {
    Path provided = dir.resolve("target/provided-classpath.txt");
    if (!Files.isRegularFile(jar()) || !Files.isRegularFile(provided)) {
      throw new IOException(
          "no " + jar() + " or " + provided + ": build first (mvn -B -DskipTests package)");
    }
    return ownCode()
        + ":"
        + jar()
        + ":"
        + Files.readString(provided, StandardCharsets.UTF_8).strip();
  }

  /**
   * The JVM options {@code bin/tributary} gives its JVM: {@code conf/jvm.options} (one per line,
   * blank lines and # comments skipped), then {@code JAVA_OPTS}.
   */
  List<String> launcherJvmOptions() throws IOException {
    List<String> options = new ArrayList<>();
    for (String line :
        Files.readAllLines(confDir().resolve("jvm.options"), StandardCharsets.UTF_8)) {
      String option = line.strip();
      if (!option.isEmpty() && !option.startsWith("#")) options.add(option);
    }
    String javaOpts = System.getenv("JAVA_OPTS");
    if (javaOpts != null && !javaOpts.isBlank())
      options.addAll(List.of(javaOpts.strip().split("\\s+")));
    return options;
  }

  /** The {@code java} of the JVM running the benchmark, so children run on the same Java. */
  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * {@code java OPTIONS -Dlog4j... -cp JAR:FLINK MAIN ARGS} for a helper of the bench (the bare
   * client, the static server): the launcher's JVM options ({@code conf/jvm.options}), so that the
   * bare client runs on the same JVM settings as Tributary, then {@code jvmOptions}.
   */
  List<String> javaCommand(List<String> jvmOptions, String mainClass, List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(javaBin());
    command.addAll(launcherJvmOptions());
    command.addAll(jvmOptions);
    command.add("-Dlog4j.configurationFile=" + confDir().resolve("log4j2.properties"));
    command.add("-cp");
    command.add(classPath());
    command.add(mainClass);
    command.addAll(args);
    return command;
  }
}
