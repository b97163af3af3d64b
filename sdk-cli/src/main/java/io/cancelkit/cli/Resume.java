package io.cancelkit.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code --resume FILE}: the jobs that an earlier {@code --output jsonl} run settled, to skip.
 *
 * <p>Settled means the outcome would not change by asking again: {@code Cancelled}, {@code
 * CancelPending}, {@code AlreadyFinished} and {@code NotFound}. A job that {@code Failed}, was
 * {@code NotCancellable} (its stage may pass) or {@code NotAttempted} runs again. Holds one string
 * per settled job of the file.
 */
final class Resume {
  private static final Set<String> SETTLED =
      Set.of("Cancelled", "CancelPending", "AlreadyFinished", "NotFound");

  private static final JsonAdapter<Map<String, Object>> JSON =
      new Moshi.Builder()
          .build()
          .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private final Set<String> settled;
  private final String file;

  private Resume(Set<String> settled, String file) {
    this.settled = settled;
    this.file = file;
  }

  /**
   * The settled jobs of {@code file}; a line that is not a result (such as one cut short when the
   * earlier run was killed) is reported on {@code err} and ignored.
   *
   * @throws UsageException if the file cannot be read
   */
  static Resume read(String file, PrintWriter err) {
    Set<String> settled = new HashSet<>();
    long line = 0;
    try (BufferedReader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
      for (String text; (text = in.readLine()) != null; ) {
        line++;
        if (text.isBlank()) continue;
        Map<String, Object> result;
        try {
          result = JSON.fromJson(text);
        } catch (IOException | JsonDataException e) {
          err.println("cancelkit: --resume " + file + " line " + line + " is not JSON; ignored");
          continue;
        }
        if (result != null
            && result.get("ref") instanceof String ref
            && SETTLED.contains(result.get("outcome"))) {
          settled.add(ref);
        }
      }
    } catch (NoSuchFileException e) {
      throw new UsageException("--resume: no such file: " + file);
    } catch (IOException e) {
      throw new UsageException("--resume: cannot read " + file + ": " + e.getMessage());
    }
    err.flush();
    return new Resume(settled, file);
  }

  /** True when the earlier run settled the job whose ref reads {@code ref}. */
  boolean settled(String ref) {
    return settled.contains(ref);
  }

  /** The file read. */
  String file() {
    return file;
  }
}
