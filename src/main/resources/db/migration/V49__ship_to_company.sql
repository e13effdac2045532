-- The ship-to company (an office, a shop receiving stock): printed on the label and the packing slip under the name.
alter table orders add column ship_to_company text;
