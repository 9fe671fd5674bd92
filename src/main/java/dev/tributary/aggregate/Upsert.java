package dev.tributary.aggregate;

import dev.tributary.model.DailyTotal;
import dev.tributary.model.KeptRecord;
import dev.tributary.model.RunCounts;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Counts a record once however often it is fetched: keyed by (endpoint name, record id), it
 * remembers the version last counted and lets through only what is new or changed.
 *
 * <ul>
 *   <li>an id not seen before: its line goes on, and its date's total moves by (+amount, +1);
 *   <li>the same content again: nothing at all;
 *   <li>changed content: the new line goes on, and the totals move by the difference only: (−old
 *       amount, −1) on the old date and (+new amount, +1) on the new one, or one (new − old, 0)
 *       when the date stayed.
 * </ul>
 *
 * <p>Main output: the lines for {@code records/}. Side output {@link #DAILY_DELTAS}: the changes to
 * the daily totals. With a TTL, an id not seen (read or written) for that long is forgotten, and
 * counts as new when it comes back: the state of a stream of ever-new ids then stays bounded.
 */
public final class Upsert extends KeyedProcessFunction<Tuple2<String, String>, KeptRecord, byte[]> {
  private static final long serialVersionUID = 1L;

  /** The changes to the daily totals, each a part to add to its date. */
  public static final OutputTag<DailyTotal> DAILY_DELTAS = new OutputTag<>("daily-deltas") {};

  /** A record fetched again as it was: the run's counts move it from kept to unchanged. */
  public static final OutputTag<RunCounts> RUN_COUNTS = new OutputTag<>("upsert-counts") {};

  /** The key: (endpoint name, id). */
  public static final KeySelector<KeptRecord, Tuple2<String, String>> KEY =
      record -> Tuple2.of(record.source(), record.id());

  public static final TypeInformation<Tuple2<String, String>> KEY_TYPE =
      Types.TUPLE(Types.STRING, Types.STRING);

  /**
   * What is remembered of the version last counted: enough to take it back out of the totals, and a
   * hash of its line to tell a repeat from a change without keeping the line.
   *
   * @param date its date
   * @param amount its amount
   * @param lineHash the first 64 bits of the SHA-256 of its line
   */
  public record Counted(String date, BigDecimal amount, long lineHash) {}

  private final Duration idTtl;

  private transient ValueState<Counted> counted;
  private transient MessageDigest sha256;

  /**
   * @param idTtl how long an id is remembered after it was last seen; null: for ever
   */
  public Upsert(Duration idTtl) {
    this.idTtl = idTtl;
  }

  @Override
  public void open(OpenContext openContext) throws NoSuchAlgorithmException {
    ValueStateDescriptor<Counted> descriptor = new ValueStateDescriptor<>("counted", Counted.class);
    if (idTtl != null) descriptor.enableTimeToLive(ttl(idTtl));
    counted = getRuntimeContext().getState(descriptor);
    sha256 = MessageDigest.getInstance("SHA-256");
  }

  /**
   * Refreshed whenever the id is seen (a repeat only reads it) and never handed back once expired.
   * Expired ids are also dropped from full snapshots, besides Flink's default cleanup in the
   * background.
   */
  static StateTtlConfig ttl(Duration idTtl) {
    return StateTtlConfig.newBuilder(idTtl)
        .updateTtlOnReadAndWrite()
        .neverReturnExpired()
        .cleanupFullSnapshot()
        .build();
  }

  @Override
  public void processElement(KeptRecord record, Context ctx, Collector<byte[]> out)
      throws Exception {
    long hash = hashOf(record.line());
    Counted before = counted.value();
    if (before != null && before.lineHash() == hash) {
      ctx.output(RUN_COUNTS, RunCounts.UNCHANGED_RECORD);
      return;
    }

    counted.update(new Counted(record.date(), record.amount(), hash));
    out.collect(record.line());
    if (before == null) {
      ctx.output(DAILY_DELTAS, new DailyTotal(record.date(), record.amount(), 1));
    } else if (before.date().equals(record.date())) {
      BigDecimal change = record.amount().subtract(before.amount());
      ctx.output(DAILY_DELTAS, new DailyTotal(record.date(), change, 0));
    } else {
      ctx.output(DAILY_DELTAS, new DailyTotal(before.date(), before.amount().negate(), -1));
      ctx.output(DAILY_DELTAS, new DailyTotal(record.date(), record.amount(), 1));
    }
  }

  /**
   * 64 bits of SHA-256 rather than a fast non-cryptographic hash: the lines come from servers we do
   * not control, and a collision would silently hide a change.
   */
  private long hashOf(byte[] line) {
    return ByteBuffer.wrap(sha256.digest(line)).getLong();
  }
}
