package dev.tributary.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A bounded run's output folder, safe to re-run: the run writes into a hidden staging folder and
 * its outputs replace the last good ones only when it has succeeded.
 *
 * <pre>
 * output.path/
 *   daily/ records/ dead-letter/ summary.json   the last run that succeeded
 *   .tributary/staging/                         the run in progress (same four names)
 *   .tributary/previous/                        what a swap is replacing, only while it swaps
 * </pre>
 *
 * <p>{@link #commit} swaps by renames: the staged summary is written, {@code previous/} is made,
 * the old entries move into it, the new folders move in, then {@code summary.json} moves in last,
 * the moment the new run counts; {@code previous/} and {@code staging/} are then deleted.
 *
 * <p>Recovery, at the start of every run and on {@link #discard}: when {@code previous/} exists a
 * swap was interrupted. If {@code staging/summary.json} is still there, the swap had not reached
 * its last step and is undone: each entry missing from {@code staging/} was moved in and moves back
 * there, then each entry in {@code previous/} moves back into place. Otherwise the new run is
 * complete and {@code previous/} is deleted. Then whatever is left of {@code staging/} (a failed or
 * killed run) is deleted. Each step leaves a state this same rule recovers from, so recovery may
 * itself be interrupted. Nothing else under {@code output.path} is touched.
 */
public final class OutputFolder implements AutoCloseable {
  /** Tributary's own hidden folder under {@code output.path}. */
  public static final String WORK = ".tributary";

  static final String STAGING = "staging";
  static final String PREVIOUS = "previous";

  /** What Flink's file sink puts in the name of a part file it is still writing. */
  private static final String IN_PROGRESS = ".inprogress.";

  private static final List<String> FOLDERS =
      List.of(FileOutputs.DAILY, FileOutputs.RECORDS, FileOutputs.DEAD_LETTER);

  /** Every entry of a run's output, summary.json last: moving it in is the swap's commit point. */
  private static final List<String> ENTRIES =
      List.of(FileOutputs.DAILY, FileOutputs.RECORDS, FileOutputs.DEAD_LETTER, FileOutputs.SUMMARY);

  private final Path dir;
  private final Path work;
  private final Path staging;
  private final Path previous;
  private boolean committed;

  private OutputFolder(Path dir) {
    this.dir = dir.toAbsolutePath();
    this.work = this.dir.resolve(WORK);
    this.staging = work.resolve(STAGING);
    this.previous = work.resolve(PREVIOUS);
  }

  /**
   * Creates the output folder if needed, recovers from an earlier run that was interrupted, and
   * gives an empty staging folder for this run.
   */
  public static OutputFolder prepare(Path dir) throws OutputFolderException {
    OutputFolder folder = new OutputFolder(dir);
    try {
      folder.recover();
    } catch (IOException e) {
      throw new OutputFolderException(
          folder.dir, "cannot clean up after an earlier run in " + WORK + "/: " + describe(e), e);
    }
    try {
      Files.createDirectories(folder.staging);
    } catch (IOException e) {
      throw new OutputFolderException(folder.dir, "cannot create " + describe(e), e);
    }
    return folder;
  }

  /**
   * The output folder of a continuous run, written in place: each part file is committed by a
   * checkpoint, and a run resumed from one carries on the same files. Created if needed, after
   * recovering from an interrupted swap of a bounded run.
   */
  public static Path prepareInPlace(Path dir) throws OutputFolderException {
    OutputFolder folder = prepare(dir);
    try {
      folder.discard();
    } catch (IOException e) {
      throw new OutputFolderException(folder.dir, "cannot clean up " + describe(e), e);
    }
    return folder.dir;
  }

  /**
   * Deletes the outputs of an earlier run from {@code dir} (its {@code .tributary/} folder stays).
   *
   * @return whether there was any
   */
  public static boolean discardOutputs(Path dir) throws IOException {
    boolean any = false;
    for (String entry : ENTRIES) {
      Path path = dir.resolve(entry);
      any |= exists(path);
      deleteTree(path);
    }
    return any;
  }

  /**
   * Deletes the part files a stopped or killed run was writing when it stopped ({@code
   * .records-….jsonl.inprogress.…}): hidden, never committed, and never taken up again, since a run
   * resumes from a checkpoint taken before them. Call only while no run writes into {@code dir}.
   *
   * @return how many there were
   */
  public static int removeUncommittedParts(Path dir) throws IOException {
    int removed = 0;
    for (String folder : FOLDERS) {
      Path path = dir.resolve(folder);
      if (!Files.isDirectory(path)) continue;
      try (Stream<Path> files = Files.list(path)) {
        for (Path file : files.toList()) {
          String name = file.getFileName().toString();
          if (name.startsWith(".") && name.contains(IN_PROGRESS)) {
            Files.delete(file);
            removed++;
          }
        }
      }
    }
    return removed;
  }

  /** The output folder itself, where the last good run's outputs are. */
  public Path dir() {
    return dir;
  }

  /** Where this run writes its outputs until {@link #commit}. */
  public Path staging() {
    return staging;
  }

  /** Writes {@code summary.json} and swaps this run's outputs in place of the previous run's. */
  public void commit(String summaryJson) throws IOException {
    // A stream without a single line leaves no folder behind; recovery relies on all four
    // entries being staged before the swap starts.
    for (String folder : FOLDERS) Files.createDirectories(staging.resolve(folder));
    Files.writeString(staging.resolve(FileOutputs.SUMMARY), summaryJson, StandardCharsets.UTF_8);

    Files.createDirectory(previous);
    for (String entry : ENTRIES) moveIfExists(dir.resolve(entry), previous.resolve(entry));
    for (String entry : ENTRIES) move(staging.resolve(entry), dir.resolve(entry));
    committed = true;

    try {
      removeWork();
    } catch (IOException e) {
      // The new outputs are in place and the run succeeded; what is left in .tributary/ is
      // removed by the next run's recovery.
    }
  }

  /** Removes this run's staged outputs; the last good run's outputs stay as they are. */
  public void discard() throws IOException {
    recover();
    removeWorkIfEmpty();
  }

  /** Discards the staged outputs unless they were committed. */
  @Override
  public void close() throws IOException {
    if (!committed) discard();
  }

  private void recover() throws IOException {
    if (Files.isDirectory(previous, LinkOption.NOFOLLOW_LINKS)) {
      if (exists(staging.resolve(FileOutputs.SUMMARY))) undoSwap();
      deleteTree(previous);
    }
    deleteTree(staging);
  }

  /**
   * Puts the old outputs back after a swap that stopped before its last step. An entry missing from
   * staging was moved in, so what is in its place is new and goes back to staging; an entry still
   * staged was not, so what is in its place (if anything) is old and stays.
   */
  private void undoSwap() throws IOException {
    for (String entry : ENTRIES) {
      Path current = dir.resolve(entry);
      Path staged = staging.resolve(entry);
      if (!exists(staged) && exists(current)) move(current, staged);
      moveIfExists(previous.resolve(entry), current);
    }
  }

  private void removeWork() throws IOException {
    deleteTree(previous);
    deleteTree(staging);
    removeWorkIfEmpty();
  }

  private void removeWorkIfEmpty() throws IOException {
    try {
      Files.deleteIfExists(work);
    } catch (DirectoryNotEmptyException e) {
      // Something of someone else's is in there: leave it.
    }
  }

  private static boolean exists(Path path) {
    return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
  }

  private static void moveIfExists(Path from, Path to) throws IOException {
    if (exists(from)) move(from, to);
  }

  /** A rename, never a copy: the staging folder is on the same file system as the outputs. */
  private static void move(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!exists(root)) return;
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The path and the problem, in words, without the exception's class name. */
  private static String describe(IOException e) {
    if (!(e instanceof FileSystemException fs)) return String.valueOf(e.getMessage());
    String reason = fs.getReason();
    if (reason != null && !reason.isEmpty()) {
      // The system's words, lower-cased to read as part of the line: "(not a directory)".
      reason = Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
    } else {
      if (e instanceof NoSuchFileException) reason = "no such file or directory";
      else if (e instanceof AccessDeniedException) reason = "permission denied";
      else if (e instanceof FileAlreadyExistsException) reason = "a file is in the way";
      else reason = e.getClass().getSimpleName();
    }
    return fs.getFile() + " (" + reason + ")";
  }
}
