package dev.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code source.poll}, {@code source.watch} and {@code checkpoint}: the keys of a job that runs on.
 */
class ContinuousJobFileTest extends JobFileTestBase {

  private static final String POLLED =
      SOURCE + "  poll: {every: 1m, times: 3}\noutput: {path: out/polled}\n";

  @Test
  void pollGivesTheScheduleBesideTheEndpoints() throws Exception {
    JobConfig config = load(POLLED);

    assertThat(config.source()).isInstanceOf(SourceConfig.Inline.class);
    assertThat(config.poll()).contains(new PollConfig(Duration.ofMinutes(1), 3));
    assertThat(config.continuous()).isTrue();
  }

  @Test
  void pollWithoutTimesPollsUntilStopped() throws Exception {
    JobConfig config = load(SOURCE + "  poll: {every: 30s}\n");

    assertThat(config.poll().orElseThrow().forever()).isTrue();
  }

  @Test
  void aJobThatPollsIsCheckpointedIntoItsOutputByDefault() throws Exception {
    CheckpointConfig checkpoint = load(POLLED).checkpoint().orElseThrow();

    assertThat(checkpoint.every()).isEqualTo(CheckpointConfig.DEFAULT_EVERY);
    assertThat(checkpoint.dir()).isEqualTo("out/polled/.tributary/checkpoints");
  }

  @Test
  void theCheckpointSectionSetsIntervalAndFolder() throws Exception {
    CheckpointConfig checkpoint =
        load(POLLED + "checkpoint: {every: 2s, dir: state/cp}\n").checkpoint().orElseThrow();

    assertThat(checkpoint).isEqualTo(new CheckpointConfig(Duration.ofSeconds(2), "state/cp"));
  }

  @Test
  void aBoundedJobIsNotCheckpointed() throws Exception {
    JobConfig config = load(SOURCE);

    assertThat(config.continuous()).isFalse();
    assertThat(config.checkpoint()).isEmpty();
    assertThat(config.poll()).isEmpty();
  }

  @Test
  void aCheckpointSectionOnABoundedJobIsRefused() {
    assertThat(error(SOURCE + "checkpoint: {every: 5s}\n"))
        .startsWith(
            at("checkpoint", "only a job with source.poll or source.watch is checkpointed"));
  }

  @Test
  void pollNeedsAnInterval() {
    assertThat(error(SOURCE + "  poll: {times: 3}\n"))
        .isEqualTo(at("source.poll.every", "missing (e.g. every: 1m)"));
  }

  @Test
  void pollRefusesAnIntervalTooShortOrNoRounds() {
    assertThat(error(SOURCE + "  poll: {every: 10ms}\n"))
        .isEqualTo(at("source.poll.every", "must be at least 100ms, got 10ms"));
    assertThat(error(SOURCE + "  poll: {every: 1s, times: 0}\n"))
        .isEqualTo(at("source.poll.times", "must be at least 1, got 0"));
  }

  @Test
  void pollOfDataFilesIsRefused() throws Exception {
    Files.createDirectories(dir.resolve("data"));

    assertThat(error("source: {files: \"data/*.json\", poll: {every: 1m}}\n"))
        .startsWith(at("source.poll", "polls endpoints (endpoints, file or range)"));
  }

  @Test
  void anUnknownKeyBesideTheKindListsPollToo() {
    assertThat(error(SOURCE + "  pol: {every: 1m}\n")).contains("source.pol").contains("poll");
  }

  @Test
  void aSourceKindSetFromTheCommandLineKeepsTheSchedule() throws Exception {
    JobConfig config = load(POLLED, "source.range.count=5", "source.range.url=http://h/{i}");

    assertThat(config.source()).isInstanceOf(SourceConfig.Range.class);
    assertThat(config.poll()).isPresent();
  }

  @Test
  void watchReadsEndpointFilesAppearingInAFolderBesideTheJobFile() throws Exception {
    Files.createDirectories(dir.resolve("incoming"));

    JobConfig config = load("source: {watch: {dir: incoming/, every: 2s}}\n");

    assertThat(config.source())
        .isEqualTo(
            new SourceConfig.Watch(dir.resolve("incoming").toString(), Duration.ofSeconds(2)));
    assertThat(config.continuous()).isTrue();
  }

  @Test
  void watchListsTheFolderEveryTenSecondsByDefault() throws Exception {
    Files.createDirectories(dir.resolve("incoming"));

    SourceConfig.Watch watch =
        (SourceConfig.Watch) load("source: {watch: {dir: incoming}}\n").source();

    assertThat(watch.every()).isEqualTo(SourceConfig.Watch.DEFAULT_EVERY);
  }

  @Test
  void watchNeedsAnExistingFolder() {
    assertThat(error("source: {watch: {every: 2s}}\n"))
        .isEqualTo(at("source.watch.dir", "missing (the folder to watch)"));
    assertThat(error("source: {watch: {dir: nope}}\n"))
        .startsWith(at("source.watch.dir", "no folder "));
  }

  @Test
  void watchWithPollIsRefused() throws Exception {
    Files.createDirectories(dir.resolve("incoming"));

    assertThat(error("source: {watch: {dir: incoming}, poll: {every: 1m}}\n"))
        .isEqualTo(
            at(
                "source.poll",
                "polls endpoints (endpoints, file or range); a watched folder is read as its"
                    + " files appear"));
  }

  @Test
  void anEndpointOfTheJobFileCannotSetItsRound() {
    assertThat(
            error(
                "source:\n  endpoints:\n    - {name: a, url: \"http://127.0.0.1:1/\", round: 3}\n"))
        .contains("source.endpoints[0].round");
  }
}
