package io.cancelkit.core.internal;

import io.cancelkit.core.JobState;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A vendor's status words and the {@link JobState} each one means, as its page documents them; any
 * other word, or none, is {@link JobState#UNKNOWN}, so a word the vendor adds later never breaks a
 * call. Immutable.
 */
public final class StatusWords {
  private final Map<String, JobState> states;
  private final UnaryOperator<String> normalize;

  private StatusWords(Map<String, JobState> states, UnaryOperator<String> normalize) {
    Map<String, JobState> table = new HashMap<>();
    states.forEach((word, state) -> table.put(normalize.apply(word), state));
    this.states = Map.copyOf(table);
    this.normalize = normalize;
  }

  /** The table {@code states}, matched exactly. */
  public static StatusWords of(Map<String, JobState> states) {
    return new StatusWords(states, UnaryOperator.identity());
  }

  /** The table {@code states}, matched whatever the case of the word. */
  public static StatusWords ignoringCase(Map<String, JobState> states) {
    return new StatusWords(states, word -> word.toLowerCase(Locale.ROOT));
  }

  /** What {@code word} means; {@link JobState#UNKNOWN} for null or a word not in the table. */
  public JobState state(String word) {
    if (word == null) return JobState.UNKNOWN;
    return states.getOrDefault(normalize.apply(word), JobState.UNKNOWN);
  }
}
