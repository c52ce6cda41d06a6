package io.drover.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.core.store.AttemptRecord;
import io.drover.core.store.JobRunRecord;
import io.drover.core.store.RunCounts;
import io.drover.core.store.RunRecord;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the REST API, in one place. */
final class Views {
  static final ObjectMapper JSON = new ObjectMapper();

  private Views() {}

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static ObjectNode jobRun(JobRunRecord jobRun, RunCounts counts) {
    ObjectNode node = object();
    node.put("id", jobRun.id());
    node.put("project", jobRun.project());
    node.put("jobId", jobRun.jobId());
    node.put("status", jobRun.status().name());
    node.put("trigger", jobRun.trigger().name());
    time(node, "createdAt", jobRun.createdAt());
    time(node, "startedAt", jobRun.startedAt());
    time(node, "endedAt", jobRun.endedAt());
    node.put("reason", jobRun.reason());
    ObjectNode c = node.putObject("counts");
    c.put("pending", counts.pending());
    c.put("running", counts.running());
    c.put("completed", counts.completed());
    c.put("failed", counts.failed());
    c.put("canceled", counts.canceled());
    c.put("total", counts.total());
    ObjectNode limits = node.putObject("configuration");
    limits.put("maximumAttempts", jobRun.maximumAttempts());
    limits.put("maximumConcurrentRequests", jobRun.maximumConcurrentRequests());
    limits.put("requestTimeout", jobRun.requestTimeout());
    return node;
  }

  static ObjectNode run(RunRecord run, List<AttemptRecord> attempts) {
    ObjectNode node = object();
    node.put("id", run.id());
    node.put("project", run.project());
    node.put("jobId", run.jobId());
    node.put("jobRunId", run.jobRunId());
    node.put("apiName", run.apiName());
    node.putRawValue("parameters", raw(run.parametersJson()));
    node.put("status", run.status().name());
    if (run.resultJson() == null) {
      node.putNull("result");
    } else {
      node.putRawValue("result", raw(run.resultJson()));
    }
    node.put("error", run.error());
    node.put("maximumAttempts", run.maximumAttempts());
    node.put("requestTimeout", run.requestTimeout());
    node.put("attemptCount", run.attemptCount());
    node.put("attemptsUsed", run.attemptsUsed());
    time(node, "createdAt", run.createdAt());
    time(node, "startedAt", run.startedAt());
    time(node, "endedAt", run.endedAt());
    if (attempts != null) {
      ArrayNode list = node.putArray("attempts");
      for (AttemptRecord attempt : attempts) {
        ObjectNode a = list.addObject();
        a.put("number", attempt.number());
        a.put("status", attempt.status().name());
        time(a, "startedAt", attempt.startedAt());
        time(a, "endedAt", attempt.endedAt());
        if (attempt.startedAt() != null && attempt.endedAt() != null) {
          a.put(
              "durationMs", attempt.endedAt().toEpochMilli() - attempt.startedAt().toEpochMilli());
        }
        a.put("error", attempt.error());
        a.put("node", attempt.node());
      }
    }
    return node;
  }

  static ObjectNode page(
      List<? extends com.fasterxml.jackson.databind.JsonNode> items, String nextCursor) {
    ObjectNode node = object();
    node.putArray("items").addAll(items);
    node.put("nextCursor", nextCursor);
    return node;
  }

  static void time(ObjectNode node, String field, Instant value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value.toString());
    }
  }

  private static com.fasterxml.jackson.databind.util.RawValue raw(String json) {
    return new com.fasterxml.jackson.databind.util.RawValue(json == null ? "null" : json);
  }
}
