package io.cancelkit.core.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An answer's body is parsed once, whatever a mapper reads from it. */
class AnswerTest {
  static final JsonAdapter<TestVendor.Thing> THING = Json.MOSHI.adapter(TestVendor.Thing.class);

  static Answer answer(String body) {
    return Answer.of("p", "job_1", 409, Headers.of(), body);
  }

  @Test
  void everyReadingConvertsTheOneParsedTree() throws IOException {
    Answer a = answer("{\"status\":\"running\",\"message\":\"busy\"}");
    Object tree = a.json();
    // Changing the tree shows that later readings convert it rather than parse the text again.
    Map<String, Object> object = a.object();
    object.put("status", "from the tree");
    object.put("message", "also from the tree");

    assertSame(tree, object);
    assertSame(tree, a.json());
    assertEquals("from the tree", a.read(THING).status());
    assertEquals("also from the tree", a.error().message());
    assertSame(a.error(), a.error(), "the envelope is read once too");
  }

  @Test
  void aCopyWithARequestIdSharesTheParsedTree() throws IOException {
    Answer a = answer("{\"status\":\"running\"}");
    Object tree = a.json();

    Answer b = a.withRequestId("req_1");

    assertEquals("req_1", b.requestId());
    assertSame(tree, b.json());
    assertSame(a, a.withRequestId(null), "the same id is the same answer");
  }

  @Test
  void aMalformedBodyFailsEveryTimeWithTheSameException() {
    Answer a = answer("{\"status\":");

    IOException first = assertThrows(IOException.class, a::json);

    assertSame(first, assertThrows(IOException.class, a::json));
    assertSame(first, assertThrows(IOException.class, () -> a.read(THING)));
    assertEquals(ProviderError.NONE, a.error(), "the lenient envelope never throws");
  }

  @Test
  void objectAndReadRefuseWhatIsNotADocument() {
    assertThrows(JsonDataException.class, () -> answer("[1]").object());
    assertThrows(JsonDataException.class, () -> answer("null").read(THING));
    assertThrows(JsonDataException.class, () -> answer("{\"status\":7}").read(THING));
  }

  /** An answer as the engine makes it: the body as the bytes that came. */
  static Answer received(String body, Charset charset) {
    return new Answer("p", "job_1", 200, Headers.of(), body.getBytes(charset), charset, false, 1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"status\":\"running\",\"status\":\"cancelled\"}",
        "{\"status\":\"running\",\"x\":1,\"x\":2}",
        "{\"status\":\"running\",\"x\":{\"y\":1,\"y\":2}}",
        "{\"status\":\"running\"} {}",
        "{\"status\":7}",
        "null",
        "",
      })
  void aReadStraightFromTheBodyRefusesWhatTheTreeRefuses(String body) {
    Exception tree =
        assertThrows(Exception.class, () -> received(body, UTF_8).readTree(THING));
    Exception direct = assertThrows(Exception.class, () -> received(body, UTF_8).read(THING));

    for (Exception e : List.of(tree, direct)) {
      assertTrue(e instanceof IOException || e instanceof JsonDataException, e.toString());
    }
  }

  @Test
  void aReadStraightFromTheBodyKeepsNoTreeAndLaterReadingsParseOne() throws IOException {
    Answer a = received("{\"status\":\"running\",\"extra\":[1,{\"a\":null}]}", UTF_8);

    assertEquals("running", a.read(THING).status());
    Object tree = a.json();

    assertSame(tree, a.json());
    assertEquals("running", a.read(THING).status());
  }

  @Test
  void aBodyInAnotherCharsetIsDecodedBeforeItIsParsed() throws IOException {
    Answer a = received("{\"status\":\"annul\u00e9\"}", ISO_8859_1);

    assertEquals("annul\u00e9", a.read(THING).status());
    assertEquals("{\"status\":\"annul\u00e9\"}", a.body());
    assertEquals("annul\u00e9", a.object().get("status"));
  }

  @Test
  void snippetIsOneBoundedLine() {
    assertEquals("(empty body)", answer("").snippet());
    assertEquals("a b c", answer(" a\n\tb \r\n c ").snippet());
    assertEquals("x".repeat(200) + "…", answer("x".repeat(500)).snippet());
    Answer cut = new Answer("p", "j", 500, Headers.of(), "short", true, null, 1);
    assertEquals("short…", cut.snippet(), "a truncated body says so");
  }
}
