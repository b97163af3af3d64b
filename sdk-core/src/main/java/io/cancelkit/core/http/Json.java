package io.cancelkit.core.http;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.util.Map;

/**
 * The SDK's one Moshi: strict about JSON syntax and types, lenient about unknown fields.
 *
 * <p>Parse failures surface as {@link IOException} or {@link com.squareup.moshi.JsonDataException},
 * which the engine turns into {@code Failed(UNEXPECTED_RESPONSE)}.
 */
public final class Json {
  /** Shared and thread-safe; caches adapters. */
  public static final Moshi MOSHI = new Moshi.Builder().build();

  private static final JsonAdapter<Map<String, Object>> OBJECT =
      MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
  private static final JsonAdapter<Object> ANY = MOSHI.adapter(Object.class);

  private Json() {}

  /** Parses {@code body} as one {@code type}, failing on malformed JSON or a JSON null. */
  public static <T> T read(JsonAdapter<T> adapter, String body) throws IOException {
    T value = adapter.nonNull().fromJson(body);
    if (value == null) throw new IOException("empty JSON document");
    return value;
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
