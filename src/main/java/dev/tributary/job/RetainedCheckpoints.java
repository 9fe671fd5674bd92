package dev.tributary.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
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

  private static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{32}");

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

  /**
   * Deletes every checkpoint and savepoint but {@code kept} (the one a run resumes from). Only what
   * Flink writes there is touched: folders named by a job id, and {@code savepoints/savepoint-*}.
   */
  public void discardAllBut(Path kept) throws IOException {
    FileSystem fs = dir.getFileSystem();
    for (FileStatus folder : list(fs, dir)) {
      if (!folder.isDir()) continue;
      Path path = folder.getPath();
      if (path.getName().equals(SAVEPOINTS)) {
        for (FileStatus savepoint : list(fs, path)) {
          Path savepointPath = savepoint.getPath();
          if (isSavepoint(savepointPath) && !samePlace(savepointPath, kept)) {
            fs.delete(savepointPath, true);
          }
        }
      } else if (isJobFolder(path) && !kept.getPath().startsWith(path.getPath() + "/")) {
        fs.delete(path, true);
      }
    }
  }

  /**
   * Deletes every checkpoint and savepoint: the next run starts from nothing. Anything else in the
   * folder (the job file may name a folder of the user's) stays, and so does the folder unless it
   * is left empty.
   */
  public void discardAll() throws IOException {
    FileSystem fs = dir.getFileSystem();
    if (!fs.exists(dir)) return;
    discardAllBut(new Path(dir, "nothing-is-kept"));
    Path savepoints = savepointDir();
    if (fs.exists(savepoints) && list(fs, savepoints).isEmpty()) fs.delete(savepoints, false);
    if (list(fs, dir).isEmpty()) fs.delete(dir, false);
  }

  /** Whether two paths name one folder, written with or without a scheme or a final slash. */
  private static boolean samePlace(Path a, Path b) {
    return withoutFinalSlash(a.toUri().getPath()).equals(withoutFinalSlash(b.toUri().getPath()));
  }

  private static String withoutFinalSlash(String path) {
    return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
  }

  /** Flink names a job's checkpoint folder by the job id: 32 hexadecimal digits. */
  private static boolean isJobFolder(Path path) {
    return JOB_ID.matcher(path.getName()).matches();
  }

  private static boolean isSavepoint(Path path) {
    return path.getName().startsWith("savepoint-");
  }

  /** The {@code _metadata} files of the complete checkpoints and savepoints. */
  private List<FileStatus> complete() throws IOException {
    FileSystem fs = dir.getFileSystem();
    List<FileStatus> found = new ArrayList<>();
    for (FileStatus parent : list(fs, dir)) {
      Path parentPath = parent.getPath();
      boolean savepoints = parentPath.getName().equals(SAVEPOINTS);
      if (!parent.isDir() || !(savepoints || isJobFolder(parentPath))) continue;
      for (FileStatus candidate : list(fs, parentPath)) {
        Path path = candidate.getPath();
        boolean named = savepoints ? isSavepoint(path) : path.getName().startsWith("chk-");
        Path metadata = new Path(path, METADATA);
        if (candidate.isDir() && named && fs.exists(metadata))
          found.add(fs.getFileStatus(metadata));
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
