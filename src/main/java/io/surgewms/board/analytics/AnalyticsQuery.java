package io.surgewms.board.analytics;

import io.surgewms.platform.Problem.FieldError;
import io.surgewms.platform.ProblemException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a supervisor asked for: a range of whole UTC hours [from, to) and the order filters, checked
 * before any SQL runs. The filters become SQL conditions on an orders alias with their parameters.
 */
record AnalyticsQuery(Instant from, Instant to, Long shopId, String shop, String channel, String tag) {

    static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    /** A month of hours: 744 points per chart, and every query stays bounded on its time index. */
    static final Duration MAX_RANGE = Duration.ofDays(31);
    static final Set<String> CHANNELS = Set.of("tiktok", "shopify", "csv", "api");
    /** The tag filter that means "orders without a content tag", as shown in the breakdown. */
    static final String NO_TAG = "(none)";

    /**
     * @param from ISO instant or offset date-time, or a date (its midnight UTC); floored to the hour. Default: to − 24 h.
     * @param to   the same; ceiled to the hour. Default: the end of the current hour.
     */
    static AnalyticsQuery parse(Connection c, String from, String to, String shop, String channel, String tag, Instant now) throws SQLException {
        List<FieldError> errors = new ArrayList<>();
        Instant f = time("from", from, errors), t = time("to", to, errors);
        if (!errors.isEmpty()) throw ProblemException.invalid(errors);
        t = t != null ? ceilHour(t) : f != null ? ceilHour(now).isAfter(f) ? ceilHour(now) : null : ceilHour(now);
        if (t == null) throw ProblemException.invalid("from", "is in the future; give 'to' as well");
        f = f != null ? f.truncatedTo(ChronoUnit.HOURS) : t.minus(DEFAULT_RANGE);
        if (!f.isBefore(t)) throw ProblemException.invalid("from", "must be before 'to' (" + t + ")");
        if (Duration.between(f, t).compareTo(MAX_RANGE) > 0)
            throw ProblemException.invalid("to", "the range may span at most " + MAX_RANGE.toDays() + " days");
        String ch = blank(channel), tg = blank(tag), sh = blank(shop);
        if (ch != null && !CHANNELS.contains(ch))
            throw ProblemException.invalid("channel", "must be one of " + String.join(", ", CHANNELS.stream().sorted().toList()));
        if (tg != null && tg.length() > 200) throw ProblemException.invalid("tag", "at most 200 characters");
        Long shopId = sh == null ? null : shopId(c, sh);
        return new AnalyticsQuery(f, t, shopId, sh, ch, tg);
    }

    AnalyticsView.Filter filter() { return new AnalyticsView.Filter(shop, channel, tag); }

    boolean filtersOrders() { return shopId != null || channel != null || tag != null; }

    /** " and o.shop_id = ? ..." for the filters in use, adding their values to params. */
    String orderConditions(String o, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (shopId != null) { sql.append(" and ").append(o).append(".shop_id = ?"); params.add(shopId); }
        if (channel != null) { sql.append(" and ").append(o).append(".channel = ?"); params.add(channel); }
        if (NO_TAG.equals(tag)) sql.append(" and ").append(o).append(".content_tag is null");
        else if (tag != null) { sql.append(" and ").append(o).append(".content_tag = ?"); params.add(tag); }
        return sql.toString();
    }

    int hours() { return (int) Duration.between(from, to).toHours(); }

    private static Long shopId(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id from shop where code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw ProblemException.invalid("shop", "no shop '" + code + "'");
                return rs.getLong(1);
            }
        }
    }

    private static Instant time(String field, String v, List<FieldError> errors) {
        String s = blank(v);
        if (s == null) return null;
        try {
            if (s.length() == 10) return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "'" + s + "' is not an ISO date-time such as 2026-11-22T08:00:00Z"));
            return null;
        }
    }

    private static Instant ceilHour(Instant t) {
        Instant h = t.truncatedTo(ChronoUnit.HOURS);
        return h.equals(t) ? h : h.plus(Duration.ofHours(1));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
