package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.http.GET;

/** The client a vendor's API runs on: its auth header, its sizing, what it derives from. */
class HttpClientsTest extends ServerFixture {
  interface Endpoints {
    @GET("private")
    Call<ResponseBody> secured();

    @Unauthenticated
    @GET("public")
    Call<ResponseBody> open();
  }

  Endpoints endpoints(Auth auth) {
    return HttpClients.retrofit(builder().settings(clock), auth).create(Endpoints.class);
  }

  RecordedRequest send(Call<ResponseBody> call) throws Exception {
    server.enqueue(new MockResponse());
    ResponseBody body = call.execute().body();
    if (body != null) body.close();
    return take();
  }

  @Test
  void theSharedDefaultClientAllows64RequestsPerHost() {
    Dispatcher dispatcher = HttpClients.defaultClient().dispatcher();

    assertEquals(64, dispatcher.getMaxRequestsPerHost());
    assertEquals(256, dispatcher.getMaxRequests());
  }

  @Test
  void bearerAuthIsAddedToEveryRequestButUnauthenticatedOnes() throws Exception {
    Endpoints api = endpoints(Auth.bearer());

    RecordedRequest secured = send(api.secured());
    RecordedRequest open = send(api.open());

    assertEquals("Bearer " + KEY, secured.getHeader("Authorization"));
    assertEquals("cancelkit-java", secured.getHeader("User-Agent"));
    assertEquals("/prefix/public", open.getPath());
    assertNull(open.getHeader("Authorization"), "a public endpoint never sees the key");
  }

  @Test
  void aNamedHeaderCarriesTheKeyAlone() throws Exception {
    Endpoints api = endpoints(Auth.header("x-api-key"));

    RecordedRequest secured = send(api.secured());
    RecordedRequest open = send(api.open());

    assertEquals(KEY, secured.getHeader("x-api-key"));
    assertNull(secured.getHeader("Authorization"));
    assertNull(open.getHeader("x-api-key"));
  }

  @Test
  void aCallersClientIsDerivedFromSharingItsPoolAndDispatcher() {
    OkHttpClient callers = new OkHttpClient.Builder().followRedirects(true).build();

    OkHttpClient derived = client(builder().okHttpClient(callers));
    OkHttpClient shared = client(builder());

    assertSame(callers.dispatcher(), derived.dispatcher());
    assertSame(callers.connectionPool(), derived.connectionPool());
    assertFalse(derived.followRedirects(), "a redirect would carry the key to another host");
    assertFalse(derived.retryOnConnectionFailure(), "every attempt is the engine's, and counted");
    assertSame(HttpClients.defaultClient().dispatcher(), shared.dispatcher());
  }

  private OkHttpClient client(TestVendor.Builder b) {
    return (OkHttpClient) HttpClients.retrofit(b.settings(clock), Auth.bearer()).callFactory();
  }

  @Test
  void authNeverPrintsTheKey() {
    assertEquals("Authorization: Bearer ██", Auth.bearer().toString());
    assertEquals("x-api-key: ██", Auth.header("x-api-key").toString());
  }
}
