package io.cancelkit.testkit;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A plain OkHttp client for the simulator tests: no SDK, no retries, answers read whole. */
final class Http {
  // No silent retry on a reset connection: the drop-answer tests must see the failure.
  static final OkHttpClient CLIENT =
      new OkHttpClient.Builder()
          .retryOnConnectionFailure(false)
          .followRedirects(false)
          .readTimeout(Duration.ofSeconds(10))
          .build();

  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

  private Http() {}

  /** One answer: status, headers and the body as text. */
  record Reply(int code, Headers headers, String body) {
    String header(String name) {
      return headers.get(name);
    }

    Object json() {
      return Http.json(body);
    }

    /** The value at {@code path} in the JSON body: names for objects, integers for arrays. */
    Object at(Object... path) {
      return Http.at(json(), path);
    }

    /** The names of the JSON object at {@code path}, in body order. */
    List<Object> keys(Object... path) {
      return new ArrayList<>(((Map<?, ?>) at(path)).keySet());
    }
  }

  static Reply get(String url, String... headerPairs) throws IOException {
    return call(new Request.Builder().url(url).get(), headerPairs);
  }

  static Reply post(String url, String... headerPairs) throws IOException {
    return call(new Request.Builder().url(url).post(RequestBody.create(new byte[0])), headerPairs);
  }

  static Reply call(OkHttpClient client, Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      return new Reply(response.code(), response.headers(), response.body().string());
    }
  }

  /** {@code text} parsed as JSON: maps, lists, strings, doubles, booleans and nulls. */
  static Object json(String text) {
    try {
      return JSON.fromJson(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  static String bearer(String key) {
    return "Bearer " + key;
  }

  static Object at(Object json, Object... path) {
    Object node = json;
    for (Object step : path) {
      if (step instanceof Integer index) {
        node = ((List<?>) node).get(index);
      } else {
        Map<?, ?> map = (Map<?, ?>) node;
        if (!map.containsKey(step)) {
          throw new AssertionError("no '" + step + "' in " + map);
        }
        node = map.get(step);
      }
    }
    return node;
  }

  private static Reply call(Request.Builder builder, String... headerPairs) throws IOException {
    for (int i = 0; i < headerPairs.length; i += 2) {
      builder.header(headerPairs[i], headerPairs[i + 1]);
    }
    return call(CLIENT, builder.build());
  }
}
