package io.surgewms.devices.registry;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Device profiles as files: one {@code .properties} file per device in a site's {@code devices/} folder
 * (format in devices/README.md). Keys the registry knows fill the profile; every other key is a protocol
 * option. A file that cannot be read or is invalid is reported by name and the others still load.
 */
public final class DeviceFiles {
    private DeviceFiles() {}

    private static final Set<String> FIELDS = Set.of("name", "kind", "connection", "port", "baud", "dataBits", "parity",
            "stopBits", "flowControl", "host", "tcpPort", "station", "picker", "enabled");

    public record Loaded(List<DeviceProfile> profiles, List<String> errors) {}

    public static Loaded load(Path directory) {
        List<DeviceProfile> profiles = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            errors.add(directory + " is not a directory");
            return new Loaded(profiles, errors);
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".properties")).sorted().toList()) {
                try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    Properties p = new Properties();
                    p.load(r);
                    DeviceProfile profile = parse(p, f.getFileName().toString().replaceFirst("\\.properties$", ""));
                    var problems = profile.problems();
                    if (problems.isEmpty()) profiles.add(profile);
                    else errors.add(f.getFileName() + ": " + problems.stream().map(e -> e.field() + " " + e.reason()).toList());
                } catch (IOException | RuntimeException e) {
                    errors.add(f.getFileName() + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            errors.add(directory + ": " + e.getMessage());
        }
        return new Loaded(profiles, errors);
    }

    /** The file name (upper-cased) is the device name unless the file says {@code name=}. */
    static DeviceProfile parse(Properties p, String fileName) {
        Map<String, String> options = new HashMap<>();
        for (String key : p.stringPropertyNames())
            if (!FIELDS.contains(key)) options.put(key, p.getProperty(key).strip()); // strip, not trim: a prefix may be a control byte (STX)
        return new DeviceProfile(p.getProperty("name", fileName.toUpperCase(Locale.ROOT)), p.getProperty("kind"),
                p.getProperty("connection"), p.getProperty("port"), integer(p, "baud"), integer(p, "dataBits"),
                p.getProperty("parity"), p.getProperty("stopBits"), p.getProperty("flowControl"), p.getProperty("host"),
                integer(p, "tcpPort"), options, p.getProperty("station"), p.getProperty("picker"),
                p.getProperty("enabled") == null ? null : Boolean.parseBoolean(p.getProperty("enabled").trim()));
    }

    private static Integer integer(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) return null;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + v + " is not a whole number");
        }
    }
}
