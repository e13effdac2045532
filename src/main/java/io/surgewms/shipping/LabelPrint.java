package io.surgewms.shipping;

import io.surgewms.labels.LabelSize;
import io.surgewms.labels.PdfToZpl;
import io.surgewms.platform.Jdbc;
import io.surgewms.shipping.spi.LabelFormat;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A bought label as the thermal printer takes it: the provider's ZPL as it came, or its PDF (TikTok's
 * shipping document, an aggregator's PDF) rasterized at the printer's dpi into a ZPL graphic field.
 * The worker converts at the site's usual dpi when it buys, so the scan only copies bytes.
 */
@ApplicationScoped
public class LabelPrint {

    @ConfigProperty(name = "surge.shipping.label-dpi", defaultValue = "203") int usualDpi;
    /** The stock the station printers are loaded with: 4 x 6 in, or 100 x 150 mm in most of Europe. */
    @ConfigProperty(name = "surge.shipping.label-stock", defaultValue = "IN_4X6") LabelSize stock;

    int usualDpi() {
        return usualDpi;
    }

    /** The label as ZPL for a printer of this dpi (a PDF of several pages: one label per page, one print job). */
    byte[] zpl(LabelFormat format, byte[] label, int dpi) {
        if (label == null) return null; // the own range: Surge draws the label when the parcel is packed
        return format == LabelFormat.ZPL ? label
                : String.join("", PdfToZpl.convert(label, dpi, stock)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The stored label of row id as ZPL for this dpi (converted again only when the printer's dpi is not the usual one). */
    byte[] zplFor(Connection c, long labelId, int dpi) throws SQLException {
        return Jdbc.one(c, "select label_format, label, label_zpl, label_dpi from parcel_label where id = ?", rs -> {
            LabelFormat f = LabelFormat.valueOf(rs.getString(1));
            byte[] ready = rs.getBytes(3);
            if (ready != null && (f == LabelFormat.ZPL || rs.getInt(4) == dpi)) return ready;
            return zpl(f, rs.getBytes(2), dpi); // null for the own range: Surge draws it
        }, labelId);
    }
}
