package dev.tributary.source;

import dev.tributary.config.SourceConfig;
import dev.tributary.model.Endpoint;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.fs.Path;

/**
 * What one poll round emits, item by item: the endpoints of the source, or the lines of its file,
 * read anew each round and tagged with the round.
 *
 * @param <T> the items
 */
interface RoundItems<T> extends Serializable {

  TypeInformation<T> type();

  /**
   * The items of round {@code round}, which started at {@code startedMillis}, after the first
   * {@code skip} (already emitted before a restore).
   */
  Cursor<T> open(long round, long startedMillis, long skip);

  /** The items of one round, in order. */
  interface Cursor<T> extends Closeable {
    /** The next item, or null when the round has no more. */
    T next();

    @Override
    default void close() {}
  }

  /** The job file's own list of endpoints. */
  record EndpointList(List<Endpoint> endpoints) implements RoundItems<Endpoint> {
    public EndpointList {
      endpoints = List.copyOf(endpoints);
    }

    @Override
    public TypeInformation<Endpoint> type() {
      return TypeInformation.of(Endpoint.class);
    }

    @Override
    public Cursor<Endpoint> open(long round, long startedMillis, long skip) {
      return new Cursor<>() {
        private long i = skip;

        @Override
        public Endpoint next() {
          return i < endpoints.size()
              ? endpoints.get((int) i++).inRound(round, startedMillis)
              : null;
        }
      };
    }
  }

  /** The endpoints of {@code source.range}, numbered 0 to count − 1. */
  record EndpointRange(SourceConfig.Range range) implements RoundItems<Endpoint> {
    @Override
    public TypeInformation<Endpoint> type() {
      return TypeInformation.of(Endpoint.class);
    }

    @Override
    public Cursor<Endpoint> open(long round, long startedMillis, long skip) {
      return new Cursor<>() {
        private long i = skip;

        @Override
        public Endpoint next() {
          return i < range.count() ? range.endpoint(i++).inRound(round, startedMillis) : null;
        }
      };
    }
  }

  /**
   * Every line of a file (blank ones too, so that an item's position is its line's number), read
   * anew each round so that edits between rounds are picked up. A file that cannot be read gives
   * one {@link PolledLine#unreadable} item and ends the round.
   */
  record FileLines(Path file) implements RoundItems<PolledLine> {
    @Override
    public TypeInformation<PolledLine> type() {
      return TypeInformation.of(PolledLine.class);
    }

    @Override
    public Cursor<PolledLine> open(long round, long startedMillis, long skip) {
      return new LineCursor(file, round, startedMillis, skip);
    }
  }

  /**
   * Reads a file line by line as the round is emitted, so no round holds the whole file. A restored
   * round skips the lines it had emitted, counted in the file as it is now.
   */
  final class LineCursor implements Cursor<PolledLine> {
    private final Path file;
    private final long round;
    private final long startedMillis;
    private final long skip;
    private BufferedReader reader;
    private boolean done;

    LineCursor(Path file, long round, long startedMillis, long skip) {
      this.file = file;
      this.round = round;
      this.startedMillis = startedMillis;
      this.skip = skip;
    }

    @Override
    public PolledLine next() {
      if (done) return null;
      try {
        if (reader == null) {
          reader =
              new BufferedReader(
                  new InputStreamReader(file.getFileSystem().open(file), StandardCharsets.UTF_8));
          for (long i = 0; i < skip; i++) {
            if (reader.readLine() == null) break;
          }
        }
        String line = reader.readLine();
        if (line == null) {
          close();
          return null;
        }
        return PolledLine.of(line, round, startedMillis);
      } catch (IOException e) {
        // One dead letter for the round, then the round ends: the next round reads the file again.
        close();
        String why = e.getMessage() == null ? "no reason given" : e.getMessage();
        return PolledLine.unreadable("cannot read the file: " + why, round, startedMillis);
      }
    }

    @Override
    public void close() {
      done = true;
      if (reader == null) return;
      try {
        reader.close();
      } catch (IOException e) {
        // Everything wanted was read; a failure to release the file changes nothing emitted.
      }
      reader = null;
    }
  }
}
