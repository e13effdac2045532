package io.surgewms.labels;

import org.apache.pdfbox.pdmodel.common.PDRectangle;

import java.util.Locale;

/**
 * The office paper of a site: A4 in most of the world, US Letter in the US and Canada. Packing slips print on it,
 * and batch label sheets use its usual label stock (A4: 24-up 70 x 37 mm; Letter: Avery 5160, 30-up 2.625 x 1 in).
 * Chosen per site: {@code surge.site.paper} (SURGE_SITE_PAPER), A4 or LETTER.
 */
public enum Paper {
    A4(PDRectangle.A4), LETTER(PDRectangle.LETTER);

    private final PDRectangle page;

    Paper(PDRectangle page) {
        this.page = page;
    }

    /** The page size in points (a fresh copy: PDRectangle is mutable). */
    public PDRectangle page() {
        return new PDRectangle(page.getWidth(), page.getHeight());
    }

    /** A4 or LETTER, any case; anything else names both. */
    public static Paper of(String name) {
        String n = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        if (n.equals("US-LETTER") || n.equals("US_LETTER")) return LETTER;
        try {
            return valueOf(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("surge.site.paper must be A4 or LETTER, not '" + name + "'");
        }
    }

    /** The site's paper from configuration; A4 when nothing is configured (a tool, a unit test). */
    public static Paper configured() {
        try {
            return of(org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue("surge.site.paper", String.class).orElse("A4"));
        } catch (IllegalStateException e) {
            return A4; // no configuration at all outside the service
        }
    }
}
