package dev.tributary.source;

import dev.tributary.config.DataSizes;
import dev.tributary.config.SourceConfig;
import dev.tributary.model.Endpoint;
import dev.tributary.model.FetchResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.SingletonResultIterator;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * JSON data files read directly ({@code source.files}), each as one response body, through Flink's
 * {@link FileSource}: the TaskManagers read them, from any Flink file system. A file becomes a
 * {@link FetchResult} named after its path relative to the folder, so it takes the same path as a
 * fetched body (parse, records, daily totals, dead letters); a file that cannot be read, or is
 * larger than {@code http.maxResponseBytes}, is a failed one with the reason.
 */
public final class DataFileSource {
  private DataFileSource() {}

  public static DataStream<FetchResult> of(
      SourceConfig.DataFiles files, long maxBytes, StreamExecutionEnvironment env) {
    Path folder = new Path(files.folder());
    String pattern = files.pattern();
    FileSource<FetchResult> source =
        FileSource.forBulkFileFormat(new WholeFileFormat(folder, maxBytes), folder)
            .setFileEnumerator(() -> new GlobEnumerator(folder, pattern))
            .build();
    return env.fromSource(source, WatermarkStrategy.noWatermarks(), "data-files").uid("data-files");
  }

  /** A file's path relative to the folder, with {@code /} between names, whatever the system. */
  static String relativeName(Path folder, Path file) {
    String base = folder.toUri().getPath();
    String path = file.toUri().getPath();
    if (!base.endsWith("/")) base = base + "/";
    return path.startsWith(base) ? path.substring(base.length()) : file.getName();
  }

  /** Every file under the folder whose relative path matches the glob; hidden files never. */
  private static final class GlobEnumerator extends NonSplittingRecursiveEnumerator {
    private final Path folder;
    private final PathMatcher glob;

    GlobEnumerator(Path folder, String pattern) {
      this.folder = folder;
      this.glob = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }

    @Override
    protected void convertToSourceSplits(
        FileStatus file, FileSystem fs, List<FileSourceSplit> target) throws IOException {
      if (glob.matches(java.nio.file.Path.of(relativeName(folder, file.getPath())))) {
        super.convertToSourceSplits(file, fs, target);
      }
    }
  }

  /** Reads a whole file as one body, at most {@code maxBytes} of it. */
  private static final class WholeFileFormat implements BulkFormat<FetchResult, FileSourceSplit> {
    private static final long serialVersionUID = 1L;

    private final Path folder;
    private final long maxBytes;

    WholeFileFormat(Path folder, long maxBytes) {
      this.folder = folder;
      this.maxBytes = maxBytes;
    }

    @Override
    public Reader<FetchResult> createReader(Configuration config, FileSourceSplit split) {
      return new Reader<>() {
        private boolean done;

        @Override
        public RecordIterator<FetchResult> readBatch() {
          if (done) return null;
          done = true;
          SingletonResultIterator<FetchResult> one = new SingletonResultIterator<>();
          one.set(read(split.path()), 1, 0);
          return one;
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public Reader<FetchResult> restoreReader(Configuration config, FileSourceSplit split) {
      // A split is one whole file: after a restore it is read again from its start.
      return createReader(config, split);
    }

    @Override
    public boolean isSplittable() {
      return false;
    }

    @Override
    public TypeInformation<FetchResult> getProducedType() {
      return TypeInformation.of(FetchResult.class);
    }

    private FetchResult read(Path file) {
      Endpoint endpoint = new Endpoint(relativeName(folder, file), file.toString());
      long started = System.currentTimeMillis();
      try (InputStream in = file.getFileSystem().open(file)) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
          if (body.size() + (long) n > maxBytes) {
            return FetchResult.failure(
                endpoint,
                "file too large (> " + DataSizes.format(maxBytes) + ")",
                0,
                0,
                started,
                System.currentTimeMillis());
          }
          body.write(buffer, 0, n);
        }
        return FetchResult.success(
            endpoint, body.toByteArray(), 0, 0, started, System.currentTimeMillis());
      } catch (IOException e) {
        String why = e.getMessage() == null ? "unreadable" : e.getMessage();
        return FetchResult.failure(
            endpoint, "cannot read the file: " + why, 0, 0, started, System.currentTimeMillis());
      }
    }
  }
}
