package dev.tributary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo API in static mode ({@code Main demo-api --static}) as a child process: the static
 * server when nginx is not installed. It is a JVM on the same 2 cores, so it may be the bottleneck;
 * the tables show its CPU.
 */
final class DemoStaticServer implements StaticServer {
  private static final long START_DEADLINE_MILLIS = 30_000;

  private final Process process;
  private final int port;

  private DemoStaticServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static DemoStaticServer start(Project project, Path dir)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int port = StaticServer.freePort();
    ProcessBuilder builder =
        new ProcessBuilder(
                project.javaCommand(
                    List.of(),
                    "dev.tributary.cli.Main",
                    List.of("demo-api", "--static", "--port", Integer.toString(port))))
            .redirectOutput(dir.resolve("stdout.txt").toFile())
            .redirectError(dir.resolve("stderr.txt").toFile());
    Process process = ChildProcesses.start(builder);
    try {
      StaticServer.awaitListening(port, process, START_DEADLINE_MILLIS, "demo-api --static");
      return new DemoStaticServer(process, port);
    } catch (IOException | InterruptedException | RuntimeException e) {
      ChildProcesses.stop(process);
      throw e;
    }
  }

  @Override
  public String description() {
    return "demo API --static (a JVM; install nginx-light for a server that is not the bottleneck)";
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public List<Long> pids() {
    return List.of(process.pid());
  }

  @Override
  public void close() {
    ChildProcesses.stop(process);
  }
}
