package io.cancelkit.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The jobs that {@code cancelkit demo} cancels on each simulator, keyed by the simulator's {@link
 * VendorSimulator#provider() provider name}: a tour that draws every outcome the vendor can give,
 * and a fleet of many jobs for a bulk run. The vendors' states, stages and ids live here, so the
 * demo itself names no vendor; a simulator without a scenario gets an empty tour and fleet.
 *
 * <p>Each method adds jobs to the simulator it is given; none of them starts or closes it.
 */
public final class DemoScenarios {
  /** The wrong key of the tour's authentication case: a well-formed key no simulator knows. */
  static final String WRONG_KEY = "demo_wrong_key";

  private DemoScenarios() {}

  /** How the demo cancels a tour job. */
  public enum Mode {
    /** One cancel; an accepted signal stays pending. */
    CANCEL,
    /** Cancel, then poll until the job ends (the SDK's {@code cancelAndAwait}). */
    AWAIT
  }

  /**
   * One job of the tour.
   *
   * @param label what the job is, such as {@code finalizing} or {@code wrong key}
   * @param jobId the id to cancel
   * @param mode one cancel, or cancel and await
   * @param environment what a provider's {@code fromEnv} reads for this job: the simulator's own
   *     {@link VendorSimulator#environment()}, or a copy with a wrong key
   * @param arm runs just before the cancel, such as queueing a 503 for it
   */
  public record TourJob(
      String label, String jobId, Mode mode, Map<String, String> environment, Runnable arm) {
    /**
     * Checks the components and copies the environment.
     *
     * @param label what the job is; not null
     * @param jobId the id to cancel; not null
     * @param mode one cancel, or cancel and await; not null
     * @param environment the variables for {@code fromEnv}; not null, copied
     * @param arm runs just before the cancel; not null, {@code () -> {}} for nothing
     * @throws NullPointerException if a component is null
     */
    public TourJob {
      Objects.requireNonNull(label, "label == null");
      Objects.requireNonNull(jobId, "jobId == null");
      Objects.requireNonNull(mode, "mode == null");
      environment = Map.copyOf(environment);
      Objects.requireNonNull(arm, "arm == null");
    }
  }

  /**
   * A limit that a simulator enforces after {@link #shortenRateLimits}.
   *
   * @param kind which requests it counts: {@code ALL}, {@code WRITES} (cancels) or {@code READS}
   *     (status GETs), the names of the SDK's {@code RateLimit.Kind}
   * @param permits requests per window
   * @param window the window, shortened for the demo
   */
  public record Limit(String kind, int permits, Duration window) {}

  /**
   * Adds the tour's jobs to {@code sim} and returns them in the order to cancel them: a running job
   * awaited, one cancelled once, one in a stage that refuses cancel (where the vendor has such
   * stages), a finished one, an unknown id, a wrong key, and one behind a transient 503.
   *
   * @param sim a started simulator; its jobs are added, its state otherwise left alone
   * @return the tour, unmodifiable; empty for a simulator without a scenario
   */
  public static List<TourJob> tour(VendorSimulator sim) {
    Tour t = new Tour(sim);
    switch (sim.provider()) {
      case "layers" -> {
        LayersSimulator s = (LayersSimulator) sim;
        t.await("running", s.addJob("content_generate", "rendering", "running"));
        t.cancel("running", s.addJob("content_generate", "rendering", "running"));
        // The "Non-cancelable stages" table of the Layers cancel-job page.
        t.cancel("finalizing", s.addJob("content_generate", "finalizing", "running"));
        t.cancel("completed", s.addJob("content_generate", "publish", "completed"));
        t.cancel("unknown id", "job_00000000000000000000000000");
        t.wrongKey(s.addJob("content_generate", "rendering", "running"));
        t.flaky(s.addJob("content_generate", "rendering", "running"));
      }
      case "plangrep" -> {
        PlangrepSimulator s = (PlangrepSimulator) sim;
        // Plangrep cancels a processing job at once: its answer already reads cancelled.
        t.cancel("processing", s.addJob("processing"));
        t.cancel("completed", s.addJob("completed"));
        t.cancel("unknown id", "job_00000000000000000000000000");
        t.wrongKey(s.addJob("processing"));
        t.flaky(s.addJob("processing"));
      }
      case "scale" -> t.byStatus(((ScaleSimulator) sim)::addJob, "running", "succeeded");
      case "omni" ->
          t.byStatus(((OmniSimulator) sim)::addJob, "EXECUTING", "DELIVERING", "COMPLETE");
      case "mogu" -> {
        MoguSimulator s = (MoguSimulator) sim;
        // Mogu cancels a processing trip at once: its answer already reads canceled.
        t.cancel("processing", s.addJob("processing", "generatingBlocks"));
        t.cancel("completed", s.addJob("completed", "completed"));
        t.cancel("unknown id", UNKNOWN_UUID);
        t.wrongKey(s.addJob("processing", "extractingText"));
        t.flaky(s.addJob("processing", "extractingText"));
      }
      default -> {}
    }
    return List.copyOf(t.jobs);
  }

