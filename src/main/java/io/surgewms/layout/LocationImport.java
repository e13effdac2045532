package io.surgewms.layout;

import io.surgewms.platform.CsvReader;
import io.surgewms.platform.CsvTable;
import io.surgewms.platform.ImportResult;
import io.surgewms.platform.ImportResult.Rejected;
import io.surgewms.platform.Problem.FieldError;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bulk upsert of locations by code (CSV or Java). A row that fails writes nothing and is
 * reported; the rest go to the database as two JDBC batches in one transaction.
 */
@ApplicationScoped
public class LocationImport {

    static final List<String> REQUIRED = List.of("code", "kind");
    static final List<String> OPTIONAL = List.of("zone", "aisle", "bay", "level", "position", "x", "y", "pick_seq");

    @Inject
    Validator validator;
    @Inject
    EntityManager em;

    private record Row(int row, NewLocation location) {}

    /** Locations as Java callers hold them; rows are numbered from 1. */
    @Transactional
    public ImportResult rows(List<NewLocation> locations) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < locations.size(); i++) rows.add(new Row(i + 1, locations.get(i)));
        return upsert(rows, new ArrayList<>());
    }

    /** CSV with header code,kind,zone,aisle,bay,level,position,x,y,pick_seq. */
    @Transactional
    public ImportResult csv(String text) {
        CsvTable csv = CsvTable.parse(text, REQUIRED, OPTIONAL);
        List<Rejected> rejected = new ArrayList<>();
        List<Row> rows = csv.map((f, errors) -> {
            LocationKind kind = null;
            String k = csv.text(f, "kind");
            if (k == null) errors.add(new FieldError("kind", "must not be empty"));
            else try {
                kind = LocationService.kindOf(k);
            } catch (ProblemException e) {
                errors.add(e.problem().errors().get(0));
            }
            return new NewLocation(csv.text(f, "code"), kind, csv.text(f, "zone"),
                    csv.whole(f, "aisle", errors), csv.whole(f, "bay", errors), csv.whole(f, "level", errors),
                    csv.whole(f, "position", errors), csv.decimal(f, "x", errors), csv.decimal(f, "y", errors),
                    csv.whole(f, "pick_seq", errors));
        }, rejected).stream().map(m -> new Row(m.row(), m.value())).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        return upsert(rows, rejected);
    }

    private ImportResult upsert(List<Row> rows, List<Rejected> rejected) {
        Map<String, Optional<LayoutGeometry>> geometries = new HashMap<>();
        for (Layout l : Layout.<Layout>listAll()) geometries.put(l.zone, Optional.of(l.geometry()));
        Map<String, Integer> firstRow = new HashMap<>();
        List<Row> accepted = new ArrayList<>();
        for (Row r : rows) {
            List<FieldError> errors = new ArrayList<>();
            for (ConstraintViolation<NewLocation> v : validator.validate(r.location()))
                errors.add(new FieldError(csvName(v.getPropertyPath().toString()), v.getMessage()));
            NewLocation l = errors.isEmpty() ? LocationService.complete(r.location(), errors, z -> geometries.getOrDefault(z, Optional.empty())) : null;
            if (errors.isEmpty()) {
                Integer first = firstRow.putIfAbsent(l.code(), r.row());
                if (first != null) errors.add(new FieldError("code", "location '" + l.code() + "' is already on row " + first));
            }
            errors.sort(Comparator.comparing(FieldError::field));
            for (FieldError e : errors) rejected.add(new Rejected(r.row(), e.field(), e.reason()));
            if (errors.isEmpty()) accepted.add(new Row(r.row(), l));
        }
        rejected.sort(Comparator.comparingInt(Rejected::row));
        if (accepted.isEmpty()) return new ImportResult(0, 0, rejected);

        int[] counts = em.unwrap(Session.class).doReturningWork(c -> {
            Set<String> existing = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("select code from location where code = any(?)")) {
                ps.setArray(1, c.createArrayOf("text", accepted.stream().map(r -> r.location().code()).toArray(String[]::new)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) existing.add(rs.getString(1));
                }
            }
            List<NewLocation> inserts = new ArrayList<>(), updates = new ArrayList<>();
            for (Row r : accepted) (existing.contains(r.location().code()) ? updates : inserts).add(r.location());
            try {
                Location.updateAll(c, updates);
                Location.insertAll(c, inserts);
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState()) && !(e.getNextException() != null && "23505".equals(e.getNextException().getSQLState()))) throw e;
                throw ProblemException.conflict("a location of this import was created by another request meanwhile; nothing was imported, send it again");
            }
            return new int[]{inserts.size(), updates.size()};
        });
        return new ImportResult(counts[0], counts[1], rejected);
    }

    private static String csvName(String field) {
        return "pickSeq".equals(field) ? "pick_seq" : field;
    }

}
