package dev.tributary.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A run's outputs replace the last good run's only when it succeeded, whatever interrupts it. */
class OutputFolderTest {
  private static final List<String> ENTRIES =
      List.of(FileOutputs.DAILY, FileOutputs.RECORDS, FileOutputs.DEAD_LETTER, FileOutputs.SUMMARY);

  @TempDir Path tmp;

  @Test
  void aRunWritesIntoAnEmptyHiddenStagingFolderInsideTheOutputFolder() throws Exception {
    Path dir = tmp.resolve("out");

    OutputFolder output = OutputFolder.prepare(dir);

    assertThat(output.staging()).isEqualTo(dir.toAbsolutePath().resolve(".tributary/staging"));
    assertThat(output.staging()).isEmptyDirectory();
    assertThat(FolderSnapshot.of(dir)).isEmpty();
  }

  @Test
  void commitMovesTheStagedOutputsAndTheSummaryIntoPlaceAndLeavesNoWorkFolder() throws Exception {
    Path dir = tmp.resolve("out");
    OutputFolder output = OutputFolder.prepare(dir);
    writeOutputs(output.staging(), "new");

    output.commit("{\"run\": \"new\"}");

    assertThat(Files.readString(dir.resolve("daily/part-0.jsonl"))).isEqualTo("new daily\n");
    assertThat(Files.readString(dir.resolve("records/part-0.jsonl"))).isEqualTo("new records\n");
    assertThat(Files.readString(dir.resolve("dead-letter/part-0.jsonl")))
        .isEqualTo("new dead-letter\n");
    assertThat(Files.readString(dir.resolve("summary.json"))).isEqualTo("{\"run\": \"new\"}");
    assertThat(dir.resolve(".tributary")).doesNotExist();
  }

  @Test
  void commitReplacesEveryOutputOfThePreviousRun() throws Exception {
    Path dir = tmp.resolve("out");
    goodRun(dir, "old");
    Files.writeString(dir.resolve("records/part-1.jsonl"), "only the old run had this\n");
    OutputFolder output = OutputFolder.prepare(dir);
    writeOutputs(output.staging(), "new");

    output.commit("{\"run\": \"new\"}");

    assertThat(FolderSnapshot.of(dir)).isEqualTo(snapshotOfAGoodRun("new"));
  }

  @Test
  void anOutputWithoutASingleLineIsAnEmptyFolder() throws Exception {
    Path dir = tmp.resolve("out");
    goodRun(dir, "old");
    OutputFolder output = OutputFolder.prepare(dir);

    output.commit("{}");

    assertThat(dir.resolve("daily")).isEmptyDirectory();
    assertThat(dir.resolve("records")).isEmptyDirectory();
    assertThat(dir.resolve("dead-letter")).isEmptyDirectory();
    assertThat(dir.resolve("summary.json")).hasContent("{}");
  }

  @Test
  void discardRemovesTheStagedOutputsAndLeavesThePreviousRunAsItWas() throws Exception {
    Path dir = tmp.resolve("out");
    goodRun(dir, "old");
    Map<String, String> before = FolderSnapshot.of(dir);
    OutputFolder output = OutputFolder.prepare(dir);
    writeOutputs(output.staging(), "new");

    output.discard();

    assertThat(FolderSnapshot.of(dir)).isEqualTo(before);
    assertThat(dir.resolve(".tributary")).doesNotExist();
  }

  @Test
  void closingARunThatWasNotCommittedDiscardsIt() throws Exception {
    Path dir = tmp.resolve("out");
    goodRun(dir, "old");
    Map<String, String> before = FolderSnapshot.of(dir);

    try (OutputFolder output = OutputFolder.prepare(dir)) {
      writeOutputs(output.staging(), "new");
    }

    assertThat(FolderSnapshot.of(dir)).isEqualTo(before);
    assertThat(dir.resolve(".tributary")).doesNotExist();
  }

  @Test
  void closingACommittedRunKeepsItsOutputs() throws Exception {
    Path dir = tmp.resolve("out");
    goodRun(dir, "old");

    try (OutputFolder output = OutputFolder.prepare(dir)) {
      writeOutputs(output.staging(), "new");
      output.commit(summaryOf("new"));
    }

    assertThat(FolderSnapshot.of(dir)).isEqualTo(snapshotOfAGoodRun("new"));
  }

