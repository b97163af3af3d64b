package io.cancelkit.cli;

import io.cancelkit.core.JobRef;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The jobs of a {@code --from-file} input, read one line at a time as the run asks for them, so
 * that a file of any length runs in bounded memory: one {@code provider:jobId} a line, blank lines
 * and {@code #} comments skipped. A malformed line goes to {@code malformed} as a result, with its
 * line number, and reading goes on. A read that fails ends the input, and {@link #failure()} says
 * why: the run must never see an iterator that throws.
 */
final class RefLines implements Iterator<JobRef> {
  private final BufferedReader reader;
  private final Predicate<JobRef> admit;
  private final Consumer<Result> malformed;
  private long line;
  private JobRef next;
  private boolean eof;
  private String failure;

  /**
   * Reads {@code reader}; a ref is handed on only when {@code admit} accepts it (it handles those
   * it refuses itself).
   */
  RefLines(BufferedReader reader, Predicate<JobRef> admit, Consumer<Result> malformed) {
    this.reader = reader;
    this.admit = admit;
    this.malformed = malformed;
  }

  /** True when another job follows. */
  @Override
  public boolean hasNext() {
    while (next == null && !eof) {
      String text;
      try {
        text = reader.readLine();
      } catch (IOException e) {
        failure = "reading stopped after line " + line + ": " + e;
        eof = true;
        break;
      }
      if (text == null) {
        eof = true;
        break;
      }
      line++;
      if (!isJob(text)) continue;
      JobRef ref;
      try {
        ref = JobRef.parse(text);
      } catch (IllegalArgumentException e) {
        malformed.accept(Result.malformed(text.strip(), line, e.getMessage()));
        continue;
      }
      if (admit.test(ref)) next = ref;
    }
    return next != null;
  }

  @Override
  public JobRef next() {
    if (!hasNext()) throw new NoSuchElementException();
    JobRef ref = next;
    next = null;
    return ref;
  }

  /** Why reading stopped before the end of the input, or null. */
  String failure() {
    return failure;
  }

  /** False for a blank line or a {@code #} comment. */
  static boolean isJob(String text) {
    String t = text.strip();
    return !t.isEmpty() && !t.startsWith("#");
  }
}
