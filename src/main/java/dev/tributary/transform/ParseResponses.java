package dev.tributary.transform;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.config.ResponseConfig;
import dev.tributary.config.TransformConfig;
import dev.tributary.model.DailyTotal;
import dev.tributary.model.DeadLetters;
import dev.tributary.model.FetchResult;
import dev.tributary.model.KeptRecord;
import dev.tributary.model.RunCounts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses each fetched body into records: keeps those with an amount and a date, drops the rest to
 * the dead letters with the reason, and sums the kept amounts of the body per date.
 *
 * <p>Main output: the kept records of one body as JSON lines, one element per body (one element per
 * record would cost a trip through the sink per record). Side outputs: per-date partial totals of
 * the body, and dead letters (failed endpoints, malformed bodies, dropped records).
 *
 * <p>With {@code transform.id}, a record also needs an id, and each kept record leaves as one
 * element of its own on {@link #KEPT_RECORDS} instead (the main output and the partial totals stay
 * empty): only the upsert downstream knows whether it counts.
 */
public final class ParseResponses extends ProcessFunction<FetchResult, byte[]> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<DailyTotal> DAILY_PARTS = new OutputTag<>("daily-parts") {};
  public static final OutputTag<String> DEAD_LETTERS = new OutputTag<>("dead-letters") {};
  public static final OutputTag<RunCounts> RUN_COUNTS = new OutputTag<>("run-counts") {};

  /** With {@code transform.id}: each kept record, with its id and its line. */
  public static final OutputTag<KeptRecord> KEPT_RECORDS = new OutputTag<>("kept-records") {};

  /** A first guess at a record line's length, to size the body's buffer once. */
  private static final int TYPICAL_RECORD_LINE_BYTES = 96;

  private final ResponseConfig response;
  private final TransformConfig transform;

  private transient ObjectMapper json;
  private transient JsonFactory lineFactory;
  private transient JsonPointer recordsPointer;

  public ParseResponses(ResponseConfig response, TransformConfig transform) {
    this.response = response;
    this.transform = transform;
  }

  @Override
  public void open(OpenContext openContext) {
    json = BodyJson.newMapper();
    // Lines are separated by our '\n' alone, not by the generator's default space between values.
    lineFactory = json.getFactory().copy().setRootValueSeparator(null);
    lineFactory.setCodec(json);
    recordsPointer = JsonPointer.compile(response.recordsPointer());
  }

  @Override
  public void processElement(FetchResult result, Context ctx, Collector<byte[]> out) {
    if (!result.succeeded()) {
      failEndpoint(result, result.failure(), ctx);
      return;
    }
    JsonNode records;
    try {
      records = json.readTree(result.body());
    } catch (IOException e) {
      failEndpoint(result, BodyJson.problemWith(e), ctx);
      return;
    }
    if (records == null || records.isMissingNode()) {
      failEndpoint(result, "malformed body: empty", ctx);
      return;
    }
    records = records.at(recordsPointer);
    if (!records.isArray()) {
      failEndpoint(
          result,
          "malformed body: no array of records at \"" + response.recordsPointer() + "\"",
          ctx);
      return;
    }
    splitRecords(result, records, ctx, out);
  }

  private void splitRecords(
      FetchResult result, JsonNode records, Context ctx, Collector<byte[]> out) {
    String source = result.endpoint().name();
    Map<LocalDate, DailyTotal> totals = new HashMap<>();
    ByteArrayOutputStream kept =
        new ByteArrayOutputStream(records.size() * TYPICAL_RECORD_LINE_BYTES);
    JsonGenerator lines = newLineWriter(kept);
    long dropped = 0;
    for (JsonNode record : records) {
      String problem = null;
      BigDecimal amount = null;
      LocalDate date = null;
      if (!record.isObject()) {
        problem = "record is not a JSON object";
      } else {
        JsonNode amountNode = record.get(transform.amountField());
        JsonNode dateNode = record.get(transform.dateField());
        amount = Amounts.parse(amountNode);
        if (amount == null) {
          problem = Amounts.problemWith(transform.amountField(), amountNode);
        } else {
          date = Dates.parse(dateNode);
          if (date == null) problem = Dates.problemWith(transform.dateField(), dateNode);
        }
      }
      String id = null;
      if (problem == null && transform.hasIds()) {
        JsonNode idNode = record.get(transform.idField());
        id = Ids.parse(idNode);
        if (id == null) problem = Ids.problemWith(transform.idField(), idNode);
      }
      if (problem != null) {
        dropped++;
        ctx.output(DEAD_LETTERS, DeadLetters.record(source, problem, record, Instant.now()));
        continue;
      }
      writeRecord(lines, source, date, amount, record);
      if (id != null) {
        ctx.output(
            KEPT_RECORDS,
            new KeptRecord(source, id, date.toString(), amount, takeLine(lines, kept)));
        continue;
      }
      totals.merge(date, new DailyTotal(date.toString(), amount, 1), DailyTotal::plus);
    }
    closeLines(lines);
    if (kept.size() > 0) out.collect(kept.toByteArray());
    for (DailyTotal part : totals.values()) ctx.output(DAILY_PARTS, part);
    long in = records.size();
    ctx.output(RUN_COUNTS, RunCounts.ofEndpoint(result, true, in, in - dropped, dropped));
  }

  private JsonGenerator newLineWriter(ByteArrayOutputStream into) {
    try {
      return lineFactory.createGenerator(into, JsonEncoding.UTF8);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
  }

  /** The line just written, taken out of the buffer, which is left empty. */
  private static byte[] takeLine(JsonGenerator gen, ByteArrayOutputStream buffer) {
    try {
      gen.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
    byte[] line = buffer.toByteArray();
    buffer.reset();
    return line;
  }

  private static void closeLines(JsonGenerator gen) {
    try {
      gen.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line: {"source", "date", "amount", then the record's other fields as they came}. */
  private void writeRecord(
      JsonGenerator gen, String source, LocalDate date, BigDecimal amount, JsonNode record) {
    try {
      gen.writeStartObject();
      gen.writeStringField("source", source);
      gen.writeStringField("date", date.toString());
      gen.writeFieldName("amount");
      // Plain notation (amounts are bounded, so this is short): 1E+2 would be valid JSON but not
      // what a user reads as 100.
      gen.writeNumber(amount.toPlainString());
      for (Map.Entry<String, JsonNode> field : record.properties()) {
        String name = field.getKey();
        if (name.equals(transform.amountField()) || name.equals(transform.dateField())) continue;
        // A field of the record's own named like one of ours keeps its value under another name.
        if (name.equals("source") || name.equals("date") || name.equals("amount"))
          name = name + "_raw";
        gen.writeFieldName(name);
        gen.writeTree(field.getValue());
      }
      gen.writeEndObject();
      gen.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
  }

  private void failEndpoint(FetchResult result, String reason, Context ctx) {
    ctx.output(DEAD_LETTERS, DeadLetters.endpoint(result, reason, Instant.now()));
    ctx.output(RUN_COUNTS, RunCounts.ofEndpoint(result, false, 0, 0, 0));
  }
}
