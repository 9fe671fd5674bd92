package dev.tributary.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file and folder under a folder, with a digest of each file's bytes, to compare a folder
 * before and after something that must not change it. Tributary's own {@code .tributary/} is left
 * out: tests look at it on their own.
 */
public final class FolderSnapshot {
  private FolderSnapshot() {}

  /** relative path → "folder", or the file's size and SHA-256. */
  public static Map<String, String> of(Path dir) {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.toList()) {
        Path relative = dir.relativize(path);
        if (relative.toString().isEmpty() || relative.startsWith(OutputFolder.WORK)) continue;
        entries.put(relative.toString(), Files.isDirectory(path) ? "folder" : describe(path));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  private static String describe(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return bytes.length + " bytes, sha256 " + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
