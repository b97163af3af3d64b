package io.cancelkit.bench;

import java.io.IOException;
import okhttp3.OkHttpClient;

/** A fresh JVM's first cancel by hand on OkHttp and Moshi: {@code ColdRaw BASE_URL}. */
public final class ColdRaw {
  private ColdRaw() {}

  /** One cancel on {@code args[0]}; prints the nanoseconds from main's start to the answer. */
  public static void main(String[] args) throws IOException {
    long start = System.nanoTime();
    once(args[0]);
    System.out.println(System.nanoTime() - start);
    System.exit(0);
  }

  static void once(String baseUrl) throws IOException {
    new RawLayers(new OkHttpClient(), baseUrl, Twins.API_KEY).cancel(LoopbackServer.JOB_ID);
  }
}
