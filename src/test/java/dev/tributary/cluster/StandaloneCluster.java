package dev.tributary.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Flink standalone session cluster on 127.0.0.1 made of Maven artifacts (there is no flink-dist
 * on Maven Central): one JobManager and {@code n} TaskManagers of one slot each, every one its own
 * JVM started the way flink-dist's scripts start them, with a {@code config.yaml}, logs and
 * temporary files in one folder of the test's. {@link #close()} stops every process; a JVM shutdown
 * hook does it too if the test JVM ends first.
 */
public final class StandaloneCluster implements AutoCloseable {
  static final String JOB_MANAGER_CLASS =
      "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
  static final String TASK_MANAGER_CLASS =
      "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
  static final String BASH_JAVA_UTILS_CLASS = "org.apache.flink.runtime.util.bash.BashJavaUtils";

  /** Start-up on 2 busy cores is ~6–10 s; the deadline leaves room for a loaded machine. */
  static final Duration STARTUP_DEADLINE = Duration.ofSeconds(90);

  /** How long a process gets to end after SIGTERM before it is killed. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  /**
   * The JVM options flink-dist's default {@code config.yaml} gives every process
   * (env.java.default-opts.all). Without {@code java.util} open, the JobManager cannot run a jar's
   * main method through REST ({@code NoClassDefFoundError ... ExecutionContextEnvironment}).
   */
  static final List<String> FLINK_JVM_OPTIONS =
      List.of(
          "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
          "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.text=ALL-UNNAMED",
          "--add-opens=java.base/java.time=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  private final Path dir;
  private final List<String> classPath;
  private final List<ClusterProcess> processes = new ArrayList<>();
  private final Thread shutdownHook = new Thread(this::stopAll, "standalone-cluster-stop");
  private FlinkRest rest;

  private StandaloneCluster(Path dir, List<String> classPath) {
    this.dir = dir;
    this.classPath = classPath;
  }

  /**
   * Starts a JobManager and {@code taskManagers} TaskManagers in {@code dir} and waits until the
   * REST API lists them all. Stops whatever it started if start-up fails.
   */
  public static StandaloneCluster start(Path dir, int taskManagers) throws Exception {
    StandaloneCluster cluster = new StandaloneCluster(dir, ClusterClassPath.flinkDistribution());
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    try {
      cluster.startProcesses(taskManagers);
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  private void startProcesses(int taskManagers) throws Exception {
    Path confDir = Files.createDirectories(dir.resolve("conf"));
    Files.createDirectories(logDir());
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    int restPort = freePort();
    Files.writeString(confDir.resolve("config.yaml"), config(restPort, tmp));
    Files.writeString(confDir.resolve("log4j.properties"), LOG4J_PROPERTIES);
    rest = new FlinkRest("http://127.0.0.1:" + restPort);

    // Both computed at once: each is a JVM start, and the cores are better used in parallel.
    ResourceParams jobManagerParams = ResourceParams.start("GET_JM_RESOURCE_PARAMS", this, confDir);
    ResourceParams taskManagerParams =
        ResourceParams.start("GET_TM_RESOURCE_PARAMS", this, confDir);
    List<String> jobManagerResources = jobManagerParams.await();
    processes.add(launch("jobmanager", JOB_MANAGER_CLASS, jobManagerResources, confDir));
    List<String> taskManagerResources = taskManagerParams.await();
    for (int i = 1; i <= taskManagers; i++) {
      processes.add(launch("taskmanager-" + i, TASK_MANAGER_CLASS, taskManagerResources, confDir));
    }
    awaitTaskManagers(taskManagers);
  }

  /** Free ports picked now: a fixed port would clash with another build on the machine. */
  private String config(int restPort, Path tmp) throws IOException {
    return String.join(
        "\n",
        "# Written by StandaloneCluster for one test run.",
        "jobmanager.rpc.address: 127.0.0.1",
        "jobmanager.rpc.port: " + freePort(),
        "jobmanager.bind-host: 127.0.0.1",
        "jobmanager.memory.process.size: 768m",
        "taskmanager.bind-host: 127.0.0.1",
        "taskmanager.host: 127.0.0.1",
        "taskmanager.numberOfTaskSlots: 1",
        // 1024m leaves the task heap ~26 MB.
        "taskmanager.memory.process.size: 1280m",
        "rest.address: 127.0.0.1",
        "rest.bind-address: 127.0.0.1",
        "rest.port: " + restPort,
        "blob.server.port: " + freePort(),
        "parallelism.default: 1",
        // A TaskManager that starts before the JobManager retries after 1 s instead of 10 s.
        "cluster.registration.error-delay: 1s",
        "io.tmp.dirs: " + tmp,
        "web.tmpdir: " + tmp.resolve("web"),
        "env.log.dir: " + logDir(),
        "");
  }

  /**
   * The JVM memory flags (first line) and the dynamic properties (second line) flink-dist's scripts
   * get from BashJavaUtils for a process to start.
   */
  private record ResourceParams(String command, Process process, Path output, Path confDir) {
    static ResourceParams start(String command, StandaloneCluster cluster, Path confDir)
        throws IOException {
      List<String> java = new ArrayList<>(cluster.javaCommand());
      java.addAll(List.of(BASH_JAVA_UTILS_CLASS, command, "--configDir", confDir.toString()));
      Path output = cluster.logDir().resolve(command.toLowerCase() + ".out");
      Process process =
          new ProcessBuilder(java)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      return new ResourceParams(command, process, output, confDir);
    }

    /** The JVM flags, then {@code --configDir DIR} and the dynamic properties. */
    List<String> await() throws IOException, InterruptedException {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish in 60 s");
      }
      String prefix = "BASH_JAVA_UTILS_EXEC_RESULT:";
      List<String> results =
          Files.readAllLines(output).stream()
              .filter(line -> line.startsWith(prefix))
              .map(line -> line.substring(prefix.length()).strip())
              .toList();
      if (process.exitValue() != 0 || results.size() != 2) {
        throw new IllegalStateException(
            command + " failed (exit " + process.exitValue() + "): " + Files.readString(output));
      }
      List<String> params = new ArrayList<>(Arrays.asList(results.get(0).split("\\s+")));
      params.add("--configDir");
      params.add(confDir.toString());
      // "-D key=value -D key=value": the entry points take them as they are.
      params.addAll(Arrays.asList(results.get(1).split("\\s+")));
      return params;
    }
  }

  private ClusterProcess launch(
      String name, String mainClass, List<String> resourceParams, Path confDir) throws IOException {
    Path log = logDir().resolve(name + ".log");
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(FLINK_JVM_OPTIONS);
    // The JVM flags come first, the program's arguments after the main class.
    int split = resourceParams.indexOf("--configDir");
    command.addAll(resourceParams.subList(0, split));
    command.add("-Dlog.file=" + log);
    command.add("-Dlog4j.configurationFile=file:" + confDir.resolve("log4j.properties"));
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPath));
    command.add(mainClass);
    command.addAll(resourceParams.subList(split, resourceParams.size()));
    Path out = logDir().resolve(name + ".out");
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    return new ClusterProcess(name, process, log, out);
  }

