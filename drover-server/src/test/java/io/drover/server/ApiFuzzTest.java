package io.drover.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property-style fuzzing of the REST API's edges (issue 13): seeded mutations of a valid Job
 * document (dropped, duplicated and renamed keys, wrong types, huge, negative, fractional and
 * exponent numbers, lone surrogates, deep nesting, truncation, random bytes) and of the query
 * strings of every list endpoint, through the real server. Whatever is sent: no 5xx, every 4xx is
 * the one JSON error shape, every answer is one openapi.json describes, and nothing a rejected or
 * dry-run request carried is saved (the Jobs and their JobRuns stay what they were). The seed is
 * printed; {@code -Ddrover.fuzz.seed=N} replays one, {@code -Ddrover.fuzz.cases=N} sets the number
 * of documents and of query strings (1,200 each by default).
 */
class ApiFuzzTest {
  private static final String P = "/api/v1/projects/demo";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Map<String, String> JSON_BODY = Map.of("Content-Type", "application/json");
  private static final String DEEP = "@@deep@@";
  private static final List<String> PARAMETERS =
      List.of("cursor", "limit", "status", "apiName", "count", "from", "dryRun");

  @TempDir Path dataDir;
  private Random random;
  private TestServer server;
  private int requests;

  @Test
  void noMutatedDocumentOrQueryGetsA5xxAnotherErrorShapeOrSavesAnything() {
    long seed = Long.getLong("drover.fuzz.seed", System.nanoTime());
    int cases = Integer.getInteger("drover.fuzz.cases", 1_200);
    System.out.println("ApiFuzzTest seed " + seed + " (-Ddrover.fuzz.seed=" + seed + ")");
    random = new Random(seed);
    try (TestServer started = new TestServer(dataDir)) {
      server = started;
      for (String id : List.of("a", "b")) {
        server.createJob(base(id));
      }
      String jobRunId = server.trigger("a");
      server.awaitEnded(jobRunId);
      String saved = savedState();
      List<String> lists =
          List.of(
              P + "/jobs",
              P + "/jobs/a/job-runs",
              P + "/jobs/b/job-runs",
              P + "/job-runs/" + jobRunId + "/runs",
              P + "/job-runs/" + jobRunId + "/deliveries",
              P + "/jobs/a/schedule",
              "/api/v1/keys");

      for (int i = 0; i < cases; i++) {
        String context = "seed " + seed + ", document " + i;
        byte[] document = mutatedDocument();
        boolean dryRun = random.nextInt(3) > 0;
        TestServer.Exchange answer =
            send("POST", P + "/jobs" + (dryRun ? "?dryRun=true" : ""), document, context);
        if (answer.status() == 201) {
          // A mutation that left a valid document: saved as asked, and taken away again.
          assertThat(dryRun).as(context + ": a dry run saved " + answer.body()).isFalse();
          String id = answer.json().get("id").asText();
          assertThat(server.delete(P + "/jobs/" + enc(id)).status()).isEqualTo(204);
        }
        if (random.nextInt(4) == 0) {
          send("POST", "/api/v1/schedules/preview", mutatedPreview(), context + " (preview)");
        }
        if (i % 200 == 199) {
          assertThat(savedState()).as(context).isEqualTo(saved);
        }
      }
      for (int i = 0; i < cases; i++) {
        String path = lists.get(random.nextInt(lists.size())) + mutatedQuery();
        send("GET", path, null, "seed " + seed + ", query " + i);
      }
      assertThat(savedState()).as("seed " + seed).isEqualTo(saved);
      System.out.println("ApiFuzzTest: " + requests + " requests, seed " + seed);
      assertThat(requests).isGreaterThanOrEqualTo(2 * cases);
    }
  }

