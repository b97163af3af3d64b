package io.cancelkit.core.internal;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads and writes records of any visibility, so vendors' wire records can stay package-private.
 *
 * <p>Moshi's own record support only reaches public records. Unknown JSON names are skipped; a
 * missing component is null (or zero/false for primitives); {@link Json#name()} renames a component.
 */
final class RecordAdapterFactory implements JsonAdapter.Factory {
  @Override
  public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (!annotations.isEmpty()) return null;
    Class<?> raw = Types.getRawType(type);
    if (!raw.isRecord()) return null;
    RecordComponent[] components = raw.getRecordComponents();
    String[] names = new String[components.length];
    Class<?>[] types = new Class<?>[components.length];
    Method[] accessors = new Method[components.length];
    @SuppressWarnings("rawtypes")
    JsonAdapter[] adapters = new JsonAdapter[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      names[i] = jsonName(raw, c);
      types[i] = c.getType();
      accessors[i] = c.getAccessor();
      accessors[i].setAccessible(true);
      adapters[i] = moshi.adapter(c.getGenericType());
    }
    Constructor<?> constructor;
    try {
      constructor = raw.getDeclaredConstructor(types);
      constructor.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException("no canonical constructor on " + raw, e);
    }
    return new RecordAdapter<>(raw, names, accessors, adapters, constructor).nullSafe();
  }

  private static String jsonName(Class<?> raw, RecordComponent c) {
    Json json = c.getAccessor().getAnnotation(Json.class);
    if (json == null) {
      try {
        json = raw.getDeclaredField(c.getName()).getAnnotation(Json.class);
      } catch (NoSuchFieldException e) {
        json = null;
      }
    }
    return json != null ? json.name() : c.getName();
  }

  private static final class RecordAdapter<T> extends JsonAdapter<T> {
    private final Class<?> raw;
    private final String[] names;
    private final Method[] accessors;
    @SuppressWarnings("rawtypes")
    private final JsonAdapter[] adapters;
    private final Constructor<?> constructor;
    private final JsonReader.Options options;

    @SuppressWarnings("rawtypes")
    RecordAdapter(
        Class<?> raw,
        String[] names,
        Method[] accessors,
        JsonAdapter[] adapters,
        Constructor<?> constructor) {
      this.raw = raw;
      this.names = names;
      this.accessors = accessors;
      this.adapters = adapters;
      this.constructor = constructor;
      this.options = JsonReader.Options.of(names);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T fromJson(JsonReader reader) throws IOException {
      Object[] args = new Object[names.length];
      boolean[] seen = new boolean[names.length];
      Set<String> others = null;
      reader.beginObject();
      while (reader.hasNext()) {
        int index = reader.selectName(options);
        if (index == -1) {
          String name = reader.nextName();
          if (others == null) others = new HashSet<>();
          if (!others.add(name)) throw twice(name, reader);
          // Read, not skipped: the tree of a body refuses a name twice at any depth, so a record read
          // straight from the body must refuse it too.
          reader.readJsonValue();
          continue;
        }
        if (seen[index]) throw twice(names[index], reader);
        seen[index] = true;
        args[index] = adapters[index].fromJson(reader);
      }
      reader.endObject();
      for (int i = 0; i < args.length; i++) {
        Class<?> type = accessors[i].getReturnType(); // a component's type is its accessor's
        if (args[i] == null && type.isPrimitive()) args[i] = zero(type);
      }
      try {
        return (T) constructor.newInstance(args);
      } catch (InvocationTargetException e) {
        throw new JsonDataException(
            raw.getSimpleName() + " refused " + reader.getPath() + ": " + e.getCause(), e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }

    /** A name twice in one object: which value the vendor meant is anyone's guess. */
    private static JsonDataException twice(String name, JsonReader reader) {
      return new JsonDataException("'" + name + "' appears twice in the object at path " + reader.getPath());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void toJson(JsonWriter writer, T value) throws IOException {
      writer.beginObject();
      for (int i = 0; i < names.length; i++) {
        writer.name(names[i]);
        try {
          adapters[i].toJson(writer, accessors[i].invoke(value));
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
      writer.endObject();
    }

    private static Object zero(Class<?> type) {
      if (type == boolean.class) return false;
      if (type == char.class) return '\0';
      if (type == long.class) return 0L;
      if (type == double.class) return 0d;
      if (type == float.class) return 0f;
      if (type == short.class) return (short) 0;
      if (type == byte.class) return (byte) 0;
      return 0;
    }

    @Override
    public String toString() {
      return "JsonAdapter(" + raw.getName() + ")";
    }
  }
}
