package dev.tributary.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.config.SourceConfig;
import dev.tributary.model.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundItemsTest {
  private static final long STARTED = 1_700_000_000_000L;

  @TempDir Path dir;

  @Test
  void aRangeRoundAfterARestoreGoesOnFromTheNextNumber() {
    SourceConfig.Range range = new SourceConfig.Range(4, "ep{i}", "http://h/{i}");

    List<Endpoint> rest = all(new RoundItems.EndpointRange(range).open(2, STARTED, 1));

    assertThat(rest)
        .containsExactly(
            range.endpoint(1).inRound(2, STARTED),
            range.endpoint(2).inRound(2, STARTED),
            range.endpoint(3).inRound(2, STARTED));
  }

  @Test
  void aFileRoundEmitsEveryLineBlankOnesTooSoThatAPositionIsALineNumber() throws Exception {
    Path file = Files.writeString(dir.resolve("e.jsonl"), "one\n\nthree\n");

    List<PolledLine> lines = all(fileLines(file).open(5, STARTED, 0));

    assertThat(lines)
        .containsExactly(
            PolledLine.of("one", 5, STARTED),
            PolledLine.of("", 5, STARTED),
            PolledLine.of("three", 5, STARTED));
  }

  @Test
  void aFileRoundAfterARestoreSkipsTheLinesAlreadyEmitted() throws Exception {
    Path file = Files.writeString(dir.resolve("e.jsonl"), "one\ntwo\nthree\n");

    List<PolledLine> lines = all(fileLines(file).open(5, STARTED, 2));

    assertThat(lines).containsExactly(PolledLine.of("three", 5, STARTED));
  }

  @Test
  void aFileThatCannotBeReadIsOneUnreadableItemForTheRound() {
    List<PolledLine> lines = all(fileLines(dir.resolve("gone.jsonl")).open(3, STARTED, 0));

    assertThat(lines)
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.readable()).isFalse();
              assertThat(line.round()).isEqualTo(3);
              assertThat(line.unreadable()).startsWith("cannot read the file: ");
            });
  }

  private static RoundItems.FileLines fileLines(Path file) {
    return new RoundItems.FileLines(new org.apache.flink.core.fs.Path(file.toUri()));
  }

  private static <T> List<T> all(RoundItems.Cursor<T> cursor) {
    List<T> items = new ArrayList<>();
    try (cursor) {
      for (T item = cursor.next(); item != null; item = cursor.next()) items.add(item);
    }
    return items;
  }
}
