package io.surgewms.layout;

public record LocationView(long id, String code, LocationKind kind, String zone, Integer aisle, Integer bay,
                           Integer level, Integer position, double x, double y, int pickSeq, boolean active) {

    static LocationView of(Location l) {
        return new LocationView(l.id, l.code, l.kind, l.zone, l.aisle, l.bay, l.level, l.position, l.x, l.y, l.pickSeq, l.active);
    }
}
