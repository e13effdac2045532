package io.surgewms.layout;

/** What a location is for; the same list as the location table's check constraint. */
public enum LocationKind {
    /** A bin pickers take from (the lower levels of a rack). */
    PICK_FACE,
    /** Overstock above the pick faces, replenished from. */
    RESERVE,
    TOTE,
    CART,
    STAGING,
    DOCK,
    QUARANTINE
}
