package dev.tributary.sink;

import java.nio.file.Path;

/** The output folder cannot be made ready for a run: it cannot be created, or not written in. */
public final class OutputFolderException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Path dir;

  OutputFolderException(Path dir, String problem, Throwable cause) {
    super(dir + ": " + problem, cause);
    this.dir = dir;
  }

  /** The output folder. */
  public Path dir() {
    return dir;
  }
}
