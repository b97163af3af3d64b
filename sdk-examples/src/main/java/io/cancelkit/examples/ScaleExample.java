package io.cancelkit.examples;

import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.JobCanceller;
import io.cancelkit.scale.ScaleCanceller;

/** The README's Scale Dex section: the canceller from the environment and in code, three ways to name a job. */
public final class ScaleExample {
  private ScaleExample() {}

  /** Runs the snippet on the vendor endpoints that the environment names. */
  public static void main(String[] args) {
    ScaleCanceller scale = ScaleCanceller.fromEnv();   // SGP_API_KEY, SGP_ACCOUNT_ID; optional SGP_PROJECT_ID, SGP_BASE_URL
    // or in code, on https://dex.sgp.scale.com:
    ScaleCanceller inCode = ScaleCanceller.builder()
        .apiKey(System.getenv("SGP_API_KEY"))          // sent as x-api-key
        .accountId("acct_01hx9z4kqr8e7m3p5n6w2v0def")  // required; sent as x-selected-account-id
        .projectId("proj_01hx9z4kqr8e7m3p5n6w2v0abc")  // optional: the project of cancel(jobId), status(..)
        .build();

    // POST /v1/projects/{projectId}/jobs/{jobId}/cancel:
    CancelOutcome o = scale.cancel("6f1c3a52-8d4e-4b7a-9c2f-1e5d8a7b3c90");
    // another project, then the same as a JobRef writes it (scale:proj_.../...):
    CancelOutcome p = scale.cancel("proj_01hy7r2m5k8n3p6q9s4t1v0xyz", "0b7e4d21-3c5a-4f8e-9d6b-2a1c7e5f3b80");
    CancelOutcome q = scale.cancel("proj_01hy7r2m5k8n3p6q9s4t1v0xyz/0b7e4d21-3c5a-4f8e-9d6b-2a1c7e5f3b80");
    JobCanceller other = scale.forProject("proj_01hy7r2m5k8n3p6q9s4t1v0xyz"); // same HTTP client, that project
    System.out.println(inCode);
    System.out.println(Outcomes.describe(o));
    System.out.println(Outcomes.describe(p));
    System.out.println(Outcomes.describe(q));
    System.out.println(Outcomes.describe(other.cancel("3d9a6c1e-7b2f-4e8d-a5c3-9f1b0e2d4a67")));
  }
}
