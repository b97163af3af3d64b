package io.cancelkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.CancelPending;
import io.cancelkit.core.CancelRouter;
import io.cancelkit.core.Cancelled;
import io.cancelkit.core.JobRef;
import io.cancelkit.core.JobSnapshot;
import io.cancelkit.core.JobState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link CancelRouter} one call at a time. In this package for the test vendor; it uses the
 * router's public API only.
 */
class CancelRouterTest extends FleetFixture {
  @Test
  void twoCancellersOfOneVendorAreRefused() throws Exception {
    Vendor a = vendor("a");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CancelRouter.of(a.canceller(), a.canceller()));
    assertEquals("two cancellers for vendor 'a'", e.getMessage());
  }

  @Test
  void providersAreInTheOrderGiven() throws Exception {
    CancelRouter router =
        CancelRouter.of(vendor("b").canceller(), vendor("c").canceller(), vendor("a").canceller());

    assertEquals(List.of("b", "c", "a"), router.providers());
    assertEquals(List.of(), CancelRouter.of().providers());
  }

  @Test
  void eachCallGoesToTheRefsVendor() throws Exception {
    Vendor a = vendor("a");
    Vendor b = vendor("b");
    // b: a 202, then the job read as cancelled by the await's poll.
    b.answer =
        (n, r) -> r.getMethod().equals("POST")
            ? ServerFixture.json(202, ACCEPTED)
            : ServerFixture.json(200, "{\"id\":\"j4\",\"status\":\"cancelled\"}");
    a.answer =
        (n, r) -> r.getMethod().equals("POST")
            ? ServerFixture.json(202, ACCEPTED)
            : ServerFixture.json(200, "{\"id\":\"j3\",\"status\":\"running\"}");
    CancelRouter router = CancelRouter.of(a.canceller(), b.canceller());

    CancelOutcome one = router.cancel(JobRef.parse("a:j1"));
    CancelOutcome two = router.cancelAsync(JobRef.parse("b:j2")).get(10, TimeUnit.SECONDS);
    JobSnapshot three = router.status(JobRef.parse("a:j3"));
    CancelOutcome four = router.cancelAndAwait(JobRef.parse("b:j4"), Duration.ofSeconds(10));

    assertInstanceOf(CancelPending.class, one);
    assertEquals("a", one.provider());
    assertInstanceOf(CancelPending.class, two);
    assertEquals("b", two.provider());
    assertEquals(JobState.RUNNING, three.state());
    assertEquals("a", three.provider());
    assertInstanceOf(Cancelled.class, four);
    assertEquals(List.of("j1"), a.jobIds("POST"));
    assertEquals(List.of("j3"), a.jobIds("GET"));
    assertEquals(List.of("j2", "j4"), b.jobIds("POST"));
    assertEquals(List.of("j4"), b.jobIds("GET"));
  }

  @Test
  void aRefForAnAbsentVendorIsRefusedNamingTheVendorsTheRouterHas() throws Exception {
    Vendor a = vendor("a");
    CancelRouter router = CancelRouter.of(a.canceller(), vendor("b").canceller());
    JobRef ref = JobRef.of("omni", "j1");

    for (Executable call :
        List.<Executable>of(
            () -> router.cancel(ref),
            () -> router.cancelAsync(ref),
            () -> router.status(ref),
            () -> router.cancelAndAwait(ref, Duration.ofSeconds(1)))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
      assertEquals("no canceller for vendor 'omni'; this router has: a, b", e.getMessage());
    }
    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class, () -> CancelRouter.of().cancel(ref));
    assertEquals("no canceller for vendor 'omni'; this router has: none", none.getMessage());
    assertEquals(List.of(), a.requests(), "nothing was sent");
  }

  @Test
  void anIdTheVendorRefusesIsAnIllegalArgumentBeforeAnyRequest() throws Exception {
    Vendor a = vendor("a");
    CancelRouter router = CancelRouter.of(a.canceller());

    // A valid ref ("scale" ids have a project), but the test vendor's ids are one path segment.
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> router.cancel(JobRef.parse("a:p/j1")));
    assertTrue(e.getMessage().startsWith("jobId contains '/'"), e.getMessage());
    assertEquals(List.of(), a.requests());
  }

  @Test
  void fromEnvBuildsOnlyTheProvidersWhoseEnvironmentIsSet() throws Exception {
    Vendor paced = vendor(TestVendor.PACED);
    Map<String, String> env =
        Map.of("PACED_API_KEY", ServerFixture.KEY, "PACED_BASE_URL", paced.baseUrl());

    // On the test classpath: "alpha" needs nothing, "zeta" two variables that are unset here.
    CancelRouter router = CancelRouter.fromEnv(env::get);
    assertEquals(List.of("alpha", "paced"), router.providers());
    assertInstanceOf(CancelPending.class, router.cancel(JobRef.of("paced", "j1")));
    assertEquals("Bearer " + ServerFixture.KEY, paced.requests().get(0).getHeader("Authorization"));

    assertEquals(List.of("alpha"), CancelRouter.fromEnv(Map.<String, String>of()::get).providers());
    Map<String, String> all =
        Map.of(
            "PACED_API_KEY", "k", "PACED_BASE_URL", paced.baseUrl(),
            "ZETA_API_KEY", "k", "ZETA_ACCOUNT_ID", "acct");
    assertEquals(List.of("alpha", "paced", "zeta"), CancelRouter.fromEnv(all::get).providers());
  }

  @Test
  void fromEnvNamesAMalformedVariable() {
    Map<String, String> env = Map.of("PACED_API_KEY", "k", "PACED_BASE_URL", "http://example.com/");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CancelRouter.fromEnv(env::get));
    assertTrue(e.getMessage().startsWith("PACED_BASE_URL: "), e.getMessage());
  }
}
