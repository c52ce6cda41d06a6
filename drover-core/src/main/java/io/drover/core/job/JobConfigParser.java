package io.drover.core.job;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Parses and validates a Job document (SPEC.md, "Job configuration"). The payload is streamed: each
 * item is read, validated and handed to the listener on its own, so its size is unbounded. Every
 * problem of the document is reported together in one {@link InvalidDocumentException}.
 */
public final class JobConfigParser {
  static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
  static final List<String> FIELDS =
      List.of("id", "payload", "configuration", "schedule", "sink", "authSession", "auth_session");
  // The JSON library's advice ("consider enabling `JsonReadFeature...` to allow") speaks of its own
  // switches, which the author of a document cannot turn.
  private static final Pattern LIBRARY_HINT =
      Pattern.compile(
          "\\s*\\((?:[^()]|\\([^()]*\\))*(?:Feature|enabl|bound as)(?:[^()]|\\([^()]*\\))*\\)"
              + "|,?\\s*from\\s+`[^`]*`"
              + "|:?\\s*(?:enable|not allowed as per)\\s+`[^`]*`.*$");
  private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("(Unrecognized token) '[^']*'");
  private static final Pattern SOURCE =
      Pattern.compile("\\[Source: [^;]*; line: (\\d+), column: (\\d+)]");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final String SINK_EXPECTED = "an object {\"type\": \"webhook\" | \"s3\", ...}";
  private static final String ID_EXPECTED = "an id of 1 to 64 characters from A-Z a-z 0-9 _ -";

  private final ApiNames apiNames;
  private final boolean payloadRequired;
  private final PayloadItemReader items;
  private final Function<String, Optional<String>> authRefusal;

  /** A parser for the documents of a Project with these APIs; any AuthSession id is accepted. */
  public JobConfigParser(Collection<String> apiNames) {
    this(ApiNames.of(apiNames), true, id -> Optional.empty());
  }

  /**
   * A parser for the documents of a Project with these APIs that reports a problem at {@code
   * $.authSession.id} (as the document spells it) when {@code authRefusal} refuses the id; the
   * refusal is what was expected.
   */
  public JobConfigParser(
      Collection<String> apiNames, Function<String, Optional<String>> authRefusal) {
    this(ApiNames.of(apiNames), true, authRefusal);
  }

  private JobConfigParser(
      ApiNames apiNames, boolean payloadRequired, Function<String, Optional<String>> authRefusal) {
    this.apiNames = apiNames;
    this.payloadRequired = payloadRequired;
    this.items = new PayloadItemReader(apiNames);
    this.authRefusal = authRefusal;
  }

  /** Reads configurations already validated and stored: no payload, any API name. */
  static JobConfigParser forStored() {
    return new JobConfigParser(ApiNames.any(), false, id -> Optional.empty());
  }

