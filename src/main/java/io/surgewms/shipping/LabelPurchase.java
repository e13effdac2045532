package io.surgewms.shipping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.surgewms.devices.PrintQueue;
import io.surgewms.platform.Jdbc;
import io.surgewms.platform.Tx;
import io.surgewms.shipping.spi.AddressVerdict;
import io.surgewms.shipping.spi.BoughtLabel;
import io.surgewms.shipping.spi.CarrierCredentials;
import io.surgewms.shipping.spi.CarrierException;
import io.surgewms.shipping.spi.CarrierProvider;
import io.surgewms.shipping.spi.ParcelSpec;
import io.surgewms.shipping.spi.Rate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One label's purchase (or void), step by step, each step committed before the next call out: shop the
 * rates and store the choice (with the provider's shipment id), check the address, buy with the parcel's
 * key, store the label (converted to ZPL) and, if the parcel is already packed, fill in its tracking number
 * and queue its print job in the same transaction. A failure is classified: retried later, or held for a
 * person with the reason on the order (the board's exceptions) and on the pack station's answer.
 */
@ApplicationScoped
public class LabelPurchase {

    private static final Logger LOG = Logger.getLogger(LabelPurchase.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject AgroalDataSource db;
    @Inject CarrierAccounts accounts;
    @Inject CarrierGuards guards;
    @Inject ShippingRules rules;
    @Inject ParcelFacts facts;
    @Inject LabelPrint print;
    @Inject PrintQueue printQueue;
    @Inject Instance<CarrierProvider> providers;
    @Inject Instance<ParcelLabelDrawer> drawer;

    void handle(long id, boolean isVoid) {
        try {
            if (isVoid) voidOne(id);
            else buyOne(id);
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    private void buyOne(long id) throws SQLException {
        ParcelFacts.Facts f;
        try (Connection c = db.getConnection()) {
            f = facts.of(c, id);
        }
        if (f == null || f.status() != LabelStatus.BUYING) return; // cancelled or taken meanwhile
        try {
            if (!f.addressChecked()) {
                // before any quote: an aggregator's shipment made for an address that cannot be delivered to is waste
                AddressVerdict v = verifyAddress(f);
                if (v.checked() && !v.deliverable()) {
                    hold(id, f.orderId(), LabelStatus.ADDRESS_HOLD, "Address hold: " + (v.messages().isEmpty() ? "undeliverable as written" : String.join("; ", v.messages())));
                    return;
                }
                update("update parcel_label set address_checked = true where id = ?", id);
            }
            CarrierCredentials account;
            Rate rate;
            if (f.rateRef() == null) {
                RateShopping.Choice choice = shop(f);
                if (choice.refused()) {
                    hold(id, f.orderId(), LabelStatus.FAILED, "No service chosen: " + choice.reason());
                    return;
                }
                account = credentials(choice.offer().provider(), choice.offer().accountId(), f.shopId());
                rate = choice.offer().rate();
            } else {
                account = credentials(f.provider(), f.accountId(), f.shopId());
                rate = new Rate(f.carrier(), f.service(), f.costCents() == null ? 0 : f.costCents(), f.currency(), null, null, f.rateRef(), f.quoteRef());
            }
            if (!stillBuying(id)) return; // cancelled while it was being quoted: nothing bought, the void gives it up
            CarrierProvider provider = provider(account.provider());
            ParcelSpec spec = f.spec();
            BoughtLabel bought = guards.call(account, () -> provider.buy(account, spec, rate), BoughtLabel.class);
            store(id, f, bought);
        } catch (CarrierException e) {
            failed(id, f, e);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Label %d: unexpected failure; retried later", id);
            retry(id, f, null, e.toString());
        }
    }

    /** The first verdict of an account that can check addresses (TikTok ships to the address it holds: unchecked). */
    private AddressVerdict verifyAddress(ParcelFacts.Facts f) throws SQLException, CarrierException {
        for (CarrierCredentials a : candidates(f)) {
            CarrierProvider p = provider(a.provider());
            AddressVerdict v = guards.call(a, () -> p.verify(a, f.spec().to()), AddressVerdict.class);
            if (v.checked()) return v;
        }
        return AddressVerdict.unchecked();
    }

    private List<CarrierCredentials> candidates(ParcelFacts.Facts f) throws SQLException {
        try (Connection c = db.getConnection()) {
            return "tiktok".equals(f.provider()) ? List.of(accounts.tiktokFor(f.shopId())) : accounts.activeFor(c, f.shopId());
        }
    }

    /** Rates from every account that may carry the parcel, and the shop's rule's choice, stored before anything is bought. */
    private RateShopping.Choice shop(ParcelFacts.Facts f) throws SQLException, CarrierException {
        List<CarrierCredentials> candidates = candidates(f);
        if (candidates.isEmpty()) throw new CarrierException(CarrierException.Kind.REJECTED, "the shop has no active carrier account");
        List<RateShopping.Offer> offers = new ArrayList<>();
        CarrierException firstFailure = null;
        for (CarrierCredentials a : candidates) {
            CarrierProvider p = provider(a.provider());
            try {
                List<?> rates = guards.call(a, () -> p.rates(a, f.spec()), List.class);
                for (Object r : rates) offers.add(new RateShopping.Offer(a.provider().equals("tiktok") ? null : a.accountId(), a.provider(), (Rate) r));
            } catch (CarrierException e) {
                if (firstFailure == null) firstFailure = e; // another account may still quote
            }
        }
        if (offers.isEmpty() && firstFailure != null) throw firstFailure;
        RateShopping.Choice choice;
        try (Connection c = db.getConnection()) {
            choice = RateShopping.choose(rules.forShop(c, f.shopId()), f.ruleParcel(), offers);
        }
        ArrayNode considered = JSON.createArrayNode();
        for (RateShopping.Offer o : offers) {
            ObjectNode n = considered.addObject();
            n.put("provider", o.provider());
            if (o.accountId() != null) n.put("account", o.accountId());
            n.put("carrier", o.rate().carrier()).put("service", o.rate().service()).put("costCents", o.rate().costCents()).put("currency", o.rate().currency());
            if (o.rate().transitDays() != null) n.put("transitDays", o.rate().transitDays());
        }
        Rate r = choice.refused() ? null : choice.offer().rate();
        update("""
                update parcel_label set rates = cast(? as jsonb), choice = ?, provider = coalesce(?, provider), carrier_account_id = ?,
                       carrier = ?, service = ?, cost_cents = ?, currency = ?, rate_ref = ?, quote_ref = ?
                 where id = ? and status in ('BUYING','VOID_PENDING')""",
                considered.toString(), choice.reason(), r == null ? null : choice.offer().provider(),
                r == null ? Jdbc.NULL_LONG : (choice.offer().accountId() == null ? Jdbc.NULL_LONG : choice.offer().accountId()),
                r == null ? null : r.carrier(), r == null ? null : r.service(), r == null ? Jdbc.NULL_LONG : r.costCents(),
                r == null ? null : r.currency(), r == null ? null : r.rateRef(), r == null ? null : r.quoteRef(), f.id());
        return choice;
    }

    /** Bought: the label stored (and converted for the usual printer); a parcel already packed gets its tracking number and print job. */
    private void store(long id, ParcelFacts.Facts f, BoughtLabel b) throws SQLException {
        int dpi = f.printDpi() != null ? f.printDpi() : print.usualDpi();
        byte[] bought = print.zpl(b.format(), b.label(), dpi);
        boolean queued = Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                // BUYING -> BOUGHT, unless the order was cancelled meanwhile: then the label is kept only to be voided.
                // The parcel may have been packed while the provider answered: where it prints is read again here.
                record Now(String status, Long shipmentId, String station, String printer, String host, Integer port, Integer dpi) {}
                Now now = Jdbc.one(c, """
                        update parcel_label set status = case when status = 'BUYING' then 'BOUGHT' else status end,
                               tracking_number = ?, tracking_url = ?, provider_ref = ?, carrier = ?, service = ?, cost_cents = ?, currency = ?,
                               label_format = ?, label = ?, label_zpl = ?, label_dpi = ?, bought_weight_g = ?, bought_at = now(),
                               last_error = null, next_attempt = case when status = 'VOID_PENDING' then now() else next_attempt end
                         where id = ? and status in ('BUYING','VOID_PENDING')
                        returning status, shipment_id, print_station, print_printer, print_host, print_port, print_dpi""",
                        rs -> new Now(rs.getString(1), Jdbc.longOrNull(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5),
                                Jdbc.intOrNull(rs, 6), Jdbc.intOrNull(rs, 7)),
                        b.trackingNumber(), b.trackingUrl(), b.providerRef(), b.carrier(), b.service(), b.costCents(), b.currency(),
                        b.format(), b.label() == null ? Jdbc.NULL_BYTES : b.label(), bought == null ? Jdbc.NULL_BYTES : bought, dpi, f.weightG(), id);
                if (now == null || !"BOUGHT".equals(now.status()) || now.shipmentId() == null) return false;
                // The parcel was packed while this label was pending: it gets its tracking number and its print job now.
                Jdbc.update(c, """
                        update shipment set tracking_number = ?, carrier = ?, service = ?, label_state = 'READY', label_provider = ?
                         where id = ? and label_state = 'PENDING'""", b.trackingNumber(), b.carrier(), b.service(), providerOf(c, id), now.shipmentId());
                int printDpi = now.dpi() != null ? now.dpi() : dpi;
                // a label sold without bytes (the own range) is drawn by Surge, now that the parcel has its number
                byte[] zpl = bought == null ? drawer.get().drawZpl(c, now.shipmentId(), printDpi)
                        : printDpi == dpi ? bought : print.zpl(b.format(), b.label(), printDpi);
                Jdbc.update(c, """
                        insert into print_job (station, shipment_id, format, payload, printer, printer_host, printer_port, status)
                        values (?, ?, 'ZPL', ?, ?, ?, ?, ?)""", now.station(), now.shipmentId(), zpl, now.printer(),
                        now.printer() == null ? now.host() : null, now.printer() == null && now.port() != null ? now.port() : Jdbc.NULL_INT,
                        now.printer() != null || (now.host() != null && now.port() != null) ? "QUEUED" : "HELD");
                return true;
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        if (queued) printQueue.wake();
    }

    private boolean stillBuying(long id) throws SQLException {
        try (Connection c = db.getConnection()) {
            return "BUYING".equals(Jdbc.one(c, "select status from parcel_label where id = ?", rs -> rs.getString(1), id));
        }
    }

    private static String providerOf(Connection c, long labelId) throws SQLException {
        return Jdbc.one(c, "select provider from parcel_label where id = ?", rs -> rs.getString(1), labelId);
    }

    private void failed(long id, ParcelFacts.Facts f, CarrierException e) throws SQLException {
        switch (e.kind()) {
            case ADDRESS -> hold(id, f.orderId(), LabelStatus.ADDRESS_HOLD, "Address hold: " + e.getMessage());
            case AUTH, REJECTED -> hold(id, f.orderId(), LabelStatus.FAILED, "Label failed: " + e.getMessage());
            default -> retry(id, f, e.retryAfter(), e.getMessage());
        }
    }

    /** A packer waits for an urgent label: it is tried again within seconds; one bought ahead can wait longer. */
    private void retry(long id, ParcelFacts.Facts f, java.time.Duration retryAfter, String error) throws SQLException {
        java.time.Duration wait = f.urgent() ? LabelBuyer.urgentBackoff(f.attempts(), retryAfter) : LabelBuyer.backoff(f.attempts(), retryAfter);
        update("""
                update parcel_label set status = case when status = 'BUYING' then 'PLANNED' else status end,
                       next_attempt = now() + cast(? as interval), last_error = ? where id = ? and status in ('BUYING','VOID_PENDING')""",
                wait.toMillis() + " milliseconds", cut(error), id);
    }

    /** Waits for a person: the reason on the label and as the order's exception (the board lists those). */
    private void hold(long id, long orderId, LabelStatus status, String why) throws SQLException {
        Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                if (Jdbc.update(c, "update parcel_label set status = ?, last_error = ? where id = ? and status = 'BUYING'", status, cut(why), id) > 0)
                    Jdbc.update(c, "update orders set exception = ? where id = ? and status not in ('SHIPPED','CANCELLED')", cut(why), orderId);
                return null;
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
    }

    private void voidOne(long id) throws SQLException {
        ParcelFacts.Facts f;
        try (Connection c = db.getConnection()) {
            f = facts.of(c, id);
        }
        if (f == null || f.status() != LabelStatus.VOID_PENDING) return;
        try {
            BoughtLabel label;
            if (f.providerRef() == null && f.tracking() == null) {
                // Nothing recorded; but a buy whose answer was lost (or that a dead worker made) may still have sold one:
                // ask the provider before giving the row up, or the label is paid for and never refunded.
                BoughtLabel sold = f.rateRef() == null ? null : soldAlready(f);
                if (sold == null) {
                    update("update parcel_label set status = 'DROPPED', voided_at = now() where id = ? and status = 'VOID_PENDING'", id);
                    return;
                }
                update("update parcel_label set tracking_number = ?, provider_ref = ? where id = ?", sold.trackingNumber(), sold.providerRef(), id);
                label = sold;
            } else label = new BoughtLabel(f.providerRef(), f.tracking(), f.carrier(), f.service(), 0, f.currency(), null, null, null);
            CarrierCredentials account = credentials(f.provider(), f.accountId(), f.shopId());
            guards.call(account, () -> {
                provider(account.provider()).voidLabel(account, label);
                return Boolean.TRUE;
            }, Boolean.class);
            update("update parcel_label set status = 'VOIDED', voided_at = now() where id = ? and status = 'VOID_PENDING'", id);
        } catch (CarrierException e) {
            update("update parcel_label set next_attempt = now() + cast(? as interval), last_error = ? where id = ? and status = 'VOID_PENDING'",
                    LabelBuyer.backoff(f.attempts(), e.retryAfter()).toMillis() + " milliseconds", cut("void failed: " + e.getMessage()), id);
        }
    }

    private BoughtLabel soldAlready(ParcelFacts.Facts f) throws SQLException, CarrierException {
        CarrierCredentials account = credentials(f.provider(), f.accountId(), f.shopId());
        Rate rate = new Rate(f.carrier(), f.service(), f.costCents() == null ? 0 : f.costCents(), f.currency(), null, null, f.rateRef(), f.quoteRef());
        CarrierProvider p = provider(account.provider());
        return guards.call(account, () -> p.sold(account, f.spec(), rate), BoughtLabel.class);
    }

    private CarrierCredentials credentials(String provider, Long accountId, long shopId) throws SQLException {
        if ("tiktok".equals(provider)) return accounts.tiktokFor(shopId);
        try (Connection c = db.getConnection()) {
            return accounts.credentials(c, accountId);
        }
    }

    private CarrierProvider provider(String code) throws CarrierException {
        for (CarrierProvider p : providers) if (p.code().equals(code)) return p;
        throw new CarrierException(CarrierException.Kind.REJECTED, "no provider " + code + " in this build");
    }

    private int update(String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection()) {
            return Jdbc.update(c, sql, args);
        }
    }

    private static String cut(String s) {
        return s == null ? null : s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}
