package io.drover.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.core.job.InvalidDocumentException;
import io.drover.core.job.Problem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Playwright storage states (what {@code BrowserContext.storageState()} returns and {@code codegen
 * --save-storage} writes): {@code {"cookies": [...], "origins": [{"origin", "localStorage":
 * [{"name", "value"}]}]}}. An upload is checked here before it is kept; the cookie and
 * local-storage values are the secrets Drover blanks wherever it keeps text.
 */
public final class StorageStates {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TOP = Set.of("cookies", "origins");
  private static final Set<String> SAME_SITE = Set.of("Strict", "Lax", "None");

  private StorageStates() {}

  /** The state, re-serialised compactly; every problem reported at its path (no value shown). */
  public static String validate(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (Exception e) {
      throw invalid("$", "a Playwright storage state: a JSON object (the body is not JSON)");
    }
    List<Problem> problems = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw invalid("$", "a Playwright storage state: a JSON object {\"cookies\", \"origins\"}");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!TOP.contains(name)) {
        problems.add(new Problem("$." + name, null, "only \"cookies\" and \"origins\""));
      }
    }
    JsonNode cookies = root.get("cookies");
    if (cookies != null && !cookies.isArray()) {
      problems.add(new Problem("$.cookies", null, "an array of cookies"));
    } else if (cookies != null) {
      for (int i = 0; i < cookies.size(); i++) {
        cookie(cookies.get(i), "$.cookies[" + i + "]", problems);
      }
    }
    JsonNode origins = root.get("origins");
    if (origins != null && !origins.isArray()) {
      problems.add(new Problem("$.origins", null, "an array of {\"origin\", \"localStorage\"}"));
    } else if (origins != null) {
      for (int i = 0; i < origins.size(); i++) {
        origin(origins.get(i), "$.origins[" + i + "]", problems);
      }
    }
    if ((cookies == null || cookies.isEmpty()) && (origins == null || origins.isEmpty())) {
      problems.add(
          new Problem("$", null, "at least one cookie or origin: an empty state logs nobody in"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidDocumentException(problems);
    }
    return root.toString();
  }

  private static void cookie(JsonNode cookie, String path, List<Problem> problems) {
    if (cookie == null || !cookie.isObject()) {
      problems.add(new Problem(path, null, "a cookie object {\"name\", \"value\", \"domain\"...}"));
      return;
    }
    text(cookie, "name", path, true, problems);
    text(cookie, "value", path, true, problems);
    boolean hasUrl = cookie.has("url");
    text(cookie, "domain", path, !hasUrl, problems);
    text(cookie, "path", path, false, problems);
    text(cookie, "url", path, false, problems);
    JsonNode expires = cookie.get("expires");
    if (expires != null && !expires.isNumber()) {
      problems.add(new Problem(path + ".expires", null, "a number (unix seconds, -1 for session)"));
    }
    for (String flag : List.of("httpOnly", "secure")) {
      JsonNode value = cookie.get(flag);
      if (value != null && !value.isBoolean()) {
        problems.add(new Problem(path + "." + flag, null, "true or false"));
      }
    }
    JsonNode sameSite = cookie.get("sameSite");
    if (sameSite != null && !(sameSite.isTextual() && SAME_SITE.contains(sameSite.asText()))) {
      problems.add(new Problem(path + ".sameSite", null, "one of Strict, Lax, None"));
    }
  }

  private static void origin(JsonNode origin, String path, List<Problem> problems) {
    if (origin == null || !origin.isObject()) {
      problems.add(new Problem(path, null, "an object {\"origin\", \"localStorage\"}"));
      return;
    }
    text(origin, "origin", path, true, problems);
    JsonNode storage = origin.get("localStorage");
    if (storage == null || !storage.isArray()) {
      problems.add(new Problem(path + ".localStorage", null, "an array of {\"name\", \"value\"}"));
      return;
    }
    for (int i = 0; i < storage.size(); i++) {
      JsonNode entry = storage.get(i);
      String at = path + ".localStorage[" + i + "]";
      if (entry == null || !entry.isObject()) {
        problems.add(new Problem(at, null, "an object {\"name\", \"value\"}"));
      } else {
        text(entry, "name", at, true, problems);
        text(entry, "value", at, true, problems);
      }
    }
  }

  private static void text(
      JsonNode node, String field, String path, boolean required, List<Problem> problems) {
    JsonNode value = node.get(field);
    if (value == null) {
      if (required) {
        problems.add(new Problem(path + "." + field, null, "a string (it is missing)"));
      }
    } else if (!value.isTextual()) {
      problems.add(new Problem(path + "." + field, null, "a string"));
    } else if (required && !field.equals("value") && value.asText().isEmpty()) {
      problems.add(new Problem(path + "." + field, null, "a non-empty string"));
    }
  }

  /** The cookie and local-storage values of a (valid) state: what must never be shown. */
  public static List<String> secretValues(String json) {
    List<String> values = new ArrayList<>();
    try {
      JsonNode root = JSON.readTree(json);
      for (JsonNode cookie : root.path("cookies")) {
        values.add(cookie.path("value").asText(null));
      }
      for (JsonNode origin : root.path("origins")) {
        for (JsonNode entry : origin.path("localStorage")) {
          values.add(entry.path("value").asText(null));
        }
      }
    } catch (Exception e) {
      // not a state: nothing in it to blank
    }
    return values;
  }

  private static InvalidDocumentException invalid(String path, String expected) {
    return new InvalidDocumentException(List.of(new Problem(path, null, expected)));
  }
}
