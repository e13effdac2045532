package io.surgewms.shipping;

/** The life of a parcel's label (parcel_label.status; the CHECK constraint in V48 lists the same names). */
public enum LabelStatus {
    /** Wanted: the worker buys it when its turn comes (next_attempt). A retryable failure comes back here, later. */
    PLANNED,
    /** A worker is at the provider with it; if that worker dies, its lease runs out and another takes it. */
    BUYING,
    /** Bought: tracking number and label stored, waiting for (or printed at) the pack station. */
    BOUGHT,
    /** The provider refused it for a reason a person must fix (credentials, parcel, service): retried by hand. */
    FAILED,
    /** The carrier will not deliver to the address as written: a supervisor corrects it, and the plan resumes. */
    ADDRESS_HOLD,
    /** Bought but not wanted any more (order cancelled, parcel re-weighed): the worker voids it at the provider. */
    VOID_PENDING,
    /** Voided at the provider. */
    VOIDED,
    /** Given up before anything was bought. */
    DROPPED;

    /** The statuses of a parcel's one live label (unique per order and parcel in V48). */
    public static final String LIVE_SQL = "('PLANNED','BUYING','BOUGHT','FAILED','ADDRESS_HOLD')";
}
