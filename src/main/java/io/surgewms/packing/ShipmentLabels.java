package io.surgewms.packing;

import io.agroal.api.AgroalDataSource;
import io.surgewms.labels.LabelPreview;
import io.surgewms.labels.LabelTemplates;
import io.surgewms.labels.PackingSlip;
import io.surgewms.labels.PdfLabelRenderer;
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
public class ShipmentLabels {

    @Inject AgroalDataSource db;

    @ConfigProperty(name = "surge.site.name", defaultValue = "Surge Fulfilment") String siteName;
    @ConfigProperty(name = "surge.site.street", defaultValue = "1 Dock Road") String siteStreet;
    @ConfigProperty(name = "surge.site.city", defaultValue = "Austin") String siteCity;
    @ConfigProperty(name = "surge.site.region", defaultValue = "TX") String siteRegion;
    @ConfigProperty(name = "surge.site.postal-code", defaultValue = "78701") String sitePostal;
    @ConfigProperty(name = "surge.site.country", defaultValue = "US") String siteCountry;
    @ConfigProperty(name = "surge.labels.gs1-company-prefix", defaultValue = "0614141") String companyPrefix;

    // The site's edited templates (surge.labels.directory) or the built-in ones; read once, so a broken edit fails at start.
    private final ZplLabelRenderer zpl = new ZplLabelRenderer(LabelTemplates.configured());
    private final PdfLabelRenderer pdf = new PdfLabelRenderer(LabelTemplates.configured());

    public String zpl(long shipmentId, int dpi) {
        return zpl.render(label(shipmentId), dpi);
    }

    public String zpl(Connection c, long shipmentId, int dpi) throws SQLException {
        return zpl.render(label(c, shipmentId), dpi);
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
                       o.ship_to_region, o.ship_to_postal, o.ship_to_country, o.status
                  from shipment sh join orders o on o.id = sh.order_id join shop s on s.id = o.shop_id
                 where sh.id = ?""")) {
            ps.setLong(1, shipmentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("No shipment " + shipmentId);
                List<String> to = new ArrayList<>();
                to.add(rs.getString(11));
                if (rs.getString(12) != null) to.add(rs.getString(12));
                int parcel = rs.getInt(6), parcels = rs.getInt(7);
                // Until the order is packed whole, the count of parcels is not known: "n of n" so far.
                parcels = Math.max(parcel, parcels);
                return new ShippingLabel(
                        new ShippingLabel.Address(siteName, List.of(siteStreet), siteCity, siteRegion, sitePostal, siteCountry),
                        new ShippingLabel.Address(rs.getString(10), to, rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16)),
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(8), rs.getString(9), rs.getString(4),
                        companyPrefix.length(), rs.getInt(5), parcel, parcels, rs.getString(3));
            }
        }
    }

    /** The slip that goes into the parcel, listing the whole order. */
    public byte[] packingSlip(long orderId) {
        try (Connection c = db.getConnection()) {
            ShippingLabel.Address to;
            String ref, shop, date;
            try (PreparedStatement ps = c.prepareStatement("""
                    select o.external_id, s.name, to_char(now(), 'YYYY-MM-DD'), o.ship_to_name, o.ship_to_line1, o.ship_to_line2,
                           o.ship_to_city, o.ship_to_region, o.ship_to_postal, o.ship_to_country
                      from orders o join shop s on s.id = o.shop_id where o.id = ?""")) {
                ps.setLong(1, orderId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw ProblemException.notFound("No order " + orderId);
                    ref = rs.getString(1); shop = rs.getString(2); date = rs.getString(3);
                    List<String> lines = new ArrayList<>();
                    lines.add(rs.getString(5));
                    if (rs.getString(6) != null) lines.add(rs.getString(6));
                    to = new ShippingLabel.Address(rs.getString(4), lines, rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
                }
            }
            List<PackingSlip.Line> lines = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select l.sku, p.name, l.quantity from order_line l join product p on p.id = l.product_id
                     where l.order_id = ? order by l.line_no""")) {
                ps.setLong(1, orderId);
                try (ResultSet rs = ps.executeQuery()) { while (rs.next()) lines.add(new PackingSlip.Line(rs.getString(1), rs.getString(2), rs.getInt(3))); }
            }
            return new PackingSlip(shop, ref, date, to, lines).render();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    String companyPrefix() { return companyPrefix; }
}
