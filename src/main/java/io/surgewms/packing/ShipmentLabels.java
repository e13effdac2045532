package io.surgewms.packing;

import io.agroal.api.AgroalDataSource;
import io.surgewms.labels.LabelPreview;
import io.surgewms.labels.LabelTemplates;
import io.surgewms.labels.PackingSlip;
import io.surgewms.labels.Paper;
import io.surgewms.labels.PdfLabelRenderer;
import io.surgewms.labels.PrinterFonts;
import io.surgewms.labels.ShippingLabel;
import io.surgewms.labels.ZplLabelRenderer;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Builds a shipment's label from the database and renders it as ZPL (for the printer) or PDF (download). */
@ApplicationScoped
@io.quarkus.runtime.Startup // builds the renderers at start: a broken site template stops the service with its line number
public class ShipmentLabels implements io.surgewms.shipping.ParcelLabelDrawer {

    @Inject AgroalDataSource db;

    @Inject io.surgewms.platform.Site site;
    @ConfigProperty(name = "surge.labels.gs1-company-prefix", defaultValue = "0614141") String companyPrefix;
    @ConfigProperty(name = "surge.site.paper", defaultValue = "A4") String paper;

    private Paper sitePaper = Paper.A4;

    /** A typo in surge.site.paper stops the service at start (this bean is built then), not at the first slip. */
    @jakarta.annotation.PostConstruct
    void readPaper() {
        sitePaper = Paper.of(paper);
    }

    // The site's edited templates (surge.labels.directory) or the built-in ones; read once, so a broken edit fails at start.
    private final ZplLabelRenderer zpl = new ZplLabelRenderer(LabelTemplates.configured());
    private final PdfLabelRenderer pdf = new PdfLabelRenderer(LabelTemplates.configured());

    public String zpl(long shipmentId, int dpi) {
        return zpl.render(label(shipmentId), dpi);
    }