  private TestServer.Exchange send(String method, String path, byte[] body, String context) {
    TestServer.Exchange answer = server.exchange(method, path, body, JSON_BODY);
    requests++;
    String shown = context + ": " + method + " " + path + " -> " + answer.body();
    assertThat(answer.status()).as(shown).isLessThan(500);
    if (answer.status() >= 400) {
      assertThat(answer.json().fieldNames()).toIterable().as(shown).containsExactly("error");
      JsonNode error = answer.json().get("error");
      assertThat(error.path("code").isTextual()).as(shown).isTrue();
      assertThat(error.path("message").isTextual()).as(shown).isTrue();
      assertThat(error.path("message").asText())
          .as(shown)
          // (a mutated key or value may itself hold a backtick: only the library's words count)
          .doesNotContain(
              "JsonReadFeature", "Constraints", "consider enabling", "Jackson", "fasterxml");
      assertThat(!error.has("path") || error.get("path").isTextual()).as(shown).isTrue();
    }
    return answer;
  }

  /** The Jobs (ids, versions, times) and each one's JobRuns, as the API shows them. */
  private String savedState() {
    StringBuilder state = new StringBuilder();
    for (JsonNode job : server.get(P + "/jobs?limit=1000").json().get("items")) {
      String id = job.get("id").asText();
      state.append(id).append(' ').append(job.get("version")).append(' ');
      state.append(job.get("updatedAt")).append('\n');
      for (JsonNode jobRun :
          server.get(P + "/jobs/" + id + "/job-runs?limit=1000").json().get("items")) {
        state.append("  ").append(jobRun.get("id").asText()).append('\n');
      }
    }
    return state.toString();
  }

  private static String base(String id) {
    return Docs.job(id, Docs.config(2, 2, 60), Docs.echoes(3, "\"sleepMs\":0"));
  }

  // ---- Documents ---------------------------------------------------------------------------

  private byte[] mutatedDocument() {
    JsonNode tree = TestServer.JSON.valueToTree(parse(base("fz" + random.nextInt(1000))));
    int changes = 1 + random.nextInt(3);
    for (int i = 0; i < changes; i++) {
      mutateTree(tree);
    }
    String text = deepened(tree.toString());
    return switch (random.nextInt(10)) {
      case 0 -> truncated(text);
      case 1 -> randomBytes(text);
      case 2 -> duplicateKey(text);
      case 3 -> text.replace("\"item\":1", "\"item\":\"\\ud800\"").getBytes(StandardCharsets.UTF_8);
      default -> text.getBytes(StandardCharsets.UTF_8);
    };
  }

  private byte[] mutatedPreview() {
    ObjectNode preview = NODES.objectNode();
    preview.set("schedule", NODES.objectNode().put("cron", "*/5 * * * *"));
    preview.put("count", 5);
    mutateTree(preview);
    String text = deepened(preview.toString());
    return random.nextBoolean() ? text.getBytes(StandardCharsets.UTF_8) : duplicateKey(text);
  }

