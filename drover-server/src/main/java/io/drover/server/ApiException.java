package io.drover.server;

/** An error a client caused or must know about, with its HTTP status and error code. */
public class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final String path;

  public ApiException(int status, String code, String message, String path) {
    super(message);
    this.status = status;
    this.code = code;
    this.path = path;
  }

  public static ApiException badRequest(String path, String message) {
    return new ApiException(400, "bad_request", message, path);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String path() {
    return path;
  }
}
