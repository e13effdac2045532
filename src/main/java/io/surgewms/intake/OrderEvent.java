package io.surgewms.intake;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One status transition of an order, with who made it and when: the board counts these. */
@Entity
@Table(name = "order_event")
public class OrderEvent extends PanacheEntityBase {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) public Long id;
    @Column(name = "order_id") public Long orderId;
    @Column(name = "from_status") public String fromStatus;
    @Column(name = "to_status") public String toStatus;
    public String actor;
    public String note;
    public OffsetDateTime at;

    public static OrderEvent record(long orderId, String from, String to, String actor, String note) {
        OrderEvent e = new OrderEvent();
        e.orderId = orderId;
        e.fromStatus = from;
        e.toStatus = to;
        e.actor = actor;
        e.note = note;
        e.at = OffsetDateTime.now();
        e.persist();
        return e;
    }
}
