package dev.tributary.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.config.JobConfig;
import dev.tributary.demo.LoopbackHttpServer;
import dev.tributary.demo.LoopbackHttpServer.Reply;
import dev.tributary.sink.FileOutputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * {@code source.watch} end to end: files of endpoints moved into the folder while the job runs are
 * each read once, as they appear; a hidden file is not read until it is renamed.
 */
class WatchITCase extends MiniClusterTestBase {
  private static final Reply ONE_RECORD =
      Reply.json(200, "[{\"date\": \"2026-11-05\", \"amount\": 1}]");

  @Test
  void filesMovedInAreEachReadOnce_aHiddenOneOnlyOnceRenamed() throws Exception {
    try (LoopbackHttpServer server =
        LoopbackHttpServer.start(0, request -> ONE_RECORD).recordPaths(true)) {
      Path incoming = Files.createDirectory(dir.resolve("incoming"));
      Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
      JobConfig config =
          JobFileFixture.load(dir, "source: {watch: {dir: incoming, every: 200ms}}\n");
      StreamExecutionEnvironment env = environment(1);
      JobRunner.configure(env);
      env.enableCheckpointing(200);
      TributaryJob.of(config, new FileOutputs(dir.resolve("out"))).build(env);
      JobClient job = env.executeAsync("watch");
      try {
        // Written as a hidden name in the folder itself: present for every listing from now on.
        Files.writeString(incoming.resolve(".b.jsonl"), lines(server, "b1", "b2"));
        moveIn(elsewhere, incoming, "a.jsonl", lines(server, "a1", "a2"));
        Await.until("both endpoints of a.jsonl are fetched", () -> seen(server, "a1", "a2"));

        // The listing that found a.jsonl came after .b.jsonl was there, and skipped it.
        assertThat(server.requestsFor("/api/b1")).isZero();
        Files.move(
            incoming.resolve(".b.jsonl"),
            incoming.resolve("b.jsonl"),
            StandardCopyOption.ATOMIC_MOVE);
        Await.until("both endpoints of b.jsonl are fetched", () -> seen(server, "b1", "b2"));

        // A last file: once it is fetched, the listings after a and b were read have run too.
        moveIn(elsewhere, incoming, "c.jsonl", lines(server, "c1"));
        Await.until("c.jsonl is fetched", () -> seen(server, "c1"));
      } finally {
        job.cancel().get();
      }

      for (String name : List.of("a1", "a2", "b1", "b2", "c1")) {
        assertThat(server.requestsFor("/api/" + name)).as(name).isEqualTo(1);
      }
    }
  }

  @Test
  void aFileReadBeforeTheJobStoppedIsNotReadAgainByTheJobResumedFromItsSavepoint()
      throws Exception {
    try (LoopbackHttpServer server =
        LoopbackHttpServer.start(0, request -> ONE_RECORD).recordPaths(true)) {
      Path incoming = Files.createDirectory(dir.resolve("incoming"));
      Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
      JobConfig config =
          JobFileFixture.load(
              dir,
              "source: {watch: {dir: incoming, every: 200ms}}\n" + "checkpoint: {every: 200ms}\n");

      JobClient first = startWatching(config, environment(1));
      String savepoint;
      try {
        moveIn(elsewhere, incoming, "a.jsonl", lines(server, "a1", "a2"));
        Await.until("both endpoints of a.jsonl are fetched", () -> seen(server, "a1", "a2"));
      } finally {
        savepoint =
            first
                .stopWithSavepoint(
                    false,
                    dir.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL)
                .get();
      }

      StreamExecutionEnvironment resumed = environment(1);
      Configuration restore = new Configuration();
      restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
      resumed.configure(restore);
      JobClient second = startWatching(config, resumed);
      try {
        moveIn(elsewhere, incoming, "b.jsonl", lines(server, "b1"));
        Await.until("b.jsonl is fetched", () -> seen(server, "b1"));
        // A last file: once it is fetched, listings after the restore have run more than once.
        moveIn(elsewhere, incoming, "c.jsonl", lines(server, "c1"));
        Await.until("c.jsonl is fetched", () -> seen(server, "c1"));
      } finally {
        second.cancel().get();
      }

      for (String name : List.of("a1", "a2", "b1", "c1")) {
        assertThat(server.requestsFor("/api/" + name)).as(name).isEqualTo(1);
      }
      assertThat(JobOutput.afterRestarts(dir.resolve("out")).records())
          .as("a.jsonl's records, committed by the savepoint")
          .extracting(record -> record.get("source").asText())
          .contains("a1", "a2");
    }
  }

  /** Builds the job as a run does (checkpointed into its checkpoint folder) and starts it. */
  private static JobClient startWatching(JobConfig config, StreamExecutionEnvironment env)
      throws Exception {
    JobRunner.configure(env);
    JobRunner.configureCheckpoints(env, config);
    TributaryJob.of(config, new FileOutputs(config.output().flinkPath())).build(env);
    return env.executeAsync("watch");
  }

  private static String lines(LoopbackHttpServer server, String... names) {
    StringBuilder text = new StringBuilder();
    for (String name : names) {
      text.append("{\"name\": \"")
          .append(name)
          .append("\", \"url\": \"")
          .append(server.baseUrl())
          .append("/api/")
          .append(name)
          .append("\"}\n");
    }
    return text.toString();
  }

  /** Written elsewhere, then renamed into the folder: the job never sees half a file. */
  private static void moveIn(Path elsewhere, Path folder, String name, String content)
      throws Exception {
    Path written = Files.writeString(elsewhere.resolve(name), content);
    Files.move(written, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  private static boolean seen(LoopbackHttpServer server, String... names) {
    for (String name : names) {
      if (server.requestsFor("/api/" + name) == 0) return false;
    }
    return true;
  }
}
