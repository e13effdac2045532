package io.surgewms.layout;

import io.quarkus.panache.common.Sort;
import io.surgewms.barcode.LocationCode;
import io.surgewms.platform.Page;
import io.surgewms.platform.Problem.FieldError;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** Single locations: create, find by code, list in walking order. */
@ApplicationScoped
public class LocationService {

    @Inject
    LayoutService layouts;

    @Transactional
    public LocationView create(@NotNull @Valid NewLocation req) {
        List<FieldError> errors = new ArrayList<>();
        NewLocation l = complete(req, errors, layouts::findGeometry);
        if (!errors.isEmpty()) throw ProblemException.invalid(errors);
        if (Location.findByCode(l.code()).isPresent())
            throw ProblemException.conflict("code", "location '" + l.code() + "' already exists");
        Location e = new Location();
        e.code = l.code();
        e.kind = l.kind();
        e.zone = l.zone();
        e.aisle = l.aisle();
        e.bay = l.bay();
        e.level = l.level();
        e.position = l.position();
        e.x = Location.metres(l.x()).doubleValue();
        e.y = Location.metres(l.y()).doubleValue();
        e.pickSeq = l.pickSeq();
        try {
            e.persistAndFlush();
        } catch (PersistenceException ex) {
            throw ProblemException.conflict("code", "location '" + l.code() + "' already exists");
        }
        return LocationView.of(e);
    }

    public LocationView get(String code) {
        return LocationView.of(Location.findByCode(code).orElseThrow(() -> ProblemException.notFound("No location '" + code + "'")));
    }

    /** Locations by zone, kind and aisle, or whose code contains {@code q}; in pick sequence, then code. */
    public Page<LocationView> list(String zone, String kind, Integer aisle, String q, Integer page, Integer size) {
        int pg = Page.page(page), n = Page.size(size);
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (zone != null && !zone.isBlank()) {
            where.append(" and zone = :zone");
            params.put("zone", zone);
        }
        if (kind != null && !kind.isBlank()) {
            where.append(" and kind = :kind");
            params.put("kind", kindOf(kind));
        }
        if (aisle != null) {
            where.append(" and aisle = :aisle");
            params.put("aisle", aisle);
        }
        if (q != null && !q.isBlank()) {
            where.append(" and upper(code) like :pattern escape '\\'");
            params.put("pattern", "%" + q.trim().toUpperCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        var query = Location.find(where.toString(), Sort.by("pickSeq").and("code"), params);
        List<Location> found = query.page(pg, n).list();
        return new Page<>(found.stream().map(LocationView::of).toList(), pg, n, query.count());
    }

    static LocationKind kindOf(String kind) {
        try {
            return LocationKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("kind", "must be one of " + java.util.Arrays.toString(LocationKind.values()));
        }
    }

    /**
     * The location with what its code implies filled in, adding a field error for each contradiction:
     * a rack code fixes zone, aisle, bay and level; x/y default to the zone's geometry, position to 1.
     */
    static NewLocation complete(NewLocation l, List<FieldError> errors,
                                Function<String, Optional<LayoutGeometry>> geometryOf) {
        String problem = LocationCode.problemWith(l.code());
        if (problem != null) {
            errors.add(new FieldError("code", problem));
            return l;
        }
        LocationCode rack = LocationCode.parse(l.code());
        if (rack == null) {
            if (l.zone() == null) errors.add(new FieldError("zone", "required for a location without a rack code"));
            return new NewLocation(l.code(), l.kind(), l.zone(), l.aisle(), l.bay(), l.level(), l.position(),
                    orZero(l.x()), orZero(l.y()), l.pickSeq() == null ? 0 : l.pickSeq());
        }
        agree(errors, "zone", l.zone(), rack.zone(), l.code());
        agree(errors, "aisle", l.aisle(), rack.aisle(), l.code());
        agree(errors, "bay", l.bay(), rack.bay(), l.code());
        agree(errors, "level", l.level(), rack.level(), l.code());
        Double x = l.x(), y = l.y();
        if (x == null || y == null) {
            Optional<LayoutGeometry> g = geometryOf.apply(rack.zone());
            boolean onLayout = g.isPresent() && rack.aisle() <= g.get().aisles() && rack.bay() <= g.get().bays();
            if (x == null) x = onLayout ? g.get().aisleX(rack.aisle()) : 0;
            if (y == null) y = onLayout ? g.get().bayY(rack.bay()) : 0;
        }
        return new NewLocation(l.code(), l.kind(), rack.zone(), rack.aisle(), rack.bay(), rack.level(),
                l.position() == null ? 1 : l.position(), x, y, l.pickSeq() == null ? 0 : l.pickSeq());
    }

    private static void agree(List<FieldError> errors, String field, Object given, Object fromCode, String code) {
        if (given != null && !Objects.equals(given, fromCode))
            errors.add(new FieldError(field, "must be " + fromCode + " as code " + code + " says (or left out)"));
    }

    private static double orZero(Double v) { return v == null ? 0 : v; }
}
