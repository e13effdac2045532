package io.surgewms.bench.spike;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's own timing of the serial scans ({@code surge.scan.latency{source=serial}}: from the scanner's last byte
 * read to the answer), since its last start. Against the drill's PTY → SSE figure it tells the time spent handling the
 * scan from the time spent reaching the service and coming back.
 */
public final class ServiceScans {
    private ServiceScans() {}

    private static final Pattern BUCKET = Pattern.compile("^surge_scan_latency_seconds_bucket\\{(.*)} ([0-9.eE+-]+)$");
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    /** "p50 ≤ x ms, p99 ≤ y ms (n scans)" from the histogram's buckets (upper bounds), or why not. */
    public static String quantiles(URI base) {
        try {
            String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Map<Double, Double> cumulative = new TreeMap<>();
            for (String line : text.split("\n")) {
                Matcher m = BUCKET.matcher(line);
                if (!m.matches() || !m.group(1).contains("source=\"serial\"")) continue;
                Matcher le = LE.matcher(m.group(1));
                if (!le.find() || le.group(1).equals("+Inf")) continue;
                cumulative.merge(Double.parseDouble(le.group(1)), Double.parseDouble(m.group(2)), Double::sum);
            }
            double total = cumulative.isEmpty() ? 0 : cumulative.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
            if (total == 0) return "no serial scans timed";
            return String.format(java.util.Locale.ROOT, "p50 ≤ %.0f ms, p99 ≤ %.0f ms (%d scans)", at(cumulative, total * 0.5) * 1000,
                    at(cumulative, total * 0.99) * 1000, (long) total);
        } catch (Exception e) {
            return "metrics not read: " + e.getMessage();
        }
    }

    private static double at(Map<Double, Double> cumulative, double rank) {
        for (var e : cumulative.entrySet()) if (e.getValue() >= rank) return e.getKey();
        return Double.NaN;
    }
}
