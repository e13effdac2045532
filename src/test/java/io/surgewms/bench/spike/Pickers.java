package io.surgewms.bench.spike;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Handheld sessions through the API: pickers (claim → bin → item, quantity keyed → tote, via /api/scans), replenishers
 * (from-bin → item → pick face) and a wave releaser. Every call retries while the service is down, so a session carries
 * on where it was after the restart. Bulk (singles) picks go to the singles stations' queue unit by unit; cluster
 * totes go to the standard stations' queue.
 */
public final class Pickers {
    final Api api;
    final Map<String, String> gtins;
    final BlockingQueue<String> singles, totes;
    final int thinkMs;
    public final AtomicInteger tasksDone = new AtomicInteger(), scans = new AtomicInteger(), rejected = new AtomicInteger(),
            replenished = new AtomicInteger(), waves = new AtomicInteger(), handovers = new AtomicInteger();
    /** A handheld's scan, call to answer (the calls made while the service was down are not in it). */
    public final Latencies scanLatency = new Latencies();
    public volatile boolean stop;

    public Pickers(Api api, Map<String, String> gtins, BlockingQueue<String> singles, BlockingQueue<String> totes, int thinkMs) {
        this.api = api;
        this.gtins = gtins;
        this.singles = singles;
        this.totes = totes;
        this.thinkMs = thinkMs;
    }

    public Thread picker(String name) {
        return daemon("picker-" + name, () -> {
            while (!stop) {
                Api.Res claim = api.retry("POST", "/api/picking/claim", Map.of("picker", name, "zone", "A"));
                if (claim == null) return;
                if (claim.status() != 200) { Thread.sleep(1000); continue; }
                pick(name, claim.body().path("id").asLong(), claim.body().path("kind").asText());
            }
        });
    }

    /** Like the handheld page, the task is read once; each scan's answer carries the task as it stands after the scan. */
    private void pick(String picker, long task, String kind) throws InterruptedException {
        int strikes = 0;
        JsonNode t = null;
        while (!stop) {
            if (t == null) {
                Api.Res r = api.retry("GET", "/api/picking/tasks/" + task, null);
                if (r == null) return;
                if (!r.ok()) break;
                t = r.body();
            }
            String expect = t.path("expect").asText();
            if (expect.equals("DONE") || t.path("status").asText().equals("CANCELLED")) break;
            if (!picker.equals(t.path("picker").asText())) return; // taken back while we were away
            JsonNode stop = t.path("next");
            String code = switch (expect) {
                case "LOCATION" -> stop.path("location").asText();
                case "ITEM" -> stop.path("picked").asInt() == 0 ? gtins.get(stop.path("sku").asText()) : String.valueOf(stop.path("quantity").asInt());
                default -> stop.path("tote").asText();
            };
            if (thinkMs > 0) Thread.sleep(thinkMs);
            Api.Res a = api.retry("POST", "/api/scans", Map.of("picker", picker, "taskId", task, "code", code), scanLatency);
            if (a == null) return;
            scans.incrementAndGet();
            t = a.body().path("task").isObject() ? a.body().path("task") : null;
            if (!"ACCEPTED".equals(a.text("result"))) {
                rejected.incrementAndGet();
                if (++strikes > 5) { api.retry("POST", "/api/picking/tasks/" + task + "/release", null); return; }
            }
        }
        tasksDone.incrementAndGet();
        handOn(task, kind);
    }

    /**
     * What the picker carries to packing is what the task's stops say was picked, not what the answers said: an answer lost
     * to the kill (scan committed, reply never read) must not leave units in a tote that no packer ever sees.
     */
    private void handOn(long task, String kind) throws InterruptedException {
        Api.Res r = api.retry("GET", "/api/picking/tasks/" + task, null);
        if (r == null || !r.ok()) return;
        Set<String> taskTotes = new LinkedHashSet<>();
        for (JsonNode s : r.body().path("stops")) {
            int picked = s.path("picked").asInt();
            if (picked == 0) continue;
            if (kind.equals("BULK")) for (int i = 0; i < picked; i++) singles.add(gtins.get(s.path("sku").asText()));
            else if (!s.path("tote").isMissingNode() && !s.path("tote").isNull()) taskTotes.add(s.path("tote").asText());
        }
        totes.addAll(taskTotes);
    }

    public Thread replenisher(String name) {
        return daemon("replenisher-" + name, () -> {
            while (!stop) {
                Api.Res claim = api.retry("POST", "/api/replenishment/claim", Map.of("picker", name, "zone", "A"));
                if (claim == null) return;
                if (claim.status() != 200) { Thread.sleep(2000); continue; }
                long id = claim.body().path("id").asLong();
                for (int strikes = 0; !stop && strikes < 6; ) {
                    Api.Res r = api.retry("GET", "/api/replenishment/tasks/" + id, null);
                    if (r == null || !r.ok()) break;
                    JsonNode t = r.body();
                    String expect = t.path("expect").asText();
                    if (expect.equals("DONE") || t.path("status").asText().matches("DONE|CANCELLED")) { replenished.incrementAndGet(); break; }
                    String code = switch (expect) {
                        case "FROM" -> t.path("from").asText();
                        case "ITEM" -> t.path("picked").asInt() == 0 ? gtins.get(t.path("sku").asText()) : String.valueOf(t.path("quantity").asInt());
                        default -> t.path("to").asText();
                    };
                    if (thinkMs > 0) Thread.sleep(thinkMs);
                    Api.Res a = api.retry("POST", "/api/replenishment/tasks/" + id + "/scan", Map.of("picker", name, "code", code));
                    if (a == null) return;
                    if (!"ACCEPTED".equals(a.text("result"))) strikes++;
                }
            }
        });
    }

    /** Plans and releases a wave every few seconds (auto-release is on too; this is the supervisor's button). */
    public Thread releaser(int everyMs) {
        return daemon("wave-releaser", () -> {
            while (!stop) {
                Api.Res r = api.retry("POST", "/api/waves", Map.of("release", true));
                if (r != null && r.status() == 201) waves.incrementAndGet();
                Thread.sleep(everyMs);
            }
        });
    }

    /** The dock: hands the packed parcels to the trucks (books the units out, which frees the totes for the next waves). */
    public Thread dock(int everyMs) {
        return daemon("dock", () -> {
            while (!stop) {
                Thread.sleep(everyMs);
                String pickup = java.time.Instant.now().plus(java.time.Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
                for (String carrier : new String[]{"UPS", "USPS"}) {
                    Api.Res r = api.retry("POST", "/api/shipping/handover/" + carrier + "?pickup=" + pickup, null);
                    if (r != null && r.ok()) handovers.incrementAndGet();
                }
            }
        });
    }

    interface Body { void run() throws Exception; }

    static Thread daemon(String name, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.err.println(name + " stopped: " + e);
            }
        }, name);
        t.setDaemon(true);
        return t;
    }
}
