package io.surgewms.intake.channels;

import io.agroal.api.AgroalDataSource;
import io.surgewms.platform.Problem;
import io.surgewms.platform.ProblemException;
import io.surgewms.platform.Tx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shops' accounts on the channels and their SKU mappings (tables channel_account, channel_sku). Secrets and
 * tokens go in sealed ({@link ChannelSecrets}) and never come out through the API.
 */
@ApplicationScoped
public class ChannelAccounts {

    @Inject AgroalDataSource db;
    @Inject ChannelSecrets secrets;

    /**
     * What an admin sends to register an account; the secret and tokens go in and never come out. TikTok: shopCipher
     * (Get Authorized Shops) is required, the tokens' expiry times let them be refreshed before they run out.
     */
    public record NewAccount(String shop, String channel, String account, String appKey, String secret, String accessToken,
                             String baseUrl, String defaultCarrier, String defaultService, Integer shipWithinHours, Boolean active,
                             String shopCipher, String authUrl, OffsetDateTime accessTokenExpiresAt, String refreshToken,
                             OffsetDateTime refreshTokenExpiresAt) {}

    /** New access for an account (a shop connected again, a cipher learnt later): the fields given replace the stored ones. */
    public record Access(String shopCipher, String accessToken, OffsetDateTime accessTokenExpiresAt, String refreshToken,
                         OffsetDateTime refreshTokenExpiresAt) {}

    /** An account as the API shows it: no secret, no token (only whether one is set, when it expires, how its refresh went). */
    public record AccountView(long id, String shop, String channel, String account, String appKey, boolean accessTokenSet,
                              String baseUrl, String defaultCarrier, String defaultService, int shipWithinHours, boolean active,
                              int skus, String shopCipher, OffsetDateTime accessTokenExpiresAt, boolean refreshTokenSet,
                              OffsetDateTime refreshTokenExpiresAt, OffsetDateTime tokenRefreshedAt, String tokenError,
                              OffsetDateTime pausedUntil) {}

    /** channelProductId: the channel's product of the SKU (TikTok's product_id: its Update Inventory names it in the path). */
    public record SkuMapping(String channelSku, String sku, Integer safetyBuffer, String channelProductId) {}

    private static final String SELECT = """
            select a.id, a.shop_id, s.code, a.channel, a.account, a.app_key, a.secret, a.access_token, a.base_url,
                   a.default_carrier, a.default_service, a.ship_within_hours, a.active, a.shop_cipher, a.paused_until
              from channel_account a join shop s on s.id = a.shop_id""";
    private static final String VIEW = """
            select a.id, s.code, a.channel, a.account, a.app_key, a.access_token is not null, a.base_url, a.default_carrier,
                   a.default_service, a.ship_within_hours, a.active, (select count(*) from channel_sku k where k.account_id = a.id),
                   a.shop_cipher, a.access_token_expires_at, a.refresh_token is not null, a.refresh_token_expires_at,
                   a.token_refreshed_at, a.token_error, a.paused_until
              from channel_account a join shop s on s.id = a.shop_id""";

