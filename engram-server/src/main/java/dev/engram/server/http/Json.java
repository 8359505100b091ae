package dev.engram.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.engram.common.EngramException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * JSON of the API: snake_case names, ISO-8601 times, empty optionals left out. Reading is strict,
 * so that a typo is an error naming the field rather than a silently ignored option: unknown
 * fields, strings where numbers belong, trailing garbage and nulls for numbers are refused.
 */
public final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .addModule(new Jdk8Module())
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .withCoercionConfig(LogicalType.Textual, c -> c
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
      .serializationInclusion(JsonInclude.Include.NON_ABSENT)
      .build();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads {@code body} as {@code type}.
   *
   * @throws ApiException 400 with the field named when the body is not JSON of that shape
   */
  public static <T> T read(byte[] body, Class<T> type) {
    if (body.length == 0) {
      throw new ApiException(400, ErrorCodes.MALFORMED_JSON,
          "the request body is empty: send a JSON object");
    }
    try {
      return MAPPER.readValue(body, type);
    } catch (ValueInstantiationException e) {
      // A record's constructor refused a value: the engine's own error says why.
      if (e.getCause() instanceof EngramException engine) {
        throw engine;
      }
      throw ApiException.badField(ErrorCodes.BAD_FIELD, path(e), "field '" + path(e) + "': "
          + (e.getCause() == null ? e.getOriginalMessage() : e.getCause().getMessage()));
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted()
          .collect(Collectors.joining(", "));
      throw ApiException.badField(ErrorCodes.BAD_FIELD, path(e), "unknown field '" + path(e)
          + "'; this request takes: " + known);
    } catch (InvalidFormatException e) {
      throw ApiException.badField(ErrorCodes.BAD_FIELD, path(e), "field '" + path(e)
          + "' must be " + typeName(e.getTargetType()) + ", got: " + e.getValue());
    } catch (MismatchedInputException e) {
      if (e.getPath().isEmpty()) {
        throw new ApiException(400, ErrorCodes.MALFORMED_JSON,
            "the request body must be a JSON object");
      }
      throw ApiException.badField(ErrorCodes.BAD_FIELD, path(e), "field '" + path(e)
          + "' must be " + typeName(e.getTargetType()));
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof StreamReadException cut) {
        throw malformed(cut);
      }
      throw ApiException.badField(ErrorCodes.BAD_FIELD, path(e), "field '" + path(e) + "': "
          + e.getOriginalMessage());
    } catch (JacksonException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ApiException malformed(JacksonException e) {
    String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
        + ", column " + e.getLocation().getColumnNr();
    String what = e.getOriginalMessage();
    int source = what.indexOf(" (start marker at");
    return new ApiException(400, ErrorCodes.MALFORMED_JSON, "the request body is not valid JSON ("
        + (source < 0 ? what : what.substring(0, source)) + where + ")");
  }

  /** The JSON path of the field at fault: {@code messages[0].content}. */
  private static String path(JsonMappingException e) {
    StringBuilder s = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        s.append(s.isEmpty() ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        s.append('[').append(r.getIndex()).append(']');
      }
    }
    return s.isEmpty() ? "(body)" : s.toString();
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Optional.class) {
      return "of the documented type";
    }
    if (java.util.List.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    if (type == java.time.Instant.class) {
      return "an ISO-8601 time such as 2024-05-08T14:30:00Z";
    }
    return "a " + type.getSimpleName();
  }
}
