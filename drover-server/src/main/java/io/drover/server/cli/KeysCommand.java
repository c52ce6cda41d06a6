package io.drover.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drover keys ...}: API keys (an admin key is needed). */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Make, list and delete API keys.",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Delete.class})
final class KeysCommand {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description =
          "Make an API key for one Project (--project P) or for everything (--admin). It is"
              + " printed alone on stdout, once: the server keeps only its hash.")
  static final class Create extends CliCommand {
    @Option(names = "--admin", description = "an admin key (the whole server, keys included)")
    boolean admin;

    @Option(names = "--name", paramLabel = "TEXT", description = "a label, e.g. who uses it")
    String name;

    @Override
    public Integer call() {
      if (admin == (common.project != null)) {
        throw new CliFailure(
            "give either --project P (a key for one Project) or --admin", java.util.List.of(), 2);
      }
      ObjectNode body = Session.JSON.createObjectNode();
      if (admin) {
        body.put("admin", true);
      } else {
        body.put("project", common.project);
      }
      if (name != null) {
        body.put("name", name);
      }
      JsonNode made =
          client()
              .expect(
                  client()
                      .call(
                          "POST", "/api/v1/keys", body.toString().getBytes(StandardCharsets.UTF_8)),
                  201)
              .json();
      if (common.json) {
        printJson(made);
        return 0;
      }
      session
          .err()
          .println(
              "made API key "
                  + made.get("id").asText()
                  + (admin ? " (admin)" : " for project " + made.get("project").asText())
                  + "; this is the only time it is shown:");
      session.out().println(made.get("key").asText());
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the API keys.")
  static final class ListKeys extends CliCommand {
    @Override
    public Integer call() {
      JsonNode keys = client().get("/api/v1/keys");
      if (common.json) {
        printJson(keys.get("items"));
        return 0;
      }
      Table table = new Table("ID", "SCOPE", "NAME", "CREATED");
      for (JsonNode key : keys.get("items")) {
        table.row(
            key.get("id").asText(),
            key.get("admin").asBoolean() ? "admin" : "project " + key.get("project").asText(),
            text(key.get("name")),
            key.get("createdAt").asText());
      }
      table.print(session.out());
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an API key.")
  static final class Delete extends CliCommand {
    @Parameters(paramLabel = "ID", description = "the key's id (from keys list)")
    String id;

    @Override
    public Integer call() {
      client().expect(client().call("DELETE", "/api/v1/keys/" + encode(id), null), 204);
      session.out().println("API key " + id + " deleted");
      return 0;
    }
  }
}
