package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
  record Wire(
      String id, @com.squareup.moshi.Json(name = "project_id") String projectId, int count, boolean ok, List<Item> items) {}

  record Item(String name) {}

  static final JsonAdapter<Wire> WIRE = Json.MOSHI.adapter(Wire.class);

  @Test
  void readsPackagePrivateRecordsWithRenamesAndSkipsUnknownFields() throws IOException {
    Wire wire =
        Json.read(
            WIRE,
            "{\"id\":\"a\",\"project_id\":\"p\",\"count\":3,\"ok\":true,\"items\":[{\"name\":\"n\"}],\"new\":{\"x\":[1]}}");
    assertEquals(new Wire("a", "p", 3, true, List.of(new Item("n"))), wire);
  }

  @Test
  void missingFieldsAreNullOrZero() throws IOException {
    assertEquals(new Wire(null, null, 0, false, null), Json.read(WIRE, "{}"));
  }

  @Test
  void wrongTypesFail() {
    assertThrows(JsonDataException.class, () -> Json.read(WIRE, "{\"id\":7}"));
    assertThrows(JsonDataException.class, () -> Json.read(WIRE, "{\"count\":\"3\"}"));
    assertThrows(JsonDataException.class, () -> Json.read(WIRE, "{\"ok\":\"true\"}"));
    assertThrows(JsonDataException.class, () -> Json.read(WIRE, "[]"));
  }

  @Test
  void malformedOrEmptyDocumentsFail() {
    for (String body : new String[] {"{\"id\":\"a\"", "", "null", "{} trailing"}) {
      // The engine reads both as UNEXPECTED_RESPONSE.
      Exception e = assertThrows(Exception.class, () -> Json.read(WIRE, body));
      assertTrue(e instanceof IOException || e instanceof JsonDataException, e.toString());
    }
  }

  @Test
  void writesRecords() {
    assertEquals(
        "{\"id\":\"a\",\"project_id\":null,\"count\":1,\"ok\":false,\"items\":[]}",
        WIRE.serializeNulls().toJson(new Wire("a", null, 1, false, List.of())));
  }

  @Test
  void timestampsAreLenient() {
    assertEquals(Instant.parse("2026-01-27T15:30:28Z"), Timestamps.parse("2026-01-27T15:30:28Z"));
    assertEquals(Instant.parse("2024-11-02T09:22:17Z"), Timestamps.parse("2024-11-02T09:22:17.000Z"));
    assertEquals(Instant.parse("2024-11-02T07:22:17Z"), Timestamps.parse("2024-11-02T09:22:17+02:00"));
    assertEquals(Instant.parse("2024-11-02T09:22:17Z"), Timestamps.parse("2024-11-02T09:22:17"));
    assertNull(Timestamps.parse("yesterday"));
    assertNull(Timestamps.parse(null));
  }
}
