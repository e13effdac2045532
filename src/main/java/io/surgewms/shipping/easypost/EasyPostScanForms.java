package io.surgewms.shipping.easypost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.surgewms.shipping.spi.BoughtLabel;
import io.surgewms.shipping.spi.CarrierCredentials;
import io.surgewms.shipping.spi.CarrierException;
import io.surgewms.shipping.spi.DayClose;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The end of an EasyPost day: the day's bought shipments go into one batch, the batch gets a scan form, the
 * form's PDF is what the driver scans. Both steps are asynchronous at EasyPost (state {@code creating}), so
 * each is polled ({@code pollIntervalMs}, {@code pollAttempts}). A shipment the batch will not take (refunded,
 * already on a form: {@code batch_status} ending in {@code _failed}) is removed from the batch before the form
 * is asked for, and reported in {@link DayClose#leftOut()} with EasyPost's {@code batch_message}.
 *
 * <p>EasyPost's rules for a form (same origin address and carrier account for every shipment) are the
 * caller's: it closes the day per carrier account and warehouse.
 */
final class EasyPostScanForms {

    private final EasyPostClient client;
    private final long pollIntervalMs;
    private final int pollAttempts;

    EasyPostScanForms(EasyPostClient client, CarrierCredentials account) {
        this.client = client;
        this.pollIntervalMs = number(account.option("pollIntervalMs", "1000"), 1000);
        this.pollAttempts = (int) number(account.option("pollAttempts", "30"), 30);
    }

    DayClose close(List<BoughtLabel> labels) throws CarrierException {
        Set<String> wanted = new LinkedHashSet<>();
        for (BoughtLabel l : labels) wanted.add(l.providerRef());
        ObjectNode body = EasyPostProvider.JSON.createObjectNode();
        shipments(body.putObject("batch").putArray("shipments"), wanted);
        JsonNode batch = client.post("/batches", body);
        String batchId = batch.path("id").asText();
        batch = await(batchId, b -> !b.path("state").asText("").equals("creating"), "batch to be created");

        Map<String, String> leftOut = new LinkedHashMap<>();
        Set<String> taken = new LinkedHashSet<>();
        for (JsonNode s : batch.path("shipments")) {
            String id = s.path("id").asText();
            if (s.path("batch_status").asText("").endsWith("_failed"))
                leftOut.put(id, "EasyPost left it out of batch " + batchId + ": " + s.path("batch_message").asText(s.path("batch_status").asText()));
            else taken.add(id);
        }
        for (String id : wanted)
            if (!taken.contains(id) && !leftOut.containsKey(id)) leftOut.put(id, "not in EasyPost batch " + batchId);
        if (taken.isEmpty())
            throw new CarrierException(CarrierException.Kind.REJECTED, "easypost: no label of the day could go into batch "
                    + batchId + ": " + leftOut.values());
        if (!leftOut.isEmpty()) {
            // A form is refused for a batch that holds a failed shipment: take them out first.
            ObjectNode remove = EasyPostProvider.JSON.createObjectNode();
            shipments(remove.putArray("shipments"), leftOut.keySet());
            client.post("/batches/" + batchId + "/remove_shipments", remove);
        }

        batch = client.post("/batches/" + batchId + "/scan_form", null);
        if (formStatus(batch).equals("creating"))
            batch = await(batchId, b -> !formStatus(b).equals("creating"), "scan form to be created");
        JsonNode form = batch.path("scan_form");
        if (!formStatus(batch).equals("created") || form.path("form_url").asText("").isBlank())
            throw new CarrierException(CarrierException.Kind.REJECTED, "easypost: scan form of batch " + batchId + " "
                    + formStatus(batch) + ": " + form.path("message").asText("no form issued"));
        return new DayClose(form.path("id").asText(), "PDF", client.download(form.path("form_url").asText()), leftOut);
    }

    private static String formStatus(JsonNode batch) {
        return batch.path("scan_form").path("status").asText("");
    }

    private static void shipments(ArrayNode into, Collection<String> ids) {
        for (String id : ids) into.addObject().put("id", id);
    }

    /** Reads the batch until it is done, or gives up with a retryable failure after pollAttempts reads. */
    private JsonNode await(String batchId, Predicate<JsonNode> done, String what) throws CarrierException {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < pollAttempts; i++) {
            JsonNode batch = client.get("/batches/" + batchId);
            if (done.test(batch)) return batch;
            seen.add(batch.path("state").asText());
            try {
                Thread.sleep(pollIntervalMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CarrierException(CarrierException.Kind.UNAVAILABLE, "easypost: interrupted waiting for " + what, null, e);
            }
        }
        throw new CarrierException(CarrierException.Kind.TIMEOUT, "easypost: waited " + pollAttempts + " reads for " + what
                + " (batch " + batchId + ", states " + seen + ")");
    }

    private static long number(String value, long otherwise) {
        try {
            long n = Long.parseLong(value.trim());
            return n > 0 ? n : otherwise;
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
