package com.ecomnow.email.mail;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The {@code sent_emails} table, in plain SQL: one insert per email, inside the consumer's transaction. */
@Repository
public class SentEmails {

    private static final String COLUMNS = "id, event_id, order_id, recipient, subject, body, delivery, sent_at";
    private static final RowMapper<SentEmail> ROW = (row, n) -> new SentEmail(row.getObject("id", UUID.class),
            row.getObject("event_id", UUID.class), row.getObject("order_id", UUID.class), row.getString("recipient"),
            row.getString("subject"), row.getString("body"), row.getString("delivery"),
            row.getTimestamp("sent_at").toInstant());

    private final JdbcTemplate jdbc;

    SentEmails(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(SentEmail email) {
        jdbc.update("insert into sent_emails (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)", email.id(),
                email.eventId(), email.orderId(), email.recipient(), email.subject(), email.body(), email.delivery(),
                Timestamp.from(email.sentAt()));
    }

    public List<SentEmail> forOrder(UUID orderId) {
        return jdbc.query("select " + COLUMNS + " from sent_emails where order_id = ? order by sent_at desc", ROW,
                orderId);
    }

    List<SentEmail> latest(int limit) {
        return jdbc.query("select " + COLUMNS + " from sent_emails order by sent_at desc limit ?", ROW, limit);
    }
}
