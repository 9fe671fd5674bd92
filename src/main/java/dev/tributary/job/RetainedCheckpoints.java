package dev.tributary.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The checkpoints and savepoints that runs of a continuous job left in its checkpoint folder, any
 * Flink file system. Flink writes a checkpoint as {@code <dir>/<job id>/chk-<n>/} and a savepoint
 * as {@code <dir>/savepoints/savepoint-<id>/}; either is complete once its {@code _metadata} file
 * exists (a process killed while taking one leaves the folder without it).
 */
public final class RetainedCheckpoints {
  /** Where a stopped run's savepoint goes, inside the checkpoint folder. */
  public static final String SAVEPOINTS = "savepoints";

  private static final String METADATA = "_metadata";

  private final Path dir;

  public RetainedCheckpoints(Path dir) {
    this.dir = dir;
  }

  public Path savepointDir() {
    return new Path(dir, SAVEPOINTS);
  }

  /** The most recent complete checkpoint or savepoint, the one a run resumes from. */
  public Optional<Path> latest() throws IOException {
    return complete().stream()
        .max(Comparator.comparingLong(RetainedCheckpoints::modificationTime))
        .map(FileStatus::getPath)
        .map(Path::getParent);
  }

  /** Deletes every checkpoint and savepoint but {@code kept} (the one a run resumes from). */
  public void discardAllBut(Path kept) throws IOException {
    FileSystem fs = dir.getFileSystem();
    for (FileStatus folder : list(fs, dir)) {
      if (!folder.isDir()) continue;
      Path path = folder.getPath();
      if (path.getName().equals(SAVEPOINTS)) {
        for (FileStatus savepoint : list(fs, path)) {
          if (!savepoint.getPath().equals(kept)) fs.delete(savepoint.getPath(), true);
        }
      } else if (!kept.getPath().startsWith(path.getPath() + "/")) {
        fs.delete(path, true);
      }
    }
  }

  /** Deletes the whole folder: the next run starts from nothing. */
  public void discardAll() throws IOException {
    FileSystem fs = dir.getFileSystem();
    if (fs.exists(dir)) fs.delete(dir, true);
  }

  /** The {@code _metadata} files of the complete checkpoints and savepoints. */
  private List<FileStatus> complete() throws IOException {
    FileSystem fs = dir.getFileSystem();
    List<FileStatus> found = new ArrayList<>();
    for (FileStatus parent : list(fs, dir)) {
      if (!parent.isDir()) continue;
      for (FileStatus candidate : list(fs, parent.getPath())) {
        Path metadata = new Path(candidate.getPath(), METADATA);
        if (candidate.isDir() && fs.exists(metadata)) found.add(fs.getFileStatus(metadata));
      }
    }
    return found;
  }

  private static List<FileStatus> list(FileSystem fs, Path folder) throws IOException {
    if (!fs.exists(folder)) return List.of();
    FileStatus[] statuses = fs.listStatus(folder);
    return statuses == null ? List.of() : List.of(statuses);
  }

  private static long modificationTime(FileStatus status) {
    return status.getModificationTime();
  }

  @Override
  public String toString() {
    return dir.toString();
  }
}
