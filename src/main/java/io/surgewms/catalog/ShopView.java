package io.surgewms.catalog;

import java.time.Instant;

public record ShopView(long id, String code, String name, Instant createdAt) {

    static ShopView of(Shop s) {
        return new ShopView(s.id, s.code, s.name, s.createdAt);
    }
}
