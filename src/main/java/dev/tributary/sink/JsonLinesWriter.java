package dev.tributary.sink;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
final class JsonLinesWriter implements BulkWriter<String> {
  private static final int BUFFER_BYTES = 64 * 1024;

  private final OutputStream out;

  private JsonLinesWriter(FSDataOutputStream file) {
    this.out = new BufferedOutputStream(file, BUFFER_BYTES);
  }

  static BulkWriter.Factory<String> factory() {
    return JsonLinesWriter::new;
  }

  @Override
  public void addElement(String lines) throws IOException {
    out.write(lines.getBytes(StandardCharsets.UTF_8));
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
