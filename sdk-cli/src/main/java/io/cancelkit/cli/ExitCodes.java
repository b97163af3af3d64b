package io.cancelkit.cli;

import io.cancelkit.core.CancelOutcome;
import io.cancelkit.core.ErrorKind;
import io.cancelkit.core.Failed;
import io.cancelkit.core.NotCancellable;
import io.cancelkit.core.NotFound;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of the {@code cancelkit} command, one per kind of result a script acts on.
 *
 * <p>A run of several jobs exits with {@link #OK} when every job ended {@code Cancelled}, {@code
 * CancelPending} or {@code AlreadyFinished}, and otherwise with the highest code among its jobs:
 * {@link #FAILED} over {@link #NOT_FOUND} over {@link #NOT_CANCELLABLE}.
 */
final class ExitCodes {
  /** {@code Cancelled}, {@code CancelPending} or {@code AlreadyFinished}; a status read. */
  static final int OK = 0;

  /** An unexpected error inside the command itself (a bug); picocli's software-error code. */
  static final int INTERNAL = 1;

  /** Bad usage: an unknown option or vendor, a missing argument or environment variable. */
  static final int USAGE = 2;

  /** {@code NotCancellable}: the job runs in a stage that refuses cancel; try again later. */
  static final int NOT_CANCELLABLE = 3;

  /** {@code NotFound}, or a status lookup that failed with {@code NOT_FOUND}. */
  static final int NOT_FOUND = 4;

  /** {@code Failed}, a job not attempted, or a status lookup that failed otherwise. */
  static final int FAILED = 5;

  private ExitCodes() {}

  /** The exit code for a cancel's outcome; null (a job not attempted) is {@link #FAILED}. */
  static int of(CancelOutcome outcome) {
    if (outcome == null || outcome instanceof Failed) return FAILED;
    if (outcome instanceof NotCancellable) return NOT_CANCELLABLE;
    if (outcome instanceof NotFound) return NOT_FOUND;
    return OK;
  }

  /** The exit code for a status lookup that failed with {@code kind}. */
  static int ofStatusError(ErrorKind kind) {
    return kind == ErrorKind.NOT_FOUND ? NOT_FOUND : FAILED;
  }

  /** The table that {@code --help} prints, code to meaning. */
  static Map<String, String> help() {
    Map<String, String> list = new LinkedHashMap<>();
    list.put(" " + OK, "every job Cancelled, CancelPending or AlreadyFinished; status: job read");
    list.put(" " + INTERNAL, "unexpected internal error (please report it)");
    list.put(" " + USAGE, "bad usage: unknown option or vendor, missing argument or env variable");
    list.put(" " + NOT_CANCELLABLE, "NotCancellable: the job's current stage refuses cancel");
    list.put(" " + NOT_FOUND, "NotFound: no such job for these credentials");
    list.put(" " + FAILED, "Failed or not attempted: see the error kind");
    list.put("", "Several jobs: the highest code among them (5 over 4 over 3), else 0.");
    return list;
  }
}
