package io.surgewms.intake;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.List;

/** An order as stored. Written set-at-a-time by intake; read and changed one at a time through here. */
@Entity
@Table(name = "orders")
public class Order extends PanacheEntityBase {
    @Id public Long id;
    @Column(name = "shop_id") public Long shopId;
    public String channel;
    @Column(name = "external_id") public String externalId;
    public String status;
    @Column(name = "ship_by") public OffsetDateTime shipBy;
    public String carrier;
    public String service;
    public int priority;
    @Column(name = "content_tag") public String contentTag;
    @Column(name = "ship_to_name") public String shipToName;
    @Column(name = "ship_to_line1") public String shipToLine1;
    @Column(name = "ship_to_line2") public String shipToLine2;
    @Column(name = "ship_to_city") public String shipToCity;
    @Column(name = "ship_to_region") public String shipToRegion;
    @Column(name = "ship_to_postal") public String shipToPostal;
    @Column(name = "ship_to_country") public String shipToCountry;
    @Column(name = "ship_to_phone") public String shipToPhone;
    @Column(name = "ship_to_email") public String shipToEmail;
    @Column(name = "ship_to_company") public String shipToCompany;
    @Column(name = "backorder_reason") public String backorderReason;
    public int units;
    @Column(name = "created_at") public OffsetDateTime createdAt;
    @Column(name = "updated_at") public OffsetDateTime updatedAt;

    @OneToMany(mappedBy = "order")
    @OrderBy("lineNo")
    public List<OrderLine> lines;
}
