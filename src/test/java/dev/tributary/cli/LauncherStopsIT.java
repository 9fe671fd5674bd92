package dev.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.fetch.HostileServer;
import dev.tributary.fetch.HostileServer.Route;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code bin/tributary run} ends when it cannot or must not run to the end. */
class LauncherStopsIT {
  @TempDir Path dir;

  /** A job of slow demo endpoints that would take minutes, with its demo API on {@code port}. */
  private Path slowJob(int port) throws IOException {
    return Files.writeString(
        dir.resolve("slow.yaml"),
        String.join(
            "\n",
            "source:",
            "  range: {count: 200, url: \"http://127.0.0.1:" + port + "/api/ep{i}\"}",
            "http: {concurrency: 2}",
            "output: {path: out}",
            "demo: {port: " + port + ", latency: 2s..3s}",
            ""));
  }

  @Test
  void aBusyDemoPortIsAUsageErrorNamingDemoPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path job = slowJob(taken.getLocalPort());

      Launcher.Run run = Launcher.run(dir, "run", job.toString());

      assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
      assertThat(run.err().strip().lines())
          .singleElement()
          .asString()
          .startsWith("tributary: " + job + ": demo.port: ")
          .contains("already in use");
    }
  }

  @Test
  void sigtermStopsARunWithinSecondsAndSaysSo() throws Exception {
    int port = LauncherIT.freePort();
    Launcher.Started started = Launcher.start(dir, Map.of(), "run", slowJob(port).toString());
    awaitListening(port, Launcher.DEADLINE);
    List<ProcessHandle> jvms = started.process().descendants().toList();

    started.process().destroy(); // SIGTERM to bin/tributary, as a service manager sends it
    Launcher.Run run = started.finish(Duration.ofSeconds(20));

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("tributary: stopped before the job ended");
    assertThat(run.err()).doesNotContain("Exception");
    assertThat(jvms).isNotEmpty().noneMatch(ProcessHandle::isAlive);
  }

  @Test
  void runningOutOfMemoryEndsTheRunWithExitCode1AndSaysSo() throws Exception {
    try (HostileServer server = HostileServer.start()) {
      // A body limit far above the heap lets a 500 MB body exhaust it.
      Path job =
          Files.writeString(
              dir.resolve("big.yaml"),
              String.join(
                  "\n",
                  "source:",
                  "  endpoints: [{name: big, url: \"" + server.url(Route.HUGE_DECLARED) + "\"}]",
                  "http: {timeout: 60s, maxResponseBytes: 1GiB, retry: {maxAttempts: 1}}",
                  "output: {path: out}",
                  ""));

      // No progress line: on a loaded machine the run may last past its first interval.
      Launcher.Run run =
          Launcher.start(
                  dir,
                  Map.of("JAVA_OPTS", "-Xmx128m -Dtributary.progress.interval=1h"),
                  "run",
                  job.toString())
              .finish(Duration.ofSeconds(90));

      assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
      assertThat(run.err().lines().filter(line -> line.startsWith("tributary: ")))
          .singleElement()
          .asString()
          .startsWith("tributary: out of memory");
      assertThat(run.err()).doesNotContain("\tat ", "Exception");
    }
  }

  /** Waits until the run's demo API answers connections: the run is then under way. */
  private static void awaitListening(int port, Duration deadline) throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (System.nanoTime() < end) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("the run's demo API did not start within " + deadline);
  }
}
