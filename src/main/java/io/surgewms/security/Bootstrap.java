package io.surgewms.security;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The first admin of a fresh install: user {@code admin} with the password from SURGE_ADMIN_PASSWORD,
 * made once when no user exists. SURGE_ADMIN_KEY (optional) installs an API key acting as that admin,
 * for provisioning scripts and CI; it is stored hashed like any key.
 */
@ApplicationScoped
public class Bootstrap {
    private static final Logger LOG = Logger.getLogger(Bootstrap.class);

    @Inject Users users;
    @Inject AgroalDataSource db;

    @ConfigProperty(name = "surge.security.admin-password") Optional<String> adminPassword;
    @ConfigProperty(name = "surge.security.admin-key") Optional<String> adminKey;

    void start(@Observes @Priority(Interceptor.Priority.APPLICATION - 10) StartupEvent ev) {
        if (!users.any()) {
            if (adminPassword.filter(p -> !p.isBlank()).isPresent()) {
                users.create(new Users.NewUser("admin", "Administrator", adminPassword.get(), List.of(Roles.ADMIN), null, null, null, true), "bootstrap");
                LOG.info("security: created the first admin account 'admin' (password from SURGE_ADMIN_PASSWORD)");
            } else {
                LOG.warn("security: no user exists yet. Set SURGE_ADMIN_PASSWORD (10+ characters) and restart to create the first admin 'admin'");
            }
        }
        adminKey.filter(k -> !k.isBlank()).ifPresent(this::installKey);
    }

    private void installKey(String key) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into api_key (prefix, key_hash, name, user_id, created_by)
                select ?, ?, 'bootstrap admin key (SURGE_ADMIN_KEY)', id, 'bootstrap' from app_user where username = 'admin'
                on conflict (key_hash) do nothing""")) {
            ps.setString(1, key.substring(0, Math.min(10, key.length())));
            ps.setString(2, Secrets.sha256(key));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
