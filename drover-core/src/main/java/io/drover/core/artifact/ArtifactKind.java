package io.drover.core.artifact;

/** The files an attempt can leave behind, with the name each is stored under and its media type. */
public enum ArtifactKind {
  LOGS("logs.jsonl", "application/x-ndjson", "log lines"),
  TRACE("trace.zip", "application/zip", "Playwright trace"),
  VIDEO("video.webm", "video/webm", "video recording"),
  SCREENSHOT("screenshot.png", "image/png", "screenshot");

  private final String fileName;
  private final String mediaType;
  private final String title;

  ArtifactKind(String fileName, String mediaType, String title) {
    this.fileName = fileName;
    this.mediaType = mediaType;
    this.title = title;
  }

  public String fileName() {
    return fileName;
  }

  public String mediaType() {
    return mediaType;
  }

  /** How a user calls it, e.g. in "run r has no video recording for attempt 2". */
  public String title() {
    return title;
  }
}
