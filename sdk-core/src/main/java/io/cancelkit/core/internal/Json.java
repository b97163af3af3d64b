package io.cancelkit.core.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.util.Map;

/**
 * The SDK's one Moshi: strict about JSON syntax and types, lenient about unknown fields; it reads
 * records of any visibility, so wire records stay package-private.
 *
 * <p>Parse failures surface as {@link IOException} or {@link com.squareup.moshi.JsonDataException},
 * which the engine turns into {@code Failed(UNEXPECTED_RESPONSE)}.
 */
public final class Json {
  /** Shared and thread-safe; caches adapters. */
  public static final Moshi MOSHI =
      new Moshi.Builder()
          .add(String.class, new StrictString().nullSafe())
          .add(int.class, StrictNumber.of(JsonReader::nextInt))
          .add(Integer.class, StrictNumber.of(JsonReader::nextInt).nullSafe())
          .add(long.class, StrictNumber.of(JsonReader::nextLong))
          .add(Long.class, StrictNumber.of(JsonReader::nextLong).nullSafe())
          .add(double.class, StrictNumber.of(JsonReader::nextDouble))
          .add(Double.class, StrictNumber.of(JsonReader::nextDouble).nullSafe())
          .add(new RecordAdapterFactory())
          .build();

  private static final JsonAdapter<Map<String, Object>> OBJECT =
      MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
  private static final JsonAdapter<Object> ANY = MOSHI.adapter(Object.class);

  private Json() {}

  /** Moshi's own number adapters read quoted numbers; a vendor's wrong type must fail instead. */
  private static final class StrictNumber<T extends Number> extends JsonAdapter<T> {
    interface Read<T> {
      T next(JsonReader reader) throws IOException;
    }

    private final Read<T> read;

    private StrictNumber(Read<T> read) {
      this.read = read;
    }

    static <T extends Number> JsonAdapter<T> of(Read<T> read) {
      return new StrictNumber<>(read);
    }

    @Override
    public T fromJson(JsonReader reader) throws IOException {
      if (reader.peek() != JsonReader.Token.NUMBER) {
        throw new JsonDataException("Expected a number but was " + reader.peek() + " at path " + reader.getPath());
      }
      return read.next(reader);
    }

    @Override
    public void toJson(JsonWriter writer, T value) throws IOException {
      writer.value(value);
    }
  }

  /** Moshi's own String adapter reads a number as text; a vendor's wrong type must fail instead. */
  private static final class StrictString extends JsonAdapter<String> {
    @Override
    public String fromJson(JsonReader reader) throws IOException {
      if (reader.peek() != JsonReader.Token.STRING) {
        throw new JsonDataException("Expected a string but was " + reader.peek() + " at path " + reader.getPath());
      }
      return reader.nextString();
    }

    @Override
    public void toJson(JsonWriter writer, String value) throws IOException {
      writer.value(value);
    }
  }

  /** Parses {@code body} as one {@code type}, failing on malformed JSON or a JSON null. */
  public static <T> T read(JsonAdapter<T> adapter, String body) throws IOException {
    T value = adapter.nonNull().fromJson(body);
    if (value == null) throw new IOException("empty JSON document");
    return value;
  }

  /**
   * Reads one {@code adapter} value from {@code reader}, which must hold that one document and
   * nothing after it, as {@link JsonAdapter#fromJson(String)} requires of a string.
   */
  static <T> T read(JsonAdapter<T> adapter, JsonReader reader) throws IOException {
    T value = adapter.fromJson(reader);
    if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
      throw new IOException("JSON document was not fully consumed.");
    }
    return value;
  }

  /** Reads any one JSON value from {@code reader}, as {@link #read(JsonAdapter, JsonReader)} does. */
  static Object any(JsonReader reader) throws IOException {
    return read(ANY, reader);
  }

  /** Parses {@code body} as a JSON object. */
  public static Map<String, Object> object(String body) throws IOException {
    return read(OBJECT, body);
  }

  /** Parses {@code body} as any JSON value. */
  public static Object any(String body) throws IOException {
    return ANY.fromJson(body);
  }
}
