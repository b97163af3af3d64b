package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.util.Map;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

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

  @Test
  void snippetIsOneBoundedLine() {
    assertEquals("(empty body)", answer("").snippet());
    assertEquals("a b c", answer(" a\n\tb \r\n c ").snippet());
    assertEquals("x".repeat(200) + "…", answer("x".repeat(500)).snippet());
    Answer cut = new Answer("p", "j", 500, Headers.of(), "short", true, null, 1);
    assertEquals("short…", cut.snippet(), "a truncated body says so");
  }
}
