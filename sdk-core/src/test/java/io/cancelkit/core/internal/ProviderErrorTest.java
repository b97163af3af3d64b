package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderErrorTest {
  @Test
  void nestedEnvelope() {
    ProviderError e =
        ProviderError.parse(
            "{\"error\":{\"code\":\"CONFLICT\",\"message\":\"no\",\"requestId\":\"req_1\",\"details\":{}}}");
    assertEquals(new ProviderError("CONFLICT", "no", "req_1"), e);
  }

  // The flat shapes: {error: "403", message}, {code, message} and {detail, status}.
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"error\":\"403\",\"message\":\"Permission denied.\"} | 403 | Permission denied.",
        "{\"code\":\"job_terminal\",\"message\":\"done\"} | job_terminal | done",
        "{\"detail\":\"Job is not in a cancellable state\",\"status\":400} | 400"
            + " | Job is not in a cancellable state"
      })
  void flatShapesGiveCodeAndMessage(String body, String code, String message) {
    assertEquals(new ProviderError(code, message, null), ProviderError.parse(body));
  }

  @Test
  void validationDetailList() {
    ProviderError e =
        ProviderError.parse(
            "{\"detail\":[{\"loc\":[\"path\",\"job_id\"],\"msg\":\"field required\",\"type\":\"missing\"},"
                + "{\"loc\":[\"body\",0],\"msg\":\"bad\",\"type\":\"x\"}]}");
    assertEquals("path.job_id: field required; body.0: bad", e.message());
  }

  @Test
  void correlationIdIsARequestId() {
    assertEquals("c-1", ProviderError.parse("{\"correlation_id\":\"c-1\"}").requestId());
  }

  @Test
  void plainTextEmptyAndArraysSayNothing() {
    assertEquals(ProviderError.NONE, ProviderError.parse("Service Unavailable"));
    assertEquals(ProviderError.NONE, ProviderError.parse(""));
    assertEquals(ProviderError.NONE, ProviderError.parse("[1,2]"));
    assertEquals(ProviderError.NONE, ProviderError.parse("{\"error\":"));
  }

  @Test
  void readsAnAlreadyParsedTreeWithNumbersAsText() throws Exception {
    assertEquals(
        new ProviderError("409", "busy", "7"),
        ProviderError.of(Json.any("{\"code\":409,\"message\":\"busy\",\"request_id\":7}")));
    assertEquals(ProviderError.NONE, ProviderError.of(null));
    assertEquals(ProviderError.NONE, ProviderError.of("a string"));
  }
}