  @Test
  void theNextRunRemovesWhatAKilledRunLeftInStaging() throws Exception {
    Path dir = tmp.resolve("out");
    goodRun(dir, "old");
    Map<String, String> before = FolderSnapshot.of(dir);
    OutputFolder killed = OutputFolder.prepare(dir);
    writeOutputs(killed.staging(), "killed");
    Files.writeString(killed.staging().resolve("records/.part-1.jsonl.inprogress.x"), "half");
    // The killed run never commits, discards or closes.

    OutputFolder next = OutputFolder.prepare(dir);

    assertThat(next.staging()).isEmptyDirectory();
    assertThat(FolderSnapshot.of(dir)).isEqualTo(before);
  }

  @Test
  void theNextRunRemovesAStagedSummaryLeftWithoutASwap() throws Exception {
    // Killed while writing summary.json into staging, before the swap began.
    Path dir = tmp.resolve("out");
    goodRun(dir, "old");
    Map<String, String> before = FolderSnapshot.of(dir);
    OutputFolder killed = OutputFolder.prepare(dir);
    writeOutputs(killed.staging(), "killed");
    Files.writeString(killed.staging().resolve("summary.json"), "{\"run\": ");

    OutputFolder next = OutputFolder.prepare(dir);

    assertThat(next.staging()).isEmptyDirectory();
    assertThat(FolderSnapshot.of(dir)).isEqualTo(before);
  }

  /**
   * The swap is eight renames: four entries aside into previous/, then four in from staging, the
   * summary last. Killed after any of the first seven, the previous run comes back.
   */
  @ParameterizedTest(name = "killed after {0} renames")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
  void aSwapKilledBeforeTheSummaryMovedInIsUndoneByTheNextRun(int renamesDone) throws Exception {
    Path dir = tmp.resolve("out");
    goodRun(dir, "old");
    Map<String, String> before = FolderSnapshot.of(dir);
    killedDuringSwap(dir, "new", renamesDone);

    OutputFolder next = OutputFolder.prepare(dir);

    assertThat(FolderSnapshot.of(dir)).isEqualTo(before);
    assertThat(dir.resolve(".tributary/previous")).doesNotExist();
    assertThat(next.staging()).isEmptyDirectory();
  }

  @ParameterizedTest(name = "killed after {0} renames")
  @ValueSource(ints = {0, 2, 4, 5, 7})
  void aFirstRunsSwapKilledBeforeTheSummaryMovedInLeavesNoOutputs(int renamesDone)
      throws Exception {
    Path dir = tmp.resolve("out");
    Files.createDirectories(dir);
    killedDuringSwap(dir, "new", renamesDone);

    OutputFolder.prepare(dir);

    assertThat(FolderSnapshot.of(dir)).isEmpty();
  }

  @Test
  void aSwapKilledAfterTheSummaryMovedInIsCompletedByTheNextRun() throws Exception {
    Path dir = tmp.resolve("out");
    goodRun(dir, "old");
    killedDuringSwap(dir, "new", 8);

    OutputFolder next = OutputFolder.prepare(dir);

    assertThat(FolderSnapshot.of(dir)).isEqualTo(snapshotOfAGoodRun("new"));
    assertThat(dir.resolve(".tributary/previous")).doesNotExist();
    assertThat(next.staging()).isEmptyDirectory();
  }

  @Test
  void aSwapKilledWhileDeletingTheReplacedOutputsIsCompletedByTheNextRun() throws Exception {
    Path dir = tmp.resolve("out");
    goodRun(dir, "old");
    Path work = killedDuringSwap(dir, "new", 8);
    deleteTree(work.resolve("previous/daily"));
    Files.delete(work.resolve("previous/summary.json"));

    OutputFolder.prepare(dir);

    assertThat(FolderSnapshot.of(dir)).isEqualTo(snapshotOfAGoodRun("new"));
    assertThat(dir.resolve(".tributary/previous")).doesNotExist();
  }

  @Test
  void anUndoThatWasItselfKilledIsFinishedByTheRunAfter() throws Exception {
    Path dir = tmp.resolve("out");
    goodRun(dir, "old");
    Map<String, String> before = FolderSnapshot.of(dir);
    Path work = killedDuringSwap(dir, "new", 6);
    // The undo got as far as putting daily/ back: the new one to staging, the old one in place.
    Files.move(dir.resolve("daily"), work.resolve("staging/daily"));
    Files.move(work.resolve("previous/daily"), dir.resolve("daily"));

    OutputFolder.prepare(dir);

    assertThat(FolderSnapshot.of(dir)).isEqualTo(before);
  }

