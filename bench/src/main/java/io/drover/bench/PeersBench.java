package io.drover.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drover next to its peers on the same machine in one sequence: each contender runs in a JVM of its
 * own, N no-op items on {@code threads} workers, taking turns (peer, Drover, peer, Drover, ...) so
 * that a change in the machine's load hits all of them alike. Prints each run's items/s, then each
 * contender's range and its ratio to the first contender's. A contender is one row of {@link
 * #contenders}: Drover on PostgreSQL becomes one more. Usage: {@code PeersBench [items] [threads]
 * [runs]}.
 */
public final class PeersBench {
  private static final Pattern EXECUTE = Pattern.compile("^execute\\b.*?([\\d,]+) items/s");

  /** One system under test: the main class that runs it and prints an "execute" line. */
  record Contender(String name, String mainClass, String heap) {}

  private PeersBench() {}

  static List<Contender> contenders() {
    return List.of(
        new Contender(
            "db-scheduler 16.12.0 on PostgreSQL 14", DbSchedulerBench.class.getName(), "512m"),
        new Contender("Drover on SQLite", EchoBench.class.getName(), "96m"));
  }

  public static void main(String[] args) throws Exception {
    String items = args.length > 0 ? args[0] : "100000";
    String threads = args.length > 1 ? args[1] : "64";
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    System.out.printf("machine               %s%n", Machine.describe());
    System.out.printf("each run: %s no-op items, %s workers%n", items, threads);
    Map<Contender, List<Double>> rates = new LinkedHashMap<>();
    for (int run = 1; run <= runs; run++) {
      for (Contender contender : contenders()) {
        double rate = run(contender, items, threads);
        rates.computeIfAbsent(contender, c -> new ArrayList<>()).add(rate);
        System.out.printf(
            "run %d  %-40s %,10.0f items/s  (load average %s)%n",
            run, contender.name(), rate, Machine.loadAverage());
      }
    }
    System.out.println();
    System.out.println("| system | items/s (runs) | vs " + contenders().get(0).name() + " |");
    System.out.println("|---|---|---|");
    List<Double> peer = rates.get(contenders().get(0));
    for (Map.Entry<Contender, List<Double>> entry : rates.entrySet()) {
      List<Double> own = entry.getValue();
      System.out.printf(
          "| %s | %s | %.2f–%.2f× |%n",
          entry.getKey().name(), range(own), min(own) / max(peer), max(own) / min(peer));
    }
  }

  private static double run(Contender contender, String items, String threads) throws Exception {
    List<String> command =
        List.of(
            System.getProperty("java.home") + "/bin/java",
            "-Xmx" + contender.heap(),
            "-cp",
            System.getProperty("java.class.path"),
            contender.mainClass(),
            items,
            threads);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Double rate = null;
    List<String> output = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.add(line);
        Matcher m = EXECUTE.matcher(line);
        if (m.find()) {
          rate = Double.parseDouble(m.group(1).replace(",", ""));
        }
      }
    }
    int exit = process.waitFor();
    if (exit != 0 || rate == null) {
      output.forEach(System.out::println);
      throw new IllegalStateException(
          contender.name() + " exited with " + exit + " without an 'execute ... items/s' line");
    }
    return rate;
  }

  private static String range(List<Double> values) {
    StringBuilder text =
        new StringBuilder(String.format("%,.0f–%,.0f (", min(values), max(values)));
    for (int i = 0; i < values.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(String.format("%,.0f", values.get(i)));
    }
    return text.append(")").toString();
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
