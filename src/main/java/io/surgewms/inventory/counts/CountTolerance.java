package io.surgewms.inventory.counts;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How far a count may differ from the system before a supervisor must look: a variance is within
 * tolerance when it is at most {@code surge.counts.tolerance-units} units, or at most
 * {@code surge.counts.tolerance-percent} percent of the expected quantity.
 */
@ApplicationScoped
public class CountTolerance {

    @ConfigProperty(name = "surge.counts.tolerance-units", defaultValue = "0") int units;
    @ConfigProperty(name = "surge.counts.tolerance-percent", defaultValue = "0") double percent;

    public boolean within(int expected, int variance) {
        int v = Math.abs(variance);
        return v <= units || (expected > 0 && v * 100.0 <= percent * expected);
    }
}
