package io.surgewms.layout;

/** A stored layout; {@code locations} counts the locations of its zone, {@code pickFaceLevels} is read from them. */
public record LayoutView(String zone, int aisles, int bays, int levels, int crossAisles,
                         double bayWidthM, double aislePitchM, double crossAisleM, double depotX, double depotY,
                         int pickFaceLevels, long locations) {

    static LayoutView of(Layout l, int pickFaceLevels, long locations) {
        return new LayoutView(l.zone, l.aisles, l.bays, l.levels, l.crossAisles, l.bayWidthM, l.aislePitchM,
                l.crossAisleM, l.depotX, l.depotY, pickFaceLevels, locations);
    }
}
