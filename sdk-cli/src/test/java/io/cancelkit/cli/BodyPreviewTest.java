package io.cancelkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The demo's short form of an answer body. */
class BodyPreviewTest {
  @Test
  void compactsJsonAndLeavesOutNullMembers() {
    assertEquals(
        "{\"jobId\":\"j1\",\"accepted\":true,\"n\":24}",
        BodyPreview.of(
            "{\n  \"jobId\": \"j1\",\n  \"accepted\": true, \"x\": null, \"n\": 24\n}", 80));
  }

  @Test
  void collapsesBelowTheSecondLevel() {
    assertEquals(
        "{\"error\":{\"code\":\"CONFLICT\",\"details\":{...},\"list\":[...]}}",
        BodyPreview.of(
            "{\"error\":{\"code\":\"CONFLICT\",\"details\":{\"stage\":\"x\"},\"list\":[1,2]}}",
            80));
  }

  @Test
  void membersThatDoNotFitBecomeAnEllipsis() {
    String body = "{\"a\":\"12345678\",\"b\":\"12345678\",\"c\":\"12345678\"}";
    String preview = BodyPreview.of(body, 36);
    assertEquals("{\"a\":\"12345678\",\"b\":\"12345678\",...}", preview);
    assertTrue(preview.length() <= 36);
  }

  @Test
  void clipsALongStringToTheRoomLeft() {
    String preview = BodyPreview.of("{\"message\":\"" + "m".repeat(100) + "\"}", 40);
    assertEquals("{\"message\":\"" + "m".repeat(23) + "...\"}", preview);
    assertEquals(40, preview.length());
  }

  @Test
  void emptyAndNonJsonBodies() {
    assertEquals("(no body)", BodyPreview.of("", 40));
    assertEquals("(no body)", BodyPreview.of(null, 40));
    assertEquals(
        "<html> <b>Bad Gateway</b> </html>",
        BodyPreview.of("<html>\n <b>Bad Gateway</b>\n</html>", 40));
    assertEquals("0123456...", BodyPreview.of("0123456789abcdef", 10));
  }

  @Test
  void escapesWhatItQuotes() {
    assertEquals("{\"m\":\"say \\\"hi\\\"\"}", BodyPreview.of("{\"m\":\"say \\\"hi\\\"\"}", 40));
  }
}