  /**
   * The stage in which {@code provider} refuses cancel, as the tour shows it, such as Omni's {@code
   * DELIVERING}; empty for a vendor that documents none.
   *
   * @param provider a simulator's {@link VendorSimulator#provider() provider name}
   * @return a description of the stage for the demo's text, such as {@code "DELIVERING"}; empty
   *     when the vendor documents none or the name is unknown
   */
  public static Optional<String> refusingStage(String provider) {
    return switch (provider) {
      case "layers" -> Optional.of("content_generate in finalizing (its docs' table of stages)");
      case "omni" -> Optional.of("DELIVERING");
      default -> Optional.empty();
    };
  }

  /**
   * Adds {@code count} jobs to {@code sim} for a bulk run and returns their ids: mostly running,
   * one in twenty already finished, and one in twenty in a stage that refuses cancel where the
   * vendor has one.
   *
   * @param sim a started simulator
   * @param count how many jobs to add, at least 0
   * @return the ids in the order added; empty for a simulator without a scenario
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public static List<String> fleet(VendorSimulator sim, int count) {
    if (count < 0) throw new IllegalArgumentException("count < 0: " + count);
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      boolean finished = i % 20 == 7;
      boolean refusing = i % 20 == 13;
      String id =
          switch (sim.provider()) {
            case "layers" ->
                ((LayersSimulator) sim)
                    .addJob(
                        "content_generate",
                        refusing ? "finalizing" : finished ? "publish" : "rendering",
                        finished ? "completed" : "running");
            case "plangrep" -> ((PlangrepSimulator) sim).addJob(finished ? "completed" : "processing");
            case "scale" -> ((ScaleSimulator) sim).addJob(finished ? "succeeded" : "running");
            case "omni" ->
                ((OmniSimulator) sim)
                    .addJob(refusing ? "DELIVERING" : finished ? "COMPLETE" : "EXECUTING");
            case "mogu" ->
                finished
                    ? ((MoguSimulator) sim).addJob("completed", "completed")
                    : ((MoguSimulator) sim).addJob("processing", "generatingBlocks");
            default -> null;
          };
      if (id == null) return List.of();
      ids.add(id);
    }
    return ids;
  }

  /**
   * Makes {@code sim} enforce its vendor's documented limits per {@code window} instead of per
   * minute, so that a demo of thousands of jobs runs in seconds, and returns the limits it now
   * enforces; empty for a vendor that documents none.
   *
   * @param sim a started simulator; its rate-limit counts so far are forgotten
   * @param window the window to enforce each documented budget in; positive
   * @return the limits now enforced, as the demo reports them
   * @throws NullPointerException if {@code window} is null
   */
  public static List<Limit> shortenRateLimits(VendorSimulator sim, Duration window) {
    Objects.requireNonNull(window, "window == null");
    switch (sim.provider()) {
      case "layers" -> {
        // Layers' standard tier: 60 writes and 120 reads a minute per key.
        ((LayersSimulator) sim).rateLimit(60, 120, window);
        return List.of(new Limit("WRITES", 60, window), new Limit("READS", 120, window));
      }
      case "omni" -> {
        // Omni: 60 requests a minute per key, reads and writes alike.
        ((OmniSimulator) sim).rateLimit(60, window);
        return List.of(new Limit("ALL", 60, window));
      }
      default -> {
        return List.of();
      }
    }
  }

  private static final String UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000";

  /** Collects a vendor's tour jobs. */
  private static final class Tour {
    final VendorSimulator sim;
    final List<TourJob> jobs = new ArrayList<>();

    Tour(VendorSimulator sim) {
      this.sim = sim;
    }

    void cancel(String label, String jobId) {
      jobs.add(new TourJob(label, jobId, Mode.CANCEL, sim.environment(), () -> {}));
    }

    void await(String label, String jobId) {
      jobs.add(new TourJob(label, jobId, Mode.AWAIT, sim.environment(), () -> {}));
    }

    void wrongKey(String jobId) {
      Map<String, String> env = new LinkedHashMap<>(sim.environment());
      // The key is the variable that holds the simulator's key, whatever the vendor calls it.
      env.replaceAll((name, value) -> value.equals(sim.apiKey()) ? WRONG_KEY : value);
      jobs.add(new TourJob("wrong key", jobId, Mode.CANCEL, env, () -> {}));
    }

    void flaky(String jobId) {
      jobs.add(
          new TourJob(
              "503 first", jobId, Mode.AWAIT, sim.environment(), () -> sim.failNextWith503(1)));
    }

    /**
     * The whole tour of a vendor whose jobs differ by status alone, added with {@code add}: {@code
     * running} awaited and cancelled, then each of {@code others} (stages that refuse, finished
     * jobs) cancelled, an unknown UUID, a wrong key and a transient 503.
     */
    void byStatus(Function<String, String> add, String running, String... others) {
      await(running, add.apply(running));
      cancel(running, add.apply(running));
      for (String status : others) cancel(status, add.apply(status));
      cancel("unknown id", UNKNOWN_UUID);
      wrongKey(add.apply(running));
      flaky(add.apply(running));
    }
  }
}
