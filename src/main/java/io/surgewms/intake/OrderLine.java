package io.surgewms.intake;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "order_line")
public class OrderLine extends PanacheEntityBase {
    @Id public Long id;
    @ManyToOne(fetch = FetchType.LAZY) @JoinColumn(name = "order_id") public Order order;
    @Column(name = "line_no") public int lineNo;
    @Column(name = "product_id") public Long productId;
    public String sku;
    public int quantity;
}