    @Override
    public byte[] drawZpl(Connection c, long shipmentId, int dpi) throws SQLException {
        return zpl(c, shipmentId, dpi).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    public String zpl(Connection c, long shipmentId, int dpi) throws SQLException {
        return zpl.render(label(c, shipmentId), dpi);
    }

    /** The label for a printer with these fonts: Cyrillic, Greek, CJK in its Unicode font, else drawn as pictures. */
    public String zpl(Connection c, long shipmentId, int dpi, PrinterFonts fonts) throws SQLException {
        return zpl.render(label(c, shipmentId), dpi, fonts);
    }

    /**
     * The fonts of a printer device (its option {@code unicodeFont}); none for no device or no such option. A value
     * the profile check would refuse (written before it existed) counts as none: the label then draws pictures.
     */
    public PrinterFonts printerFonts(Connection c, String device) throws SQLException {
        if (device == null) return PrinterFonts.NONE;
        try (PreparedStatement ps = c.prepareStatement("select options->>'unicodeFont' from device where name = ?")) {
            ps.setString(1, device);
            try (ResultSet rs = ps.executeQuery()) {
                String font = rs.next() ? rs.getString(1) : null;
                return PrinterFonts.problemWith(font) == null ? PrinterFonts.of(font) : PrinterFonts.NONE;
            }
        }
    }

    public byte[] pdf(long shipmentId) {
        return pdf.render(label(shipmentId));
    }

    /** What the printer will print, as a picture for screens: the PDF path rasterized at printer resolution. */
    public byte[] png(long shipmentId) {
        return LabelPreview.png(pdf(shipmentId), LabelPreview.PRINTER_DPI);
    }

    ShippingLabel label(long shipmentId) {
        try (Connection c = db.getConnection()) {
            return label(c, shipmentId);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    ShippingLabel label(Connection c, long shipmentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select sh.carrier, sh.service, sh.tracking_number, sh.sscc, sh.weight_g, sh.parcel_no,
                       (select count(*) from shipment x where x.order_id = sh.order_id and x.status <> 'VOID'),
                       o.external_id, s.name, o.ship_to_name, o.ship_to_line1, o.ship_to_line2, o.ship_to_city,
                       o.ship_to_region, o.ship_to_postal, o.ship_to_country, o.ship_to_company
                  from shipment sh join orders o on o.id = sh.order_id join shop s on s.id = o.shop_id
                 where sh.id = ?""")) {
            ps.setLong(1, shipmentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("No shipment " + shipmentId);
                int parcel = rs.getInt(6);
                // Until the order is packed whole, the count of parcels is not known: "n of n" so far.
                return label(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), parcel,
                        Math.max(parcel, rs.getInt(7)), rs.getString(8), rs.getString(9), shipTo(rs, 10, 17));
            }
        }
    }

    /**
     * The ship-to address from seven columns (name, line 1, line 2, city, region, postal code, country) starting at
     * {@code first}, without the company (the singles scan reads these seven by position).
     */
    static ShippingLabel.Address shipTo(ResultSet rs, int first) throws SQLException {
        return shipTo(rs, first, 0);
    }

    /** The same, with the company from column {@code company} (0: none). */
    static ShippingLabel.Address shipTo(ResultSet rs, int first, int company) throws SQLException {
        List<String> lines = new ArrayList<>();
        lines.add(rs.getString(first + 1));
        if (rs.getString(first + 2) != null) lines.add(rs.getString(first + 2));
        return new ShippingLabel.Address(rs.getString(first), company == 0 ? null : rs.getString(company), lines,
                rs.getString(first + 3), rs.getString(first + 4), rs.getString(first + 5), rs.getString(first + 6));
    }

    /** A parcel's label from its parts: what {@link #label(Connection, long)} reads, or a hot path already holds. */
    ShippingLabel label(String carrier, String service, String tracking, String sscc, int weightG, int parcel, int parcels,
                        String orderReference, String shopName, ShippingLabel.Address to) {
        return new ShippingLabel(new ShippingLabel.Address(site.name(), List.of(site.street()), site.city(), site.region(), site.postalCode(), site.country()),
                to, carrier, service, tracking, orderReference, shopName, sscc, companyPrefix.length(), weightG, parcel, parcels, tracking);
    }

    String zpl(ShippingLabel label, int dpi) {
        return zpl.render(label, dpi);
    }

    String zpl(ShippingLabel label, int dpi, PrinterFonts fonts) {
        return zpl.render(label, dpi, fonts);
    }

    /** The slip that goes into the parcel, listing the whole order, on the site's paper. */
    public byte[] packingSlip(long orderId) {
        try (Connection c = db.getConnection()) {
            ShippingLabel.Address to;
            String ref, shop, date;
            try (PreparedStatement ps = c.prepareStatement("""
                    select o.external_id, s.name, to_char(now(), 'YYYY-MM-DD'), o.ship_to_name, o.ship_to_line1, o.ship_to_line2,
                           o.ship_to_city, o.ship_to_region, o.ship_to_postal, o.ship_to_country, o.ship_to_company
                      from orders o join shop s on s.id = o.shop_id where o.id = ?""")) {
                ps.setLong(1, orderId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw ProblemException.notFound("No order " + orderId);
                    ref = rs.getString(1); shop = rs.getString(2); date = rs.getString(3);
                    to = shipTo(rs, 4, 11);
                }
            }
            List<PackingSlip.Line> lines = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select l.sku, p.name, l.quantity from order_line l join product p on p.id = l.product_id
                     where l.order_id = ? order by l.line_no""")) {
                ps.setLong(1, orderId);
                try (ResultSet rs = ps.executeQuery()) { while (rs.next()) lines.add(new PackingSlip.Line(rs.getString(1), rs.getString(2), rs.getInt(3))); }
            }
            return new PackingSlip(shop, ref, date, to, lines).render(sitePaper);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    String companyPrefix() { return companyPrefix; }
}