  public JobConfig parse(String json, PayloadListener listener) {
    return parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), listener);
  }

  /**
   * The document's configuration; its valid payload items go to the listener meanwhile, until the
   * first problem (after which the caller discards everything anyway).
   *
   * @throws InvalidDocumentException listing every problem found (at most {@value Problems#LIMIT})
   */
  public JobConfig parse(InputStream json, PayloadListener listener) {
    Problems problems = new Problems();
    ObjectNode fields = MAPPER.createObjectNode();
    boolean payloadSeen;
    try (JsonParser parser = MAPPER.createParser(json)) {
      payloadSeen = readDocument(parser, fields, listener, problems);
    } catch (JsonProcessingException e) {
      // Past a syntax error nothing more can be read: checks of missing fields would only mislead.
      problems.add(malformed(e));
      throw problems.exception();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Section document = new Section(fields, "$", problems);
    if (payloadRequired && !payloadSeen) {
      document.required("payload", "an array of payload items");
    }
    JobConfig config = assemble(document);
    problems.throwIfAny();
    return config;
  }

  /**
   * Streams the payload to the listener and keeps the other top-level fields, all small, in fields.
   * Returns whether the document has a payload.
   */
  private boolean readDocument(
      JsonParser parser, ObjectNode fields, PayloadListener listener, Problems problems)
      throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      problems.add(
          "$", shownStart(parser), "a Job document: a JSON object {\"id\", \"payload\", ...}");
      throw problems.exception();
    }
    boolean payloadSeen = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if (name.equals("payload")) {
        payloadSeen = true;
        readPayload(parser, listener, problems);
      } else if (FIELDS.contains(name)) {
        fields.set(name, parser.readValueAsTree());
      } else {
        problems.add(Section.unknownField(Values.field("$", name), FIELDS));
        parser.skipChildren();
      }
    }
    if (parser.nextToken() != null) {
      String expected = "the end of the document after the Job object";
      problems.add("$", null, expected + at(parser.currentTokenLocation()));
    }
    return payloadSeen;
  }

  private void readPayload(JsonParser parser, PayloadListener listener, Problems problems)
      throws IOException {
    String path = "$.payload";
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      JsonNode value = parser.readValueAsTree();
      String expected = "an array of payload items";
      problems.add(
          path, Values.show(value), Values.isAbsent(value) ? expected + " (required)" : expected);
      return;
    }
    long index = 0;
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY && token != null;
        token = parser.nextToken()) {
      JsonNode value = parser.readValueAsTree();
      PayloadItemConfig item = items.read(value, Values.index(path, index), problems);
      if (item != null && problems.isEmpty()) {
        listener.item(index, item);
      }
      index++;
    }
  }

  private JobConfig assemble(Section document) {
    String id = id(document);
    Section configurationSection = document.section("configuration", "an object");
    Configuration configuration =
        configurationSection == null
            ? Configuration.defaults()
            : ConfigurationReader.read(configurationSection);
    Section scheduleSection = document.section("schedule", "an object");
    Section sinkSection = document.section("sink", SINK_EXPECTED);
    String authField = document.spelling("authSession", "auth_session");
    Section authSection =
        document.section(authField, "an object {\"id\", \"checkAttempts\"?, \"createAttempts\"?}");
    return new JobConfig(
        id,
        configuration,
        scheduleSection == null ? null : ScheduleReader.read(scheduleSection),
        sinkSection == null ? null : new SinkReader(apiNames).read(sinkSection),
        authSection == null ? null : AuthSessionReader.read(authSection, authRefusal));
  }

  /**
   * A standalone Run's {@code sink}, read by the same rules as a Job's (problems at {@code
   * $.sink...}).
   *
   * @throws InvalidDocumentException listing every problem found
   */
  public SinkConfig parseSink(JsonNode sink) {
    Problems problems = new Problems();
    Section section = Section.of(sink, "$.sink", SINK_EXPECTED, problems);
    SinkConfig config = section == null ? null : new SinkReader(apiNames).read(section);
    problems.throwIfAny();
    return config;
  }

  SinkConfig parseSink(String json) {
    try {
      return parseSink(MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new InvalidDocumentException(List.of(malformed(e)));
    }
  }

  /** The section's {@code id}, checked against the id rules shared by Jobs and AuthSessions. */
  static String id(Section section) {
    String id = section.requiredText("id", ID_EXPECTED);
    if (id != null && !ID.matcher(id).matches()) {
      section.problem("id", section.get("id"), ID_EXPECTED);
    }
    return id;
  }

  private static String shownStart(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      return "an empty document";
    }
    return token == JsonToken.START_ARRAY ? "[...]" : Values.show(parser.readValueAsTree());
  }

  private static Problem malformed(JsonProcessingException e) {
    String path =
        e.getProcessor() instanceof JsonParser parser ? pathOf(parser.getParsingContext()) : "$";
    String firstLine = e.getOriginalMessage().lines().findFirst().orElse("");
    // A bare token may be a secret the user forgot to quote: say what it is, not what it says.
    String reason = UNRECOGNIZED_TOKEN.matcher(firstLine).replaceAll("$1");
    reason = LIBRARY_HINT.matcher(reason).replaceAll("").trim();
    reason = Values.shorten(SOURCE.matcher(reason).replaceAll("line $1, column $2"), 160);
    return new Problem(path, null, "well-formed JSON (" + reason + at(e.getLocation()) + ")");
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** The JSON path the parser had reached, as precise as its context knows it. */
  private static String pathOf(JsonStreamContext context) {
    Deque<JsonStreamContext> chain = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      chain.push(c);
    }
    String path = "$";
    for (JsonStreamContext c : chain) {
      if (c.inArray() && c.getCurrentIndex() >= 0) {
        path = Values.index(path, c.getCurrentIndex());
      } else if (c.inObject() && c.getCurrentName() != null) {
        path = Values.field(path, c.getCurrentName());
      }
    }
    return path;
  }
}
