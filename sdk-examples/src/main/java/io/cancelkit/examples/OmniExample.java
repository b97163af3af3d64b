package io.cancelkit.examples;

import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.JobCanceller;
import io.cancelkit.omni.OmniCanceller;

/** The README's Omni section: the canceller from the environment and in code. */
public final class OmniExample {
  private OmniExample() {}

  /** Runs the snippet on the vendor endpoints that the environment names. */
  public static void main(String[] args) {
    JobCanceller omni = OmniCanceller.fromEnv();       // OMNI_API_KEY, and OMNI_INSTANCE or OMNI_BASE_URL
    // or in code:
    JobCanceller inCode = OmniCanceller.builder()
        .apiKey(System.getenv("OMNI_API_KEY"))   // organization key or PAT; sent as Authorization: Bearer
        .instance("acme")                        // https://acme.omniapp.co/api
        // .playground("acme")                   // https://acme.playground.exploreomni.dev/api
        // .baseUrl("https://proxy.example/api") // one of the three is required
        .build();
    CancelOutcome o = omni.cancel("a1b2c3d4-e5f6-7890-abcd-ef1234567890");
    System.out.println(inCode);
    System.out.println(Outcomes.describe(o));
  }
}
