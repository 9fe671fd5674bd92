package dev.tributary.sink;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;

/**
 * Writes elements that are already whole JSON lines into a part file through a buffer.
 *
 * <p>A bulk writer rather than the row format's encoder: the row format writes each line straight
 * to the file and asks its size for the rolling policy, three system calls a line; here lines
 * collect in a buffer and part files roll on checkpoints (and at the end of a bounded input).
 */
final class JsonLinesWriter<T> implements BulkWriter<T> {
  private static final int BUFFER_BYTES = 64 * 1024;

  /** Turns an element into the UTF-8 bytes of its lines. */
  @FunctionalInterface
  interface LineBytes<T> extends Serializable {
    byte[] of(T element);

    static LineBytes<String> ofString() {
      return lines -> lines.getBytes(StandardCharsets.UTF_8);
    }

    static LineBytes<byte[]> ofBytes() {
      return lines -> lines;
    }
  }

  private final OutputStream out;
  private final LineBytes<T> lineBytes;

  private JsonLinesWriter(FSDataOutputStream file, LineBytes<T> lineBytes) {
    this.out = new BufferedOutputStream(file, BUFFER_BYTES);
    this.lineBytes = lineBytes;
  }

  static <T> BulkWriter.Factory<T> factory(LineBytes<T> lineBytes) {
    return file -> new JsonLinesWriter<>(file, lineBytes);
  }

  @Override
  public void addElement(T lines) throws IOException {
    out.write(lineBytes.of(lines));
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void finish() throws IOException {
    // The sink closes the file itself; finishing only empties the buffer into it.
    out.flush();
  }
}
