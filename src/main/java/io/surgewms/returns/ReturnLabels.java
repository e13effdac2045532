package io.surgewms.returns;

import io.agroal.api.AgroalDataSource;
import io.surgewms.labels.LabelPreview;
import io.surgewms.labels.LabelSize;
import io.surgewms.labels.LabelTemplates;
import io.surgewms.labels.PdfLabelRenderer;
import io.surgewms.labels.ZplTemplate;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The return label a customer puts on the parcel: from the customer (the order's ship-to), to the
 * warehouse (the site address the shipping labels use as ship-from), the order reference, what comes
 * back, and the RMA code as Code 128 for the returns station. ZPL and PDF from labels/return-4x6.*.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // reads the templates at start: a broken site edit stops the service with its line number
public class ReturnLabels {

    public static final String ZPL = "return-4x6.zpl", LAYOUT = "return-4x6.pdf.layout";

    @Inject AgroalDataSource db;

    @Inject io.surgewms.platform.Site site;

    private final ZplTemplate zpl = LabelTemplates.configured().zpl(ZPL);
    private final PdfLabelRenderer pdf = new PdfLabelRenderer(LabelTemplates.configured(), LAYOUT);

    public String zpl(long rmaId, int dpi) {
        Map<String, String> v = values(rmaId);
        v.put("labelWidthDots", Integer.toString(LabelSize.IN_4X6.widthDots(dpi)));
        v.put("labelLengthDots", Integer.toString(LabelSize.IN_4X6.heightDots(dpi)));
        return zpl.render(v, dpi);
    }

    public byte[] pdf(long rmaId) {
        return pdf.render(values(rmaId), LabelSize.IN_4X6);
    }

    public byte[] png(long rmaId) {
        return LabelPreview.png(pdf(rmaId), LabelPreview.PRINTER_DPI);
    }

    /** The label's printed strings; null leaves a line out. */
    Map<String, String> values(long rmaId) {
        Map<String, String> m = new HashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select r.code, o.external_id, s.name, o.carrier, o.ship_to_name, o.ship_to_line1, o.ship_to_line2,
                       o.ship_to_postal, o.ship_to_city, o.ship_to_region, o.ship_to_country, to_char(r.created_at, 'YYYY-MM-DD'),
                       (select string_agg(l.sku || ' x' || l.quantity, ', ' order by l.line_no) from rma_line l where l.rma_id = r.id),
                       (select sum(quantity) from rma_line where rma_id = r.id),
                       (select string_agg(distinct l.reason, ', ') from rma_line l where l.rma_id = r.id)
                  from rma r join orders o on o.id = r.order_id join shop s on s.id = r.shop_id where r.id = ?""")) {
            ps.setLong(1, rmaId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.notFound("No return " + rmaId);
                m.put("rmaCode", rs.getString(1));
                m.put("orderLine", "Order " + clean(rs.getString(2)));
                m.put("shopLine", "Shop " + clean(rs.getString(3)));
                m.put("carrier", clean(rs.getString(4)).toUpperCase(Locale.ROOT));
                m.put("shipFromName", clean(rs.getString(5)));
                m.put("shipFromLine1", clean(rs.getString(6)));
                m.put("shipFromLine2", clean(rs.getString(7)));
                m.put("shipFromCityLine", join(rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11)));
                m.put("issuedLine", "Issued " + rs.getString(12));
                int units = rs.getInt(14);
                m.put("itemsLine", units + (units == 1 ? " item: " : " items: ") + clean(rs.getString(13)));
                m.put("reasonLine", "Reason " + clean(rs.getString(15)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        m.put("shipToName", clean(site.name()) + " Returns");
        m.put("shipToLine1", clean(site.street()));
        m.put("shipToCityLine", join(site.postalCode(), site.city(), site.region()));
        m.put("shipToCountry", clean(site.country()).toUpperCase(Locale.ROOT));
        return m;
    }

    /** One line of printable text: control characters (a pasted newline) would break a label line. */
    private static String clean(String s) {
        if (s == null || s.isBlank()) return null;
        return s.replaceAll("\\p{Cntrl}", " ").strip();
    }

    private static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) if (p != null && !p.isBlank()) sb.append(sb.isEmpty() ? "" : " ").append(clean(p));
        return sb.isEmpty() ? null : sb.toString();
    }
}
