package dev.tributary.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * A job file's decimal number: a YAML integer or decimal that fits a double. Jackson reads one too
 * large (1e400) as infinity; here it is refused, quoting the digits when there are any.
 */
final class FiniteNumberDeserializer extends StdScalarDeserializer<Double> {
  private static final long serialVersionUID = 1L;

  FiniteNumberDeserializer() {
    super(Double.class);
  }

  @Override
  public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken token = p.currentToken();
    if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
      return (Double) ctxt.handleUnexpectedToken(Double.class, p);
    }
    double value = p.getDoubleValue();
    if (!Double.isFinite(value)) {
      // A decimal's text is gone by now (1e400 reads as Infinity); a big integer keeps its digits.
      String got = token == JsonToken.VALUE_NUMBER_INT ? p.getText() : String.valueOf(value);
      throw new ConfigException("", "out of range, got " + Messages.cut(got));
    }
    return value;
  }
}