  private void awaitTaskManagers(int expected) throws Exception {
    Instant deadline = Instant.now().plus(STARTUP_DEADLINE);
    int seen = -1;
    while (Instant.now().isBefore(deadline)) {
      for (ClusterProcess process : processes) {
        if (!process.process().isAlive()) {
          throw new IllegalStateException(
              process.name()
                  + " exited with "
                  + process.process().exitValue()
                  + " during start-up:\n"
                  + process.tail());
        }
      }
      seen = rest.taskManagerCount().orElse(-1);
      if (seen == expected) return;
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "the cluster did not list "
            + expected
            + " TaskManagers within "
            + STARTUP_DEADLINE.toSeconds()
            + " s (last seen: "
            + (seen < 0 ? "no REST answer" : seen)
            + ")\n"
            + processes.stream().map(ClusterProcess::tail).collect(Collectors.joining("\n")));
  }

  public FlinkRest rest() {
    return rest;
  }

  public Path dir() {
    return dir;
  }

  public Path logDir() {
    return dir.resolve("log");
  }

  /** The log files of the TaskManagers, in start order. */
  public List<Path> taskManagerLogs() {
    return processes.stream()
        .filter(p -> p.name().startsWith("taskmanager"))
        .map(ClusterProcess::log)
        .toList();
  }

