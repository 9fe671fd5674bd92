package dev.tributary.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A server on 127.0.0.1 answering every {@code GET /api/...} at once with the demo API's static
 * 10-record body, run as a child process so its CPU can be measured: nginx when installed (it must
 * not be the bottleneck), else the demo API's static mode.
 */
interface StaticServer extends AutoCloseable {
  /** e.g. "nginx 1 worker" or "demo API (static)". */
  String description();

  int port();

  /** The processes that do the server's work (nginx: master and workers). */
  List<Long> pids();

  @Override
  void close();

  default String urlPrefix() {
    return "http://127.0.0.1:" + port() + "/api/ep";
  }

  /** nginx when it is on the path, else the demo API in static mode. */
  static StaticServer startBest(Project project, Path workDir, int nginxWorkers)
      throws IOException, InterruptedException {
    Optional<Path> nginx = findExecutable("nginx");
    if (nginx.isPresent()) {
      return NginxServer.start(nginx.get(), project, workDir.resolve("nginx"), nginxWorkers);
    }
    return DemoStaticServer.start(project, workDir.resolve("demo-api"));
  }

  /** An executable on $PATH or in the sbin folders (not always on a user's path). */
  static Optional<Path> findExecutable(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : (path + ":/usr/sbin:/usr/local/sbin:/sbin").split(":")) {
      if (dir.isEmpty()) continue;
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) return Optional.of(candidate);
    }
    return Optional.empty();
  }

  /** A port on 127.0.0.1 that was free a moment ago. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Waits until 127.0.0.1:port accepts connections, at most {@code deadlineMillis}. */
  static void awaitListening(int port, Process process, long deadlineMillis, String name)
      throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + deadlineMillis;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(name + " exited with " + process.exitValue() + " at start");
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IOException(
        name + " not listening on port " + port + " after " + deadlineMillis + " ms");
  }
}
