package io.drover.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The REST API of one server, with one API key; an error answer becomes a {@link CliFailure}. */
final class Client {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;
  private final String key;

  Client(String baseUrl, String key) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.key = key;
  }

  /** A status and a JSON body (or null when there is none). */
  record Answer(int status, JsonNode json) {}

  JsonNode get(String path) {
    return expect(call("GET", path, null), 200).json();
  }

  Answer call(String method, String path, byte[] body) {
    HttpResponse<byte[]> response =
        send(method, path, body, HttpResponse.BodyHandlers.ofByteArray());
    JsonNode json = null;
    if (response.body().length > 0) {
      try {
        json = Session.JSON.readTree(response.body());
      } catch (IOException e) {
        throw new CliFailure(
            method + " " + path + " answered " + response.statusCode() + " with no JSON body");
      }
    }
    return new Answer(response.statusCode(), json);
  }

  /** The body as a stream (an artifact, an export); an error answer is a CliFailure. */
  InputStream stream(String path) {
    HttpResponse<InputStream> response =
        send("GET", path, null, HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      JsonNode json;
      try (InputStream in = response.body()) {
        json = Session.JSON.readTree(in.readAllBytes());
      } catch (IOException e) {
        json = null;
      }
      throw failure("GET " + path, new Answer(response.statusCode(), json));
    }
    return response.body();
  }

  Answer expect(Answer answer, int... statuses) {
    for (int status : statuses) {
      if (answer.status() == status) {
        return answer;
      }
    }
    throw failure(null, answer);
  }

  /** The server's error, as it said it: message, and each problem of an invalid document. */
  static CliFailure failure(String what, Answer answer) {
    JsonNode error = answer.json() == null ? null : answer.json().get("error");
    if (error == null) {
      return new CliFailure(
          (what == null ? "the server" : what) + " answered HTTP " + answer.status());
    }
    List<String> details = new ArrayList<>();
    for (JsonNode problem : error.path("problems")) {
      details.add(problem.path("path").asText() + ": " + problem.path("message").asText());
    }
    String message = error.path("message").asText();
    if (details.isEmpty() && error.hasNonNull("path")) {
      message = error.get("path").asText() + ": " + message;
    }
    return new CliFailure(message + " (HTTP " + answer.status() + ")", details, 1);
  }

  private <T> HttpResponse<T> send(
      String method, String path, byte[] body, HttpResponse.BodyHandler<T> handler) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    try {
      return http.send(request.build(), handler);
    } catch (ConnectException e) {
      throw new CliFailure(
          "cannot reach a Drover server at "
              + baseUrl
              + " (is it running? set --url or DROVER_URL)");
    } catch (IOException e) {
      throw new CliFailure(method + " " + baseUrl + path + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure("interrupted");
    }
  }

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
