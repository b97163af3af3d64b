package io.cancelkit.testkit;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.util.LinkedHashMap;

/** Writes the simulators' answer bodies; field order is insertion order, nulls are written. */
final class Json {
  // Vendors send explicit nulls ("resultUrl": null), so the writer must keep them.
  private static final JsonAdapter<Object> WRITER =
      new Moshi.Builder().build().adapter(Object.class).serializeNulls();

  private Json() {}

  static String write(Object value) {
    return WRITER.toJson(value);
  }

  /** A new, empty JSON object. */
  static Obj object() {
    return new Obj();
  }

  /** An ordered JSON object with a chaining {@link #with}. */
  static final class Obj extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;

    Obj with(String name, Object value) {
      put(name, value);
      return this;
    }
  }
}
