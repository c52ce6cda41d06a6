package io.drover.bench;

import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * A Flight Recorder recording of one phase of a benchmark when {@code -Dbench.jfr=FILE.jfr} is
 * given: the "profile" settings, with lock waits from 1 ms and native samples every 10 ms.
 */
final class FlightRecording {
  private final Recording recording;
  private final Path file;

  private FlightRecording(Recording recording, Path file) {
    this.recording = recording;
    this.file = file;
  }

  static FlightRecording startIfAsked(int items) throws Exception {
    String base = System.getProperty("bench.jfr");
    if (base == null) {
      return new FlightRecording(null, null);
    }
    Recording recording = new Recording(Configuration.getConfiguration("profile"));
    recording.enable("jdk.ThreadPark").withThreshold(Duration.ofMillis(1)).withStackTrace();
    recording.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ofMillis(1)).withStackTrace();
    recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(10));
    recording.start();
    return new FlightRecording(recording, Path.of(base.replace(".jfr", "-" + items + ".jfr")));
  }

  void stop() throws Exception {
    if (recording != null) {
      recording.stop();
      recording.dump(file);
      recording.close();
      System.out.println("flight recording    " + file);
    }
  }
}
