package io.surgewms.picking;

import io.agroal.api.AgroalDataSource;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Carriers' daily pickup times (UTC). Waves order by the deadline they imply, not by ship-by alone. */
@ApplicationScoped
public class CarrierCutoffs {

    @Inject AgroalDataSource db;

    public record Cutoff(String carrier, String cutoff) {}

    public List<Cutoff> list() {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select carrier, to_char(cutoff, 'HH24:MI') from carrier_cutoff order by carrier");
             ResultSet rs = ps.executeQuery()) {
            List<Cutoff> out = new ArrayList<>();
            while (rs.next()) out.add(new Cutoff(rs.getString(1), rs.getString(2)));
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public Cutoff set(String carrier, String cutoff) {
        if (carrier == null || carrier.isBlank() || carrier.length() > 40) throw ProblemException.invalid("carrier", "1-40 characters");
        LocalTime t;
        try {
            t = LocalTime.parse(cutoff == null ? "" : cutoff);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("cutoff", "a time of day such as 15:30 (UTC)");
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into carrier_cutoff (carrier, cutoff) values (?, ?)
                on conflict (carrier) do update set cutoff = excluded.cutoff, updated_at = now()""")) {
            ps.setString(1, carrier);
            ps.setObject(2, t);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return new Cutoff(carrier, t.toString());
    }

    public void remove(String carrier) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("delete from carrier_cutoff where carrier = ?")) {
            ps.setString(1, carrier);
            if (ps.executeUpdate() == 0) throw ProblemException.notFound("No cutoff for carrier " + carrier);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