  @Test
  void filesOfTheUsersOwnInTheOutputFolderSurviveEveryRun() throws Exception {
    Path dir = tmp.resolve("out");
    Files.createDirectories(dir.resolve("notes"));
    Files.writeString(dir.resolve("notes/read-me.txt"), "mine");
    Files.writeString(dir.resolve("daily.txt"), "also mine");
    Files.createDirectories(dir.resolve(".tributary"));
    Files.writeString(dir.resolve(".tributary/mine.txt"), "mine too");

    goodRun(dir, "first");
    try (OutputFolder failed = OutputFolder.prepare(dir)) {
      writeOutputs(failed.staging(), "failed");
    }
    killedDuringSwap(dir, "killed", 5);
    goodRun(dir, "last");

    assertThat(dir.resolve("notes/read-me.txt")).hasContent("mine");
    assertThat(dir.resolve("daily.txt")).hasContent("also mine");
    assertThat(dir.resolve(".tributary/mine.txt")).hasContent("mine too");
    assertThat(dir.resolve("summary.json")).hasContent(summaryOf("last"));
    try (var left = Files.list(dir.resolve(".tributary"))) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("mine.txt");
    }
  }

  @Test
  void anOutputFolderThatCannotBeCreatedIsReportedWithItsPathAndTheReason() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "not a folder");
    Path dir = file.resolve("out");

    assertThatThrownBy(() -> OutputFolder.prepare(dir))
        .isInstanceOf(OutputFolderException.class)
        .hasMessageStartingWith(dir.toAbsolutePath() + ": cannot create ")
        .satisfies(e -> assertThat(((OutputFolderException) e).dir()).isEqualTo(dir));
  }

  @Test
  void anOutputFolderInAPlaceNothingCanBeCreatedIsReported() {
    Path dir = Path.of("/proc/tributary-test/out");

    assertThatThrownBy(() -> OutputFolder.prepare(dir))
        .isInstanceOf(OutputFolderException.class)
        .hasMessageStartingWith(dir + ": cannot create /proc/tributary-test");
  }

  // --- helpers -------------------------------------------------------------------------------

  /** A run that went well from start to end. */
  private static void goodRun(Path dir, String tag) throws Exception {
    try (OutputFolder output = OutputFolder.prepare(dir)) {
      writeOutputs(output.staging(), tag);
      output.commit(summaryOf(tag));
    }
  }

  /**
   * The state a run killed during its swap leaves, after {@code renamesDone} of the swap's eight
   * renames as {@link OutputFolder} documents them. Returns the .tributary folder.
   */
  private static Path killedDuringSwap(Path dir, String tag, int renamesDone) throws Exception {
    OutputFolder killed = OutputFolder.prepare(dir);
    Path staging = killed.staging();
    writeOutputs(staging, tag);
    Files.writeString(staging.resolve("summary.json"), summaryOf(tag));
    Path previous = staging.resolveSibling("previous");
    Files.createDirectory(previous);
    int done = 0;
    for (String entry : ENTRIES) {
      if (done++ == renamesDone) return staging.getParent();
      if (Files.exists(dir.resolve(entry))) Files.move(dir.resolve(entry), previous.resolve(entry));
    }
    for (String entry : ENTRIES) {
      if (done++ == renamesDone) return staging.getParent();
      Files.move(staging.resolve(entry), dir.resolve(entry));
    }
    return staging.getParent();
  }

  private static void writeOutputs(Path staging, String tag) throws IOException {
    for (String folder : List.of("daily", "records", "dead-letter")) {
      Files.createDirectories(staging.resolve(folder));
      Files.writeString(staging.resolve(folder).resolve("part-0.jsonl"), tag + " " + folder + "\n");
    }
  }

  private static String summaryOf(String tag) {
    return "{\"run\": \"" + tag + "\"}";
  }

  /** What {@link #goodRun} leaves, made in a folder of its own. */
  private Map<String, String> snapshotOfAGoodRun(String tag) throws Exception {
    Path elsewhere = Files.createTempDirectory(tmp, "expected");
    goodRun(elsewhere, tag);
    return FolderSnapshot.of(elsewhere);
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