  private static JsonNode parse(String json) {
    try {
      return TestServer.JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** One change at a random place of the tree. */
  private void mutateTree(JsonNode root) {
    JsonNode node = root;
    int depth = random.nextInt(5);
    for (int i = 0; i < depth; i++) {
      List<JsonNode> children = containers(node);
      if (children.isEmpty()) {
        break;
      }
      node = children.get(random.nextInt(children.size()));
    }
    if (node instanceof ObjectNode object) {
      List<String> keys = new ArrayList<>();
      object.fieldNames().forEachRemaining(keys::add);
      String key = keys.isEmpty() ? "x" : keys.get(random.nextInt(keys.size()));
      switch (random.nextInt(4)) {
        case 0 -> object.remove(key);
        case 1 -> {
          JsonNode value = object.remove(key);
          object.set(renamed(key), value == null ? NODES.nullNode() : value);
        }
        case 2 -> object.set(random.nextBoolean() ? key : renamed(key), value());
        default -> object.set(key, value());
      }
    } else if (node instanceof ArrayNode array) {
      int size = array.size();
      switch (random.nextInt(3)) {
        case 0 -> {
          if (size > 0) {
            array.remove(random.nextInt(size));
          }
        }
        case 1 -> {
          if (size > 0) {
            array.add(array.get(random.nextInt(size)).deepCopy());
          }
        }
        default -> array.insert(random.nextInt(size + 1), value());
      }
    }
  }

  private static List<JsonNode> containers(JsonNode node) {
    List<JsonNode> children = new ArrayList<>();
    for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
      JsonNode child = it.next();
      if (child.isContainerNode()) {
        children.add(child);
      }
    }
    return children;
  }

  private String renamed(String key) {
    return switch (random.nextInt(6)) {
      case 0 -> key.toUpperCase();
      case 1 -> key + " ";
      case 2 -> "";
      case 3 -> "\u00e9" + key;
      case 4 -> key + random.nextInt(10);
      default -> "unknown";
    };
  }

  private JsonNode value() {
    return switch (random.nextInt(16)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.textNode("text");
      case 3 -> NODES.textNode("x".repeat(random.nextInt(20_000)));
      case 4 -> NODES.arrayNode();
      case 5 -> NODES.objectNode();
      case 6 -> NODES.numberNode(new java.math.BigInteger("18446744073709551617"));
      case 7 -> NODES.numberNode(-1 - random.nextInt(1000));
      case 8 -> NODES.numberNode(random.nextInt(100) + 0.5);
      case 9 -> NODES.numberNode(new java.math.BigDecimal("1e99999"));
      case 10 -> NODES.numberNode(new java.math.BigDecimal("1e-99999"));
      case 11 -> NODES.numberNode(2_147_483_648L);
      case 12 -> NODES.numberNode(new java.math.BigDecimal("-9223372036854775809"));
      case 13 -> NODES.textNode(DEEP); // arrays nested 0..3,000 deep, put in as text
      case 14 -> NODES.numberNode(0);
      default -> NODES.textNode("\u0000\u202e\uffff");
    };
  }

  /** The text with each deep-nesting placeholder replaced by arrays nested up to 3,000 deep. */
  private String deepened(String text) {
    while (text.contains("\"" + DEEP + "\"")) {
      int depth = random.nextInt(3_000);
      text = text.replaceFirst("\"" + DEEP + "\"", "[".repeat(depth) + "]".repeat(depth));
    }
    return text;
  }

  private byte[] truncated(String text) {
    return text.substring(0, random.nextInt(text.length())).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] randomBytes(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int changes = 1 + random.nextInt(8);
    for (int i = 0; i < changes; i++) {
      bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  private byte[] duplicateKey(String text) {
    int brace = text.indexOf('{', random.nextInt(Math.max(1, text.length() / 2)));
    if (brace < 0) {
      brace = 0;
    }
    String key =
        List.of("id", "apiName", "payload", "count", "configuration").get(random.nextInt(5));
    String withDuplicate =
        text.substring(0, brace + 1)
            + "\""
            + key
            + "\":1,\""
            + key
            + "\":2,"
            + text.substring(brace + 1);
    return withDuplicate.getBytes(StandardCharsets.UTF_8);
  }

  // ---- Query strings -----------------------------------------------------------------------

  private String mutatedQuery() {
    int count = random.nextInt(4);
    if (count == 0) {
      return random.nextBoolean() ? "" : "?";
    }
    StringBuilder query = new StringBuilder("?");
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        query.append('&');
      }
      String name = PARAMETERS.get(random.nextInt(PARAMETERS.size()));
      query.append(random.nextInt(8) == 0 ? name.toUpperCase() : name);
      if (random.nextInt(10) > 0) {
        query.append('=').append(enc(parameterValue()));
      }
    }
    return query.toString();
  }

  private String parameterValue() {
    return switch (random.nextInt(18)) {
      case 0 -> "";
      case 1 -> "garbage";
      case 2 -> "-1";
      case 3 -> "0";
      case 4 -> String.valueOf(1 + random.nextInt(2_000));
      case 5 -> "99999999999999999999999";
      case 6 -> "1.5";
      case 7 -> "1e3";
      case 8 -> "true";
      case 9 -> "TRUE";
      case 10 -> "COMPLETED";
      case 11 -> "echo";
      case 12 -> "2026-01-01T00:00:00Z";
      case 13 -> "\u00e9\u202e\ud83d\ude00";
      case 14 -> "x".repeat(random.nextInt(3_000));
      case 15 -> "%00";
      case 16 -> base64ish();
      default -> " 1";
    };
  }

  private String base64ish() {
    byte[] bytes = new byte[random.nextInt(40)];
    random.nextBytes(bytes);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
