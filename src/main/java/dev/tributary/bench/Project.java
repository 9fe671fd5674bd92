package dev.tributary.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where things are: the project folder (found from the jar or classes this code runs from, so it
 * works whatever the working directory), the job jar, Flink's class path, and how to start a JVM on
 * them the way {@code bin/tributary} does.
 */
final class Project {
  private final Path dir;

  private Project(Path dir) {
    this.dir = dir;
  }

  /**
   * The project of the running code: {@code target/tributary.jar} or {@code target/classes} (tests)
   * are two levels below it.
   */
  static Project ofRunningCode() {
    try {
      Path codeSource =
          Path.of(Project.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path candidate = codeSource.toAbsolutePath().getParent().getParent();
      if (Files.isDirectory(candidate.resolve("conf"))) return new Project(candidate);
    } catch (URISyntaxException | RuntimeException e) {
      // Fall through to the working directory.
    }
    return new Project(Path.of(System.getProperty("user.dir")).toAbsolutePath());
  }

  Path dir() {
    return dir;
  }

  Path jar() {
    return dir.resolve("target/tributary.jar");
  }

  Path confDir() {
    return dir.resolve("conf");
  }

  Path benchScripts() {
    return dir.resolve("bench");
  }

  /** The job jar and Flink's jars, as {@code bin/tributary} puts them on the class path. */
  String classPath() throws IOException {
    Path provided = dir.resolve("target/provided-classpath.txt");
    if (!Files.isRegularFile(jar()) || !Files.isRegularFile(provided)) {
      throw new IOException(
          "no " + jar() + " or " + provided + ": build first (mvn -B -DskipTests package)");
    }
    return jar() + ":" + Files.readString(provided, StandardCharsets.UTF_8).strip();
  }

  /** The {@code java} of the JVM running the benchmark, so children run on the same Java. */
  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code java OPTS -Dlog4j... -cp JAR:FLINK MAIN ARGS}, as bin/tributary runs it. */
  List<String> javaCommand(List<String> jvmOptions, String mainClass, List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(javaBin());
    command.addAll(jvmOptions);
    command.add("-Dlog4j.configurationFile=" + confDir().resolve("log4j2.properties"));
    command.add("-cp");
    command.add(classPath());
    command.add(mainClass);
    command.addAll(args);
    return command;
  }
}
