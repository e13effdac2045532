package io.surgewms.bench.spike;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shared, limited market: the same few SKUs listed on TikTok Shop and on Shopify, sold from one stock in the
 * warehouse. Each channel sells a listing only while its own "last level received" from Surge is above zero, and
 * counts its own sales off that level until the next push overwrites it, as a real channel does. A listing sells
 * components (SKU × units): one SKU for a plain listing; a bundle listing is one more {@link #list} call with
 * several components, and its units sold count against each component's stock.
 */
public final class Market {

    /** A channel's offer: sold with the channel's own id, made of components (SKU → units per sale). */
    public static final class Listing {
        public final String channel, id;
        public final Map<String, Integer> components;
        private int level;            // the last level Surge pushed, less this channel's sales since
        private boolean heard;        // no push yet: the channel does not sell
        private long sold, cancelled, soldOut;

        Listing(String channel, String id, Map<String, Integer> components) {
            this.channel = channel;
            this.id = id;
            this.components = components;
        }
    }

    /** A level as the channel received it (wall-clock ms, as PostgreSQL's timestamps). */
    public record Push(String channel, String listing, int quantity, long receivedMillis) {}

    private final Map<String, Listing> listings = new ConcurrentHashMap<>();
    private final List<Push> pushes = new ArrayList<>();
    public final AtomicLong unknownPushes = new AtomicLong();

    static String key(String channel, String id) {
        return channel + "/" + id;
    }

    public Listing list(String channel, String id, Map<String, Integer> components) {
        Listing l = new Listing(channel, id, new LinkedHashMap<>(components));
        listings.put(key(channel, id), l);
        return l;
    }

    public Listing listing(String channel, String id) {
        return listings.get(key(channel, id));
    }

    /** A buyer takes one unit of the listing: true when the channel still showed stock (and counts it off), else sold out. */
    public boolean sell(Listing l) {
        synchronized (l) {
            if (!l.heard || l.level <= 0) { l.soldOut++; return false; }
            l.level--;
            l.sold++;
            return true;
        }
    }

    /** A sale cancelled on the channel: the channel puts the unit back on its listing and it no longer counts as sold. */
    public void cancelled(Listing l) {
        synchronized (l) {
            l.level++;
            l.cancelled++;
        }
    }

    /** Surge's push: the channel's level becomes what Surge says (a channel's stock update is absolute). */
    public void pushed(String channel, String id, int quantity) {
        long now = System.currentTimeMillis();
        Listing l = listings.get(key(channel, id));
        if (l == null) { unknownPushes.incrementAndGet(); return; }
        synchronized (l) {
            l.level = quantity;
            l.heard = true;
        }
        synchronized (pushes) { pushes.add(new Push(channel, id, quantity, now)); }
    }

    public boolean heardAll() {
        return listings.values().stream().allMatch(l -> { synchronized (l) { return l.heard; } });
    }

    public Collection<Listing> listings() {
        return listings.values();
    }

    public List<Push> pushes() {
        synchronized (pushes) { return new ArrayList<>(pushes); }
    }

    /** Units of the SKU the channels sold and did not cancel, over every listing that has it as a component. */
    public long unitsSold(String sku) {
        long n = 0;
        for (Listing l : listings.values()) {
            Integer per = l.components.get(sku);
            if (per == null) continue;
            synchronized (l) { n += (l.sold - l.cancelled) * per; }
        }
        return n;
    }

    public long sold(Listing l) { synchronized (l) { return l.sold; } }
    public long cancelledSales(Listing l) { synchronized (l) { return l.cancelled; } }
    public long soldOut(Listing l) { synchronized (l) { return l.soldOut; } }
    public int level(Listing l) { synchronized (l) { return l.level; } }
}
