package io.drover.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before any route sees the request (a URI or header too long, a bad
 * percent-escape in the path, a malformed request line), in the one JSON error shape rather than
 * Jetty's HTML or an empty body.
 */
final class JettyErrors extends ErrorHandler {
  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body(code, message)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
    return ByteBuffer.wrap(body(status, reason));
  }

  static byte[] body(int status, String reason) {
    String code =
        switch (status) {
          case 400 -> "bad_request";
          case 404 -> "not_found";
          case 405 -> "method_not_allowed";
          case 413 -> "too_large";
          case 414 -> "uri_too_long";
          case 431 -> "headers_too_large";
          case 505 -> "http_version_not_supported";
          default -> status >= 500 ? "internal" : "http_" + status;
        };
    String message =
        switch (status) {
          case 414 -> "the request's URI is too long (at most 8 KiB with its query)";
          case 431 -> "the request's headers are too large (at most 8 KiB in all)";
          case 400 ->
              "the request is malformed"
                  + (reason == null || reason.isBlank() ? "" : ": " + reason)
                  + " (a path needs valid percent-escapes, %XX, of UTF-8 and no %00 or %2F)";
          default -> {
            String text = HttpStatus.getMessage(status);
            yield reason == null || reason.isBlank() ? text : text + ": " + reason;
          }
        };
    var body = Views.object();
    var error = body.putObject("error");
    error.put("code", code);
    error.put("message", message);
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }
}
