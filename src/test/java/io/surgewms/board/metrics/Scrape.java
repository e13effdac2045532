package io.surgewms.board.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * One scrape of /q/metrics, parsed from the Prometheus text format: each sample a name, its labels and
 * its value. Lookups match the name exactly and the labels given (others on the sample are allowed).
 */
final class Scrape {

    record Sample(String name, Map<String, String> labels, double value) {}

    final List<Sample> samples;

    private Scrape(List<Sample> samples) {
        this.samples = samples;
    }

    static Scrape now() {
        String text = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        return parse(text);
    }

    static Scrape parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            out.add(sample(line.strip()));
        }
        return new Scrape(out);
    }

    /** {@code name{k="v",...} value [timestamp]}; label values may hold escaped \\ \" \n and any of , } = and spaces. */
    static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') i++;
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String key = line.substring(i, eq).strip();
                if (line.charAt(eq + 1) != '"') throw new IllegalArgumentException("label value not quoted: " + line);
                StringBuilder v = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char ch = line.charAt(j);
                    if (ch == '\\') {
                        char next = line.charAt(++j);
                        v.append(next == 'n' ? '\n' : next);
                    } else v.append(ch);
                }
                labels.put(key, v.toString());
                i = j + 1;
                if (line.charAt(i) == ',') i++;
            }
            i++;
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        return new Sample(name, labels, parseValue(rest[0]));
    }

    private static double parseValue(String v) {
        return switch (v) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(v);
        };
    }

    List<Sample> find(String name, String... labelPairs) {
        Map<String, String> want = new LinkedHashMap<>();
        for (int k = 0; k < labelPairs.length; k += 2) want.put(labelPairs[k], labelPairs[k + 1]);
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(want.entrySet())).toList();
    }

    /** The one sample with this name and these labels; fails when there is none or several. */
    double value(String name, String... labelPairs) {
        List<Sample> found = find(name, labelPairs);
        if (found.size() != 1)
            throw new AssertionError(found.size() + " samples of " + name + " " + List.of(labelPairs) + ": " + found);
        return found.get(0).value();
    }

    /** Like {@link #value} but 0 when the series is absent (a gauge row not there yet). */
    double valueOrZero(String name, String... labelPairs) {
        List<Sample> found = find(name, labelPairs);
        return found.isEmpty() ? 0 : value(name, labelPairs);
    }

    boolean has(String name, String... labelPairs) {
        return !find(name, labelPairs).isEmpty();
    }
}
