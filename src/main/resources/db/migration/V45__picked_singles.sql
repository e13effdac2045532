-- Singles scan-and-ship claims the earliest-deadline PICKED single-unit order for the scanned SKU. Driven
-- from the SKU's order lines that claim read every order ever placed for it, so a scan got slower with each
-- spike's history (12,000 lines of one SKU in the drill). This index holds only the orders waiting at the
-- packing tables, so the claim's cost follows the floor's work in progress, not history.
create index orders_picked_singles on orders (id) where status = 'PICKED' and units = 1;
