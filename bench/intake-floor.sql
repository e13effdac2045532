-- Raw floor for intake (pgbench custom script, run by bench/intake.sh): what intake writes for
-- one single-line, single-unit order, one order per transaction, with no application in between.
-- Variables from pgbench -D: shop (the pgbench shop id), v0 (first of its 3 "viral" stock rows),
-- c0/cn (first id and count of its other stock rows). 80% of orders hit a viral row, 20% any other,
-- like the HTTP mix. Every stock row holds 1,000,000 units, so the conditional update never misses.
\set pick random(1, 100)
\set sid CASE WHEN :pick <= 80 THEN :v0 + random(0, 2) ELSE :c0 + random(0, :cn - 1) END
\set ext random(1, 9000000000000000000)
BEGIN;
INSERT INTO orders (shop_id, channel, external_id, status, ship_by, carrier, service, content_tag,
                    ship_to_name, ship_to_line1, ship_to_city, ship_to_postal, ship_to_country, ship_to_email, units)
     VALUES (:shop, 'tiktok', 'pgb-' || :client_id || '-' || :ext, 'ALLOCATED', '2026-11-23T16:00:00Z', 'UPS', 'GROUND', 'pgbench',
             'Buyer ' || :client_id, '1 Main St', 'Austin', '78701', 'US', 'buyer@example.com', 1)
  RETURNING id AS oid \gset
INSERT INTO order_line (order_id, line_no, product_id, sku, quantity)
     SELECT :oid, 1, p.id, p.sku, 1 FROM stock s JOIN product p ON p.id = s.product_id WHERE s.id = :sid
  RETURNING id AS lid \gset
INSERT INTO allocation (order_id, line_id, stock_id, quantity) VALUES (:oid, :lid, :sid, 1);
INSERT INTO stock_ledger (stock_id, kind, delta_allocated, order_id, actor) VALUES (:sid, 'ALLOCATE', 1, :oid, 'pgbench');
UPDATE stock SET allocated = allocated + 1, updated_at = now() WHERE id = :sid AND on_hand - allocated >= 1;
INSERT INTO order_event (order_id, from_status, to_status, actor) VALUES (:oid, 'RECEIVED', 'ALLOCATED', 'pgbench');
END;
