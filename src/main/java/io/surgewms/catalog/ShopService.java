package io.surgewms.catalog;

import io.quarkus.panache.common.Sort;
import io.surgewms.platform.Page;
import io.surgewms.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Creates and finds shops. Other features name a shop by its code. */
@ApplicationScoped
public class ShopService {

    @Transactional
    public ShopView create(@NotNull @Valid NewShop req) {
        if (Shop.findByCode(req.code()).isPresent())
            throw ProblemException.conflict("code", "shop '" + req.code() + "' already exists");
        Shop s = new Shop();
        s.code = req.code();
        s.name = req.name().trim();
        s.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        try {
            s.persistAndFlush();
        } catch (PersistenceException e) { // created by a concurrent request since the check
            throw ProblemException.conflict("code", "shop '" + req.code() + "' already exists");
        }
        return ShopView.of(s);
    }

    public Page<ShopView> list(Integer page, Integer size) {
        int p = Page.page(page), n = Page.size(size);
        var query = Shop.findAll(Sort.by("code"));
        return new Page<>(query.page(p, n).<Shop>list().stream().map(ShopView::of).toList(), p, n, query.count());
    }

    public ShopView get(String code) {
        return ShopView.of(Shop.findByCode(code).orElseThrow(() -> ProblemException.notFound("No shop '" + code + "'")));
    }

    /** The shop a request names in {@code field}; an unknown one is bad input (400), not a missing resource. */
    public Shop require(String code, String field) {
        return Shop.findByCode(code).orElseThrow(() -> ProblemException.invalid(field, "unknown shop '" + code + "'"));
    }
}