  /** The log file of the JobManager. */
  public Path jobManagerLog() {
    return processes.get(0).log();
  }

  /** True while every process of the cluster runs. */
  public boolean allAlive() {
    return processes.stream().allMatch(p -> p.process().isAlive());
  }

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running and stops the processes.
    }
  }

  /** SIGTERM to every process (TaskManagers first), then SIGKILL to any still running. */
  private synchronized void stopAll() {
    List<ClusterProcess> reversed = new ArrayList<>(processes);
    Collections.reverse(reversed);
    for (ClusterProcess p : reversed) p.process().destroy();
    Instant deadline = Instant.now().plus(STOP_GRACE);
    for (ClusterProcess p : reversed) {
      long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
      try {
        if (!p.process().waitFor(left, TimeUnit.MILLISECONDS)) p.process().destroyForcibly();
      } catch (InterruptedException e) {
        p.process().destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    for (ClusterProcess p : reversed) {
      try {
        p.process().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private List<String> javaCommand() {
    return List.of(javaBinary(), "-cp", String.join(File.pathSeparator, classPath), "-Xmx64m");
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** One JVM of the cluster. */
  record ClusterProcess(String name, Process process, Path log, Path out) {
    /** The last lines of its log and console output, for a failure message. */
    String tail() {
      StringBuilder text = new StringBuilder();
      for (Path file : List.of(log, out)) {
        text.append("--- ").append(file).append(" (last 30 lines)\n");
        if (!Files.exists(file)) continue;
        try {
          List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
          lines
              .subList(Math.max(0, lines.size() - 30), lines.size())
              .forEach(line -> text.append(line).append('\n'));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return text.toString();
    }
  }

  /** The class path a flink-dist's lib/ would give, made of the test JVM's Maven artifacts. */
  static final class ClusterClassPath {
    private ClusterClassPath() {}

    /**
     * Flink's jars, their libraries and log4j: the entries of {@code target/provided-classpath.txt}
     * (what bin/tributary runs Flink with), plus Flink's own artifacts and log4j from the test
     * JVM's class path (flink-runtime-web for the REST jar endpoints, and modules such as
     * flink-file-sink-common that Maven counts as the job's own because the job jar also carries
     * them). Not this project's classes, nor the job's libraries (AsyncHttpClient, Netty, Jackson):
     * those must come from the uploaded jar, as on a real cluster. (The benchmark's chart library
     * is provided too, so it comes along; nothing loads it.)
     */
    static List<String> flinkDistribution() throws IOException {
      Path provided = Path.of("target", "provided-classpath.txt");
      if (!Files.exists(provided)) {
        throw new IllegalStateException(provided + " is missing: run `mvn package` first");
      }
      Set<String> entries = new LinkedHashSet<>();
      for (String entry : Files.readString(provided).strip().split(File.pathSeparator)) {
        if (!entry.isBlank()) entries.add(entry);
      }
      Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
          .filter(entry -> entry.endsWith(".jar"))
          .filter(
              entry -> isFlinkModule(entry) || entry.contains("/org/apache/logging/log4j/log4j-"))
          .forEach(entries::add);
      return List.copyOf(entries);
    }

    /** An artifact of org.apache.flink, except the test utilities and test jars. */
    private static boolean isFlinkModule(String entry) {
      String name = Path.of(entry).getFileName().toString();
      return entry.contains("/org/apache/flink/") && !name.contains("test");
    }
  }

  private static final String LOG4J_PROPERTIES =
      String.join(
          "\n",
          "# Every process of the test cluster logs to its own file (-Dlog.file).",
          "rootLogger.level = INFO",
          "rootLogger.appenderRef.file.ref = MainAppender",
          "appender.main.name = MainAppender",
          "appender.main.type = File",
          "appender.main.fileName = ${sys:log.file}",
          "appender.main.layout.type = PatternLayout",
          "appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
          "logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline",
          "logger.netty.level = OFF",
          "");

  /**
   * Deletes a folder and everything in it (a test's folder shared with the cluster's processes).
   */
  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) return;
    try (Stream<Path> paths = Files.walk(path)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
