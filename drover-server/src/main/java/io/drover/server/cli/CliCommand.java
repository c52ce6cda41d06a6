package io.drover.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command that talks to a server: the common options and the session, set by {@link Cli}. */
abstract class CliCommand implements Callable<Integer> {
  @Mixin Common common;

  Session session;

  Client client() {
    return common.client(session);
  }

  String projectPath() {
    return common.projectPath(session);
  }

  void printJson(JsonNode json) {
    try {
      session.out().println(Session.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String text(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? "-" : node.asText();
  }

  static String encode(String segment) {
    return Client.encode(segment);
  }
}
