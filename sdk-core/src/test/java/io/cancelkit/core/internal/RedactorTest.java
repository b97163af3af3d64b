package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.cancelkit.core.CancelError;
import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.ResponseInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedactorTest {
  static final String KEY = "sk_live_k3y";
  static final String M = Redactor.MASK;
  static final Redactor REDACTOR = new Redactor(KEY);
  static final ResponseInfo INFO = new ResponseInfo(200, "req_1", 1);

  static Stream<Arguments> maskings() {
    return Stream.of(
        // raw
        arguments(KEY, "key sk_live_k3y is revoked", "key ██ is revoked"),
        arguments(KEY, "(sk_live_k3y),\"sk_live_k3y\"", "(██),\"██\""),
        // JSON-escaped: any character as a backslash-u sequence, either case of hex, and '\/'
        arguments(KEY, "\"\\u0073k_live_k3y\"", "\"██\""),
        arguments(KEY, "\\u0073\\u006B_live_k3\\u0079", "██"),
        arguments("a/b_key", "{\"k\":\"a\\/b_key\"}", "{\"k\":\"██\"}"),
        arguments("a/b_key", "a/b_key and a\\/b_key", "██ and ██"),
        arguments(KEY, "\\u0073k_live_k3", "\\u0073k_live_k3"),
        // whole tokens only, where the key starts or ends with a letter or digit
        arguments(KEY, "xsk_live_k3y sk_live_k3yx sk_live_k3ysk_live_k3y", "xsk_live_k3y sk_live_k3yx sk_live_k3ysk_live_k3y"),
        arguments("o", "no answer: ConnectException: Failed to connect to /127.0.0.1:9", "no answer: ConnectException: Failed to connect to /127.0.0.1:9"),
        arguments("o", "o (o) 'o' o.", "██ (██) '██' ██."),
        arguments("true", "{\"accepted\":true,\"trueish\":\"untrue\"}", "{\"accepted\":██,\"trueish\":\"untrue\"}"),
        // a key with non-word ends is found inside words too
        arguments("-k-", "a-k-b", "a██b"));
  }

  @ParameterizedTest(name = "[{0}] in [{1}] -> [{2}]")
  @MethodSource("maskings")
  void masksTheKeyRawAndJsonEscapedAsAWholeTokenOnly(String key, String text, String masked) {
    assertEquals(masked, new Redactor(key).mask(text));
  }

  @Test
  void textWithoutTheKeyIsTheSameInstance() {
    String text = "nothing to see";
    assertSame(text, REDACTOR.mask(text));
    assertSame(null, REDACTOR.mask((String) null));
    assertSame(text, Redactor.NONE.mask(text));
  }

  @Test
  void snapshotsAreMaskedAllTheWayDownKeysIncluded() {
    Map<String, Object> billing = new HashMap<>(Map.of("note", "charged " + KEY, "credits", 3.0));
    List<Object> files = new ArrayList<>(List.of("f1", Map.of(KEY, List.of(KEY, true))));
    Map<String, Object> attributes = new HashMap<>(Map.of("billing", billing, "files", files, "id", "job_1"));
    JobSnapshot job = new JobSnapshot("p", "j", JobState.RUNNING, KEY, KEY, null, attributes);

    JobSnapshot masked = REDACTOR.mask(job);

    assertEquals(M, masked.providerStatus());
    assertEquals(M, masked.stage());
    assertEquals(Map.of("note", "charged " + M, "credits", 3.0), masked.attributes().get("billing"));
    assertEquals(List.of("f1", Map.of(M, List.of(M, true))), masked.attributes().get("files"));
    assertEquals("job_1", masked.attributes().get("id"));
  }

  @Test
  void untouchedValuesAreReturnedAsTheSameInstance() {
    JobSnapshot job =
        new JobSnapshot("p", "j", JobState.RUNNING, "running", "s", null, Map.of("a", List.of(Map.of("b", "c"))));
    CancelOutcome pending = new CancelPending("p", "j", INFO, Optional.of(job));
    CancelError error = CancelError.of(ErrorKind.NETWORK, 0, "code", "reset", "req_1");
    CancelOutcome failed = new Failed("p", "j", INFO, error);
    CancelOutcome refused = new NotCancellable("p", "j", INFO, "stage", "reason");

    assertSame(job, REDACTOR.mask(job));
    assertSame(pending, REDACTOR.mask(pending));
    assertSame(error, REDACTOR.mask(error));
    assertSame(failed, REDACTOR.mask(failed));
    assertSame(refused, REDACTOR.mask(refused));
    assertSame(INFO, REDACTOR.mask(INFO));
  }

  @Test
  void outcomesAreMaskedInEveryStringTheyCarry() {
    ResponseInfo echoed = new ResponseInfo(409, KEY, 2);
    CancelError error =
        new CancelError(ErrorKind.INVALID_REQUEST, 409, KEY, "bad " + KEY, KEY, Optional.empty(), Optional.empty());

    Failed failed = (Failed) REDACTOR.mask(new Failed("p", "j", echoed, error));
    NotCancellable refused = (NotCancellable) REDACTOR.mask(new NotCancellable("p", "j", echoed, KEY, KEY));

    assertEquals(new ResponseInfo(409, M, 2), failed.response());
    assertEquals(
        new CancelError(ErrorKind.INVALID_REQUEST, 409, M, "bad " + M, M, Optional.empty(), Optional.empty()),
        failed.error());
    assertEquals(new NotCancellable("p", "j", new ResponseInfo(409, M, 2), M, M), refused);
  }
}
