package io.surgewms.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.surgewms.platform.Problem;

import java.time.OffsetDateTime;

/** What intake did with one order: created it, found it already there, released it from its hold, or rejected it (with why). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderResult(int index, Outcome outcome, Long orderId, String externalId, String status,
                          String backorderReason, Problem problem, OffsetDateTime createdAt) {

    /** RELEASED: the order was held and the channel has now released it (with its address): it flows on. */
    public enum Outcome { CREATED, EXISTING, RELEASED, REJECTED }

    public static OrderResult rejected(int index, String externalId, Problem p) {
        return new OrderResult(index, Outcome.REJECTED, null, externalId, null, null, p, null);
    }

    public OrderResult at(int newIndex) {
        return new OrderResult(newIndex, outcome, orderId, externalId, status, backorderReason, problem, createdAt);
    }
}