    public AccountView create(NewAccount n) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (n == null) throw ProblemException.invalid("shop", "send shop, channel, account and secret");
        if (blank(n.shop())) errors.add(new Problem.FieldError("shop", "required"));
        if (n.channel() == null || !List.of("tiktok", "shopify").contains(n.channel()))
            errors.add(new Problem.FieldError("channel", "must be one of tiktok, shopify"));
        if (blank(n.account())) errors.add(new Problem.FieldError("account", "required"));
        if (blank(n.secret())) errors.add(new Problem.FieldError("secret", "required"));
        if ("tiktok".equals(n.channel()) && blank(n.shopCipher()))
            errors.add(new Problem.FieldError("shopCipher", "required for TikTok: the shop's cipher from Get Authorized Shops"));
        if (n.shipWithinHours() != null && n.shipWithinHours() <= 0) errors.add(new Problem.FieldError("shipWithinHours", "must be positive"));
        if (n.baseUrl() != null && !n.baseUrl().matches("https?://.+")) errors.add(new Problem.FieldError("baseUrl", "must be an http(s) URL"));
        if (n.authUrl() != null && !n.authUrl().matches("https?://.+")) errors.add(new Problem.FieldError("authUrl", "must be an http(s) URL"));
        if (!blank(n.refreshToken()) && n.accessTokenExpiresAt() == null)
            errors.add(new Problem.FieldError("accessTokenExpiresAt", "required with a refresh token: it says when to refresh"));
        if (!errors.isEmpty()) throw ProblemException.invalid(errors);
        secrets.requireKey(); // no key: 503 before anything is written
        long id = Tx.retrying(() -> {
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    insert into channel_account (shop_id, channel, account, app_key, secret, base_url, default_carrier, default_service,
                                                 ship_within_hours, active, shop_cipher, auth_url, access_token_expires_at, refresh_token_expires_at)
                    select s.id, ?, ?, ?, '', ?, coalesce(?, 'OWN'), coalesce(?, 'STANDARD'), coalesce(?, 48), coalesce(?, true), ?, ?, ?, ?
                      from shop s where s.code = ?
                    on conflict (channel, account) do nothing returning id""")) {
                ps.setString(1, n.channel());
                ps.setString(2, n.account().trim());
                ps.setString(3, n.appKey());
                ps.setString(4, trimUrl(n.baseUrl()));
                ps.setString(5, n.defaultCarrier());
                ps.setString(6, n.defaultService());
                ps.setObject(7, n.shipWithinHours());
                ps.setObject(8, n.active());
                ps.setString(9, blank(n.shopCipher()) ? null : n.shopCipher().trim());
                ps.setString(10, trimUrl(n.authUrl()));
                ps.setObject(11, n.accessTokenExpiresAt());
                ps.setObject(12, n.refreshTokenExpiresAt());
                ps.setString(13, n.shop());
                long newId;
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        if (shopId(c, n.shop()) == null) throw ProblemException.invalid("shop", "no shop " + n.shop());
                        throw ProblemException.conflict("account", "a " + n.channel() + " account " + n.account() + " is already registered");
                    }
                    newId = rs.getLong(1);
                }
                // sealed with the new row's id as associated data: the values open on this row only
                try (PreparedStatement seal = c.prepareStatement("update channel_account set secret = ?, access_token = ?, refresh_token = ? where id = ?")) {
                    seal.setString(1, secrets.seal(newId, "secret", n.secret()));
                    seal.setString(2, secrets.seal(newId, "access_token", blank(n.accessToken()) ? null : n.accessToken()));
                    seal.setString(3, secrets.seal(newId, "refresh_token", blank(n.refreshToken()) ? null : n.refreshToken()));
                    seal.setLong(4, newId);
                    seal.executeUpdate();
                }
                return newId;
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        return view(id);
    }

    /** Replaces what is given of the account's access (cipher, tokens and their expiry); a new token clears the last refresh error. */
    public AccountView updateAccess(long id, Access n) {
        if (n == null) throw ProblemException.invalid("$", "send any of shopCipher, accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt");
        view(id); // 404 when unknown
        boolean tokens = !blank(n.accessToken()) || !blank(n.refreshToken());
        if (tokens) secrets.requireKey();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update channel_account set shop_cipher = coalesce(?, shop_cipher), access_token = coalesce(?, access_token),
                       access_token_expires_at = coalesce(?, access_token_expires_at), refresh_token = coalesce(?, refresh_token),
                       refresh_token_expires_at = coalesce(?, refresh_token_expires_at),
                       token_error = case when ? then null else token_error end, token_attempts = case when ? then 0 else token_attempts end,
                       token_next_attempt = case when ? then null else token_next_attempt end
                 where id = ?""")) {
            ps.setString(1, blank(n.shopCipher()) ? null : n.shopCipher().trim());
            ps.setString(2, secrets.seal(id, "access_token", blank(n.accessToken()) ? null : n.accessToken()));
            ps.setObject(3, n.accessTokenExpiresAt());
            ps.setString(4, secrets.seal(id, "refresh_token", blank(n.refreshToken()) ? null : n.refreshToken()));
            ps.setObject(5, n.refreshTokenExpiresAt());
            ps.setBoolean(6, tokens);
            ps.setBoolean(7, tokens);
            ps.setBoolean(8, tokens);
            ps.setLong(9, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
        return view(id);
    }

    public List<AccountView> list(String shop, String channel) {
        List<AccountView> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(VIEW + " " + """
                 where (cast(? as text) is null or s.code = ?) and (cast(? as text) is null or a.channel = ?)
                 order by a.id""")) {
            ps.setString(1, shop);
            ps.setString(2, shop);
            ps.setString(3, channel);
            ps.setString(4, channel);
            return read(ps, out);
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    public AccountView view(long id) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(VIEW + " where a.id = ?")) {
            ps.setLong(1, id);
            List<AccountView> one = read(ps, new ArrayList<>());
            if (one.isEmpty()) throw ProblemException.notFound("No channel account " + id);
            return one.get(0);
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    private static List<AccountView> read(PreparedStatement ps, List<AccountView> out) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next())
                out.add(new AccountView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10), rs.getBoolean(11), rs.getInt(12),
                        rs.getString(13), rs.getObject(14, OffsetDateTime.class), rs.getBoolean(15), rs.getObject(16, OffsetDateTime.class),
                        rs.getObject(17, OffsetDateTime.class), rs.getString(18), rs.getObject(19, OffsetDateTime.class)));
        }
        return out;
    }

    /** Replaces the account's SKU mappings with these, all or nothing: an unknown SKU of the shop changes nothing. */
    public List<SkuMapping> putSkus(long accountId, List<SkuMapping> mappings) {
        if (mappings == null) throw ProblemException.invalid("$", "send a list of {channelSku, sku, safetyBuffer, channelProductId}");
        AccountView a = view(accountId);
        List<Problem.FieldError> errors = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < mappings.size(); i++) {
            SkuMapping m = mappings.get(i);
            if (m == null || blank(m.channelSku())) errors.add(new Problem.FieldError("[" + i + "].channelSku", "required"));
            else if (!seen.add(m.channelSku())) errors.add(new Problem.FieldError("[" + i + "].channelSku", "mapped twice"));
            if (m == null || blank(m.sku())) errors.add(new Problem.FieldError("[" + i + "].sku", "required"));
            if (m != null && m.safetyBuffer() != null && m.safetyBuffer() < 0) errors.add(new Problem.FieldError("[" + i + "].safetyBuffer", "must not be negative"));
            // TikTok's Update Inventory is POST /product/202309/products/{product_id}/inventory/update: without it no level reaches TikTok
            if (m != null && a.channel().equals("tiktok") && blank(m.channelProductId()))
                errors.add(new Problem.FieldError("[" + i + "].channelProductId", "required for TikTok: the product_id the sku_id belongs to"));
        }
        if (!errors.isEmpty()) throw ProblemException.invalid(errors);
        Tx.retrying(() -> {
            try (Connection c = db.getConnection()) {
                try (PreparedStatement ps = c.prepareStatement("delete from channel_sku where account_id = ?")) {
                    ps.setLong(1, accountId);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into channel_sku (account_id, channel_sku, product_id, safety_buffer, channel_product_id)
                        select a.id, ?, p.id, ?, ? from channel_account a join product p on p.shop_id = a.shop_id and p.sku = ?
                         where a.id = ?""")) {
                    for (int i = 0; i < mappings.size(); i++) {
                        SkuMapping m = mappings.get(i);
                        ps.setString(1, m.channelSku());
                        ps.setInt(2, m.safetyBuffer() == null ? 0 : m.safetyBuffer());
                        ps.setString(3, blank(m.channelProductId()) ? null : m.channelProductId().trim());
                        ps.setString(4, m.sku());
                        ps.setLong(5, accountId);
                        if (ps.executeUpdate() == 0) errors.add(new Problem.FieldError("[" + i + "].sku", "no SKU " + m.sku() + " in shop " + a.shop()));
                    }
                }
                if (!errors.isEmpty()) throw ProblemException.invalid(errors); // rolls the whole replacement back
                return null;
            } catch (SQLException e) {
                throw Tx.unchecked(e);
            }
        });
        return skus(accountId);
    }

    public List<SkuMapping> skus(long accountId) {
        List<SkuMapping> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select k.channel_sku, p.sku, k.safety_buffer, k.channel_product_id from channel_sku k join product p on p.id = k.product_id
                 where k.account_id = ? order by k.channel_sku""")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new SkuMapping(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
            }
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
        return out;
    }

    /** The account's channel SKU → our SKU for these channel SKUs (unmapped ones are absent). */
    public Map<String, String> mappedSkus(long accountId, List<String> channelSkus) {
        Map<String, String> out = new HashMap<>();
        if (channelSkus.isEmpty()) return out;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select k.channel_sku, p.sku from channel_sku k join product p on p.id = k.product_id
                 where k.account_id = ? and k.channel_sku = any(?)""")) {
            ps.setLong(1, accountId);
            ps.setArray(2, c.createArrayOf("text", channelSkus.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
        return out;
    }

    /** The account with its secret, for the service's own use (verifying and signing); null when unknown. */
    public ChannelAccount byId(long id) {
        return one(SELECT + " where a.id = ?", id);
    }

    /** The active account a channel names in its webhooks (TikTok's shop_id, Shopify's domain, in any case). */
    public ChannelAccount active(String channel, String account) {
        return one(SELECT + " where a.channel = ? and lower(a.account) = lower(?) and a.active", channel, account);
    }

    /** The shop's active account on a channel (the oldest when several). */
    public ChannelAccount activeFor(long shopId, String channel) {
        return one(SELECT + " where a.shop_id = ? and a.channel = ? and a.active order by a.id limit 1", shopId, channel);
    }

    private ChannelAccount one(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                long id = rs.getLong(1);
                java.sql.Timestamp paused = rs.getTimestamp(15);
                return new ChannelAccount(id, rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        secrets.open(id, "secret", rs.getString(7)), secrets.open(id, "access_token", rs.getString(8)), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getInt(12), rs.getBoolean(13), rs.getString(14),
                        paused == null ? null : paused.toInstant());
            }
        } catch (SQLException e) {
            throw Tx.unchecked(e);
        }
    }

    private static Long shopId(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id from shop where code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static String trimUrl(String url) {
        return url == null ? null : url.replaceAll("/+$", "");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
