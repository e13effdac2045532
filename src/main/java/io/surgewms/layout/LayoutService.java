package io.surgewms.layout;

import io.surgewms.barcode.LocationCode;
import io.surgewms.platform.Problem.FieldError;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.hibernate.Session;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Generates a zone's locations from its geometry, and hands that geometry to routing. */
@ApplicationScoped
public class LayoutService {

    @Inject
    EntityManager em;

    @Transactional
    public LayoutView create(@NotNull @Valid NewLayout req) {
        List<FieldError> errors = new ArrayList<>();
        if (req.crossAislesOrZero() + 1 > req.bays())
            errors.add(new FieldError("crossAisles", "must be at most bays - 1 (" + (req.bays() - 1) + ")"));
        if (req.pickFaceLevelsOrDefault() > req.levels())
            errors.add(new FieldError("pickFaceLevels", "must be at most levels (" + req.levels() + ")"));
        if (!errors.isEmpty()) throw ProblemException.invalid(errors);
        if (Layout.findByZone(req.zone()).isPresent())
            throw ProblemException.conflict("zone", "zone '" + req.zone() + "' already has a layout");
        if (Location.count("zone", req.zone()) > 0)
            throw ProblemException.conflict("zone", "zone '" + req.zone() + "' already has locations");

        Layout layout = new Layout();
        layout.zone = req.zone();
        layout.aisles = req.aisles();
        layout.bays = req.bays();
        layout.levels = req.levels();
        layout.crossAisles = req.crossAislesOrZero();
        layout.bayWidthM = req.bayWidthM();
        layout.aislePitchM = req.aislePitchM();
        layout.crossAisleM = req.crossAisleM();
        layout.depotX = req.depotX() == null ? 0 : req.depotX();
        layout.depotY = req.depotY() == null ? 0 : req.depotY();
        try {
            layout.persistAndFlush();
        } catch (PersistenceException e) {
            throw ProblemException.conflict("zone", "zone '" + req.zone() + "' already has a layout");
        }
        List<NewLocation> locations = locationsOf(layout.geometry(), req.zone(), req.levels(), req.pickFaceLevelsOrDefault());
        em.unwrap(Session.class).doWork(c -> {
            try {
                Location.insertAll(c, locations);
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) throw e;
                throw ProblemException.conflict("zone", "a location code of zone '" + req.zone() + "' was just taken");
            }
        });
        return LayoutView.of(layout, req.pickFaceLevelsOrDefault(), locations.size());
    }

    /**
     * Every bin of the zone. Pick sequence is serpentine, the order an S-shape walk meets the bins:
     * aisles ascending, bays ascending in odd aisles and descending in even ones, levels ascending.
     */
    static List<NewLocation> locationsOf(LayoutGeometry g, String zone, int levels, int pickFaceLevels) {
        List<NewLocation> all = new ArrayList<>(g.aisles() * g.bays() * levels);
        int seq = 0;
        for (int aisle = 1; aisle <= g.aisles(); aisle++) {
            double x = g.aisleX(aisle);
            for (int i = 1; i <= g.bays(); i++) {
                int bay = aisle % 2 == 1 ? i : g.bays() + 1 - i;
                double y = g.bayY(bay);
                for (int level = 1; level <= levels; level++) {
                    all.add(new NewLocation(LocationCode.format(zone, aisle, bay, level),
                            level <= pickFaceLevels ? LocationKind.PICK_FACE : LocationKind.RESERVE,
                            zone, aisle, bay, level, 1, x, y, ++seq));
                }
            }
        }
        return all;
    }

    public List<LayoutView> list() {
        Map<String, long[]> stats = zoneStats(null);
        return Layout.<Layout>list("order by zone").stream().map(l -> view(l, stats)).toList();
    }

    public LayoutView get(String zone) {
        Layout l = Layout.findByZone(zone).orElseThrow(() -> ProblemException.notFound("No layout for zone '" + zone + "'"));
        return view(l, zoneStats(zone));
    }

    /** The geometry of a zone, for routing; 404 problem when the zone has no layout. */
    public LayoutGeometry geometry(String zone) {
        return findGeometry(zone).orElseThrow(() -> ProblemException.notFound("No layout for zone '" + zone + "'"));
    }

    public Optional<LayoutGeometry> findGeometry(String zone) {
        return Layout.findByZone(zone).map(Layout::geometry);
    }

    private static LayoutView view(Layout l, Map<String, long[]> stats) {
        long[] s = stats.getOrDefault(l.zone, new long[]{0, 0});
        return LayoutView.of(l, (int) s[1], s[0]);
    }

    /** Per zone: location count and highest pick-face level, in one grouped query. */
    private Map<String, long[]> zoneStats(String zone) {
        String where = zone == null ? "" : " where l.zone = :zone";
        var query = em.createQuery("select l.zone, count(l), coalesce(max(case when l.kind = :pick then l.level end), 0)"
                + " from Location l" + where + " group by l.zone", Object[].class).setParameter("pick", LocationKind.PICK_FACE);
        if (zone != null) query.setParameter("zone", zone);
        Map<String, long[]> stats = new HashMap<>();
        for (Object[] row : query.getResultList())
            stats.put((String) row[0], new long[]{((Number) row[1]).longValue(), ((Number) row[2]).longValue()});
        return stats;
    }
}
