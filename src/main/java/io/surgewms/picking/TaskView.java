package io.surgewms.picking;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A pick task as the handheld and the supervisor see it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskView(long id, long waveId, String kind, String status, String picker, double routeMetres,
                       int units, int unitsPicked, int stopsDone, List<StopView> stops, StopView next, String expect) {

    /** One stop: where, what, how many, into which tote, and how far it is done. */
    public record StopView(long id, int seq, String location, String sku, String name, int quantity, int picked,
                           String tote, Long orderId, String phase) {}
}
