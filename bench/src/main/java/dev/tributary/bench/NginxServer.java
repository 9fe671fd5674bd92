package dev.tributary.bench;

import dev.tributary.demo.DemoData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * nginx on 127.0.0.1 as the benchmark's static API: a config generated from {@code
 * bench/nginx.conf.template} under {@code target/bench/nginx/}, run in the foreground as a child
 * process ({@code nginx -p DIR -c DIR/nginx.conf -g 'daemon off;'}) and stopped with the benchmark.
 */
final class NginxServer implements StaticServer {
  private static final long START_DEADLINE_MILLIS = 10_000;

  private final Process master;
  private final List<Long> pids;
  private final int port;
  private final int workers;

  private NginxServer(Process master, List<Long> pids, int port, int workers) {
    this.master = master;
    this.pids = pids;
    this.port = port;
    this.workers = workers;
  }

  static NginxServer start(Path nginx, Project project, Path prefix, int workers)
      throws IOException, InterruptedException {
    int port = StaticServer.freePort();
    Files.createDirectories(prefix.resolve("tmp"));
    Path template = project.benchScripts().resolve("nginx.conf.template");
    Files.writeString(
        prefix.resolve("nginx.conf"),
        config(Files.readString(template, StandardCharsets.UTF_8), prefix, port, workers),
        StandardCharsets.UTF_8);
    ProcessBuilder builder =
        new ProcessBuilder(
                nginx.toString(),
                "-p",
                prefix.toString(),
                "-c",
                prefix.resolve("nginx.conf").toString(),
                "-g",
                "daemon off;")
            .redirectOutput(prefix.resolve("stdout.txt").toFile())
            .redirectError(prefix.resolve("stderr.txt").toFile());
    Process master = ChildProcesses.start(builder);
    try {
      StaticServer.awaitListening(port, master, START_DEADLINE_MILLIS, "nginx");
      return new NginxServer(master, processes(master, workers), port, workers);
    } catch (IOException | InterruptedException | RuntimeException e) {
      ChildProcesses.stop(master);
      throw e;
    }
  }

  /** The template with its placeholders filled in. */
  static String config(String template, Path prefix, int port, int workers) {
    String body = new String(DemoData.staticBody(), StandardCharsets.UTF_8);
    // The body goes into a single-quoted nginx string, where ' ends it and $ starts a variable.
    if (body.contains("'") || body.contains("$") || body.contains("\\")) {
      throw new IllegalStateException("the static body cannot be inlined in nginx.conf: " + body);
    }
    return template
        .replace("@PREFIX@", prefix.toAbsolutePath().toString())
        .replace("@PORT@", Integer.toString(port))
        .replace("@WORKERS@", Integer.toString(workers))
        .replace("@BODY@", body);
  }

  /** The master and its workers, once all the workers have been forked. */
  private static List<Long> processes(Process master, int workers)
      throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + START_DEADLINE_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      List<Long> children = master.children().map(ProcessHandle::pid).collect(Collectors.toList());
      if (children.size() >= workers) {
        List<Long> all = new ArrayList<>();
        all.add(master.pid());
        all.addAll(children);
        return List.copyOf(all);
      }
      Thread.sleep(20);
    }
    throw new IOException("nginx did not start its " + workers + " workers");
  }

  @Override
  public String description() {
    return "nginx, " + workers + (workers == 1 ? " worker" : " workers");
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public List<Long> pids() {
    return pids;
  }

  @Override
  public void close() {
    // SIGTERM is nginx's fast shutdown; the workers follow their master.
    ChildProcesses.stop(master);
  }
}
