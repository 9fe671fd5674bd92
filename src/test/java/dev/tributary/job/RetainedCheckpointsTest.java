package dev.tributary.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetainedCheckpointsTest {
  private static final String JOB_A = "0123456789abcdef0123456789abcdef";
  private static final String JOB_B = "fedcba9876543210fedcba9876543210";

  @TempDir Path dir;

  private RetainedCheckpoints checkpoints() {
    return new RetainedCheckpoints(new org.apache.flink.core.fs.Path(dir.toUri()));
  }

  /** A checkpoint or savepoint folder; complete when it has its _metadata, written at {@code t}. */
  private Path checkpoint(String relative, boolean complete, long t) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(relative));
    if (complete) {
      Path metadata = Files.writeString(folder.resolve("_metadata"), "x");
      Files.setLastModifiedTime(metadata, FileTime.fromMillis(t));
    }
    return folder;
  }

  private static String name(org.apache.flink.core.fs.Path path) {
    return path.getParent().getName() + "/" + path.getName();
  }

  @Test
  void theLatestIsTheMostRecentCompleteCheckpointOrSavepoint() throws Exception {
    checkpoint(JOB_A + "/chk-4", true, 1_000);
    checkpoint(JOB_B + "/chk-9", true, 3_000);
    checkpoint("savepoints/savepoint-0a1b2c-0123456789ab", true, 2_000);
    checkpoint(JOB_B + "/chk-10", false, 0); // being written when the run was killed

    assertThat(checkpoints().latest())
        .map(RetainedCheckpointsTest::name)
        .contains(JOB_B + "/chk-9");
  }

  @Test
  void aFolderWithoutCheckpointsHasNone() throws Exception {
    checkpoint("my-things/chk-1", true, 1_000); // not a job id: not Flink's

    assertThat(checkpoints().latest()).isEmpty();
  }

  @Test
  void discardingAllButOneKeepsItAndWhatIsNotFlinks() throws Exception {
    checkpoint(JOB_A + "/chk-4", true, 1_000);
    Path kept = checkpoint("savepoints/savepoint-0a1b2c-0123456789ab", true, 2_000);
    checkpoint("savepoints/savepoint-3d4e5f-0123456789ab", true, 500);
    Path mine = Files.writeString(dir.resolve("notes.txt"), "mine");

    checkpoints().discardAllBut(new org.apache.flink.core.fs.Path(kept.toUri()));

    assertThat(dir.resolve(JOB_A)).doesNotExist();
    assertThat(dir.resolve("savepoints/savepoint-3d4e5f-0123456789ab")).doesNotExist();
    assertThat(kept).exists();
    assertThat(mine).exists();
  }

  @Test
  void discardingAllLeavesAFolderOfTheUsersAndItsOtherFiles() throws Exception {
    checkpoint(JOB_A + "/chk-4", true, 1_000);
    checkpoint("savepoints/savepoint-0a1b2c-0123456789ab", true, 2_000);
    Path mine = Files.writeString(dir.resolve("notes.txt"), "mine");

    checkpoints().discardAll();

    assertThat(dir.resolve(JOB_A)).doesNotExist();
    assertThat(dir.resolve("savepoints")).doesNotExist();
    assertThat(mine).exists();
  }

  @Test
  void discardingAllRemovesTheFolderWhenNothingElseIsInIt() throws Exception {
    checkpoint(JOB_A + "/chk-4", true, 1_000);

    checkpoints().discardAll();

    assertThat(dir).doesNotExist();
  }
}
