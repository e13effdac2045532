package io.surgewms.board;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One picture of the floor, as the board shows it. Rates are per hour, measured over the last
 * 15 minutes (see {@link Forecast.Rates} for what happens when the floor has been quiet).
 */
public record BoardView(Instant at, String shop, boolean autoRelease, Forecast.Rates rates, Backlog backlog,
                        List<Wave> waves, AtRisk atRisk, List<Picker> pickers, List<Station> stations,
                        Exceptions exceptions, List<Device> devices, List<Sku> skus) {

    /** Open orders by status and by the hour they must ship by (with how many of them are at risk). */
    public record Backlog(Map<String, Integer> byStatus, int orders, int unitsToPick, List<Hour> byShipByHour) {}

    public record Hour(Instant hour, int orders, int units, int atRisk) {}

    /** Progress of a wave; {@code eta} assumes the floor works the waves in the order listed. */
    public record Wave(long id, String status, int priority, int orders, int units, int picked, int shorted,
                       int tasks, int tasksOpen, int tasksActive, int tasksDone, Instant earliestDeadline,
                       Instant releasedAt, Instant lastProgress, Instant eta, boolean stuck) {}

    public record AtRisk(int count, int late, List<Order> orders) {}

    /** An order that will not make its deadline at the current rates, and why (LATE, PICK_RATE, PACK_RATE, BACKORDERED). */
    public record Order(long id, String externalId, String shop, String status, Instant shipBy, Instant deadline,
                        Instant eta, int units, String risk) {}

    public record Picker(String picker, Long taskId, Long waveId, String taskStatus, int unitsLast15m,
                         int picksPerHour, int rejectedLast15m, Instant lastScan, long idleSeconds, boolean idle) {}

    /** A pack station's pace; its last parcel ({@code lastShipmentId}, {@code lastTracking}) is the one a reprint most often wants. */
    public record Station(String code, String kind, String packer, Long orderId, String orderRef, int parcelsLast15m,
                          int parcelsPerHour, int parcelsLastHour, Instant lastParcel, Long lastShipmentId, String lastTracking) {}

    /** A parcel found by its shipment id, tracking number or SSCC: what the board needs to reprint its label. */
    public record Parcel(long shipmentId, long orderId, String orderRef, String shop, String station, String tracking,
                         String sscc, String status, Instant packedAt) {}

    public record Exceptions(int shortPicksLastHour, List<ShortPick> shortPicks, int rejectedScansLast15m,
                             int orderExceptions, List<OrderException> orders, int tooBigForAWave, int printJobsFailing,
                             int carrierLabelsWaiting, int heldByChannels, int recoveredLastHour) {}

    public record ShortPick(Instant at, String picker, Long taskId, String location, String sku, String message) {}

    public record OrderException(long id, String externalId, String exception) {}

    /** A floor device and its last known state; {@code jobsWaiting} for printers. */
    public record Device(String name, String kind, String connection, String station, String picker, String state,
                         Instant lastSeen, String lastError, Map<String, Object> detail, int jobsWaiting) {}

    /**
     * The SKUs ordered fastest right now: units per hour over the last 15 minutes against their
     * baseline (the 7 days before), and when the sellable stock runs out at that rate.
     */
    public record Sku(long productId, String sku, String name, String shop, int unitsLast15m, double unitsPerHour,
                      double baselinePerHour, Double ratio, int available, Instant stockOutEta, boolean viral) {}
}
