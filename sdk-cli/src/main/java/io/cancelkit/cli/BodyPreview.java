package io.cancelkit.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shortens an HTTP body to fit a width while staying the body: JSON is re-printed compactly, with
 * null members left out, long strings clipped, objects below the second level and members that do
 * not fit shown as {@code ...}; anything else is clipped text.
 */
final class BodyPreview {
  private static final JsonAdapter<Object> ANY = new Moshi.Builder().build().adapter(Object.class);
  private static final int MAX_STRING = 60;
  private static final int MIN_CLIPPED = 12;
  private static final int MAX_DEPTH = 2;
  private static final String MORE = "...";

  private BodyPreview() {}

  /** The body in at most {@code width} characters; {@code (no body)} when it is empty. */
  static String of(String body, int width) {
    if (body == null || body.isBlank()) return "(no body)";
    Object json;
    try {
      json = ANY.fromJson(body);
    } catch (IOException | JsonDataException e) {
      json = null;
    }
    if (json instanceof Map || json instanceof List) {
      String s = render(json, width, 0);
      if (s != null) return s;
    }
    return clip(body.strip().replaceAll("\\s+", " "), width);
  }

  /** The value in at most {@code budget} characters, or null when not even its outline fits. */
  private static String render(Object value, int budget, int depth) {
    String s;
    if (value instanceof Map<?, ?> map) {
      s = container(members(map), '{', '}', budget, depth);
    } else if (value instanceof List<?> list) {
      List<Object[]> items = new ArrayList<>();
      for (Object item : list) items.add(new Object[] {null, item});
      s = container(items, '[', ']', budget, depth);
    } else if (value instanceof String text) {
      // A clipped message still says more than a member left out: clip to what room there is.
      int room = Math.min(MAX_STRING, budget - 2);
      if (text.length() > room && room >= MIN_CLIPPED) {
        text = text.substring(0, room - MORE.length()) + MORE;
      }
      s = quote(text);
    } else if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      // Moshi reads every JSON number as a double; a whole one was written without a fraction.
      s = Long.toString(d.longValue());
    } else {
      s = String.valueOf(value);
    }
    return s.length() <= budget ? s : null;
  }

  private static List<Object[]> members(Map<?, ?> map) {
    List<Object[]> members = new ArrayList<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (e.getValue() != null) {
        members.add(new Object[] {String.valueOf(e.getKey()), e.getValue()});
      }
    }
    return members;
  }

  /** Members are {@code {name, value}} pairs; a null name marks an array element. */
  private static String container(
      List<Object[]> members, char open, char close, int budget, int depth) {
    if (members.isEmpty()) return "" + open + close;
    String outline = open + MORE + close;
    if (depth >= MAX_DEPTH) return outline;
    StringBuilder out = new StringBuilder().append(open);
    for (int i = 0; i < members.size(); i++) {
      boolean last = i == members.size() - 1;
      String sep = i == 0 ? "" : ",";
      String name = members.get(i)[0] == null ? "" : quote((String) members.get(i)[0]) + ":";
      // Keep room for ",..." and the closing bracket unless this is the last member.
      int reserve = last ? 1 : 1 + 1 + MORE.length();
      int room = budget - out.length() - sep.length() - name.length() - reserve;
      String child = room > 0 ? render(members.get(i)[1], room, depth + 1) : null;
      if (child == null) {
        out.append(sep).append(MORE);
        break;
      }
      out.append(sep).append(name).append(child);
    }
    out.append(close);
    return out.length() <= budget ? out.toString() : null;
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static String clip(String s, int width) {
    return s.length() <= width ? s : s.substring(0, Math.max(0, width - MORE.length())) + MORE;
  }
}
