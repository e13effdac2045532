package io.surgewms.devices.serial;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One owner per serial port. As root a second open of the same tty succeeds and two readers then
 * steal each other's bytes, so the service has to refuse it itself. A port is known by the path it
 * was claimed with and by its real device (so two symlinks to one pty are the same port, and a
 * by-id link still matches after the device behind it was replugged under a new name).
 */
public final class PortOwners {

    private static final PortOwners SHARED = new PortOwners();

    private record Claim(Set<String> keys, String owner) {}

    private final List<Claim> claims = new ArrayList<>();

    /** The process-wide registry; tests may use their own instance. */
    public static PortOwners shared() {
        return SHARED;
    }

    /** Thrown when a port already has another owner. */
    public static final class PortBusyException extends IllegalStateException {
        public PortBusyException(String message) { super(message); }
    }

    /** Takes the port for {@code owner}; claiming again by the same owner is a no-op. */
    public synchronized void claim(String path, String owner) {
        if (owner == null || owner.isBlank()) throw new IllegalArgumentException("owner is required");
        Set<String> keys = keys(path);
        Optional<Claim> held = find(keys);
        if (held.isPresent()) {
            if (held.get().owner.equals(owner)) { held.get().keys.addAll(keys); return; }
            throw new PortBusyException("serial port " + path + " is already in use by " + held.get().owner
                    + "; one device owner per port");
        }
        claims.add(new Claim(keys, owner));
    }

    /** Gives the port back; a release by someone who does not own it changes nothing. */
    public synchronized void release(String path, String owner) {
        Set<String> keys = keys(path);
        claims.removeIf(c -> c.owner.equals(owner) && c.keys.stream().anyMatch(keys::contains));
    }

    /** Who holds the port, if anyone. */
    public synchronized Optional<String> owner(String path) {
        return find(keys(path)).map(Claim::owner);
    }

    private Optional<Claim> find(Set<String> keys) {
        return claims.stream().filter(c -> c.keys.stream().anyMatch(keys::contains)).findFirst();
    }

    /** The absolute path as given and, when the file exists, its real device path. */
    static Set<String> keys(String path) {
        if (path == null || path.isBlank()) throw new IllegalArgumentException("port path is required");
        Set<String> keys = new LinkedHashSet<>();
        Path p = Path.of(path).toAbsolutePath().normalize();
        keys.add(p.toString());
        try {
            keys.add(p.toRealPath().toString());
        } catch (IOException missing) {
            // Not plugged in right now: the given path is all we know.
        }
        return keys;
    }
}
